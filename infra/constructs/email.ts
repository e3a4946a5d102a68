import { Duration, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CovenantFunction } from './covenant-function.js';

/**
 * SES to the directory: every email is sent with a configuration set whose bounce and complaint
 * events reach a handler that marks the address as bouncing (and a metric the operator's alarm watches).
 */
export class EmailBounces extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly events: Topic;
  readonly subscriptionDeadLetters: Queue;

  get configurationSetArn(): string {
    const stack = Stack.of(this);
    return `arn:${stack.partition}:ses:${stack.region}:${stack.account}:configuration-set/${this.configurationSet.configurationSetName}`;
  }

  constructor(scope: Construct, id: string, props: { handler: CovenantFunction; key: IKey }) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });
    this.events = new Topic(this, 'SesEvents', { masterKey: props.key, enforceSSL: true });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.events),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    // CDK's event destination adds the topic policy for SES, scoped to this account and configuration set.
    // An SES event the handler cannot take lands here instead of being lost.
    this.subscriptionDeadLetters = new Queue(this, 'UnhandledSesEvents', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    props.handler.addEventSource(
      new SnsEventSource(this.events, { deadLetterQueue: this.subscriptionDeadLetters }),
    );
  }
}
