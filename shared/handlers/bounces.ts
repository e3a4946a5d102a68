import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SNSEvent } from 'aws-lambda';
import type { DirectoryRepository } from '../app/ports.js';
import type { Runtime } from './runtime.js';

export interface BouncesDeps {
  store: DirectoryRepository;
  logger: Logger;
  metrics: Metrics;
}

interface SesNotification {
  eventType?: string;
  notificationType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: Array<{ emailAddress: string }> };
  complaint?: { complainedRecipients?: Array<{ emailAddress: string }> };
}

/** The addresses an SES event says are bouncing (permanent bounces) or complaining. */
export function problemAddresses(notification: SesNotification): string[] {
  const type = notification.eventType ?? notification.notificationType;
  if (type === 'Bounce' && notification.bounce?.bounceType === 'Permanent') {
    return (notification.bounce.bouncedRecipients ?? []).map((r) => r.emailAddress.toLowerCase());
  }
  if (type === 'Complaint')
    return (notification.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress.toLowerCase());
  return [];
}

/**
 * SES bounce and complaint events (through the configuration set's SNS topic): the party with that
 * address is marked as bouncing in the directory, and a metric the operator's alarm watches goes up.
 */
export function createBouncesHandler(deps: BouncesDeps) {
  return async (event: SNSEvent): Promise<void> => {
    try {
      for (const record of event.Records) {
        const addresses = problemAddresses(JSON.parse(record.Sns.Message) as SesNotification);
        if (!addresses.length) continue;
        const directory = await deps.store.listDirectory();
        for (const party of directory.filter((p) => addresses.includes(p.email.toLowerCase()))) {
          await deps.store.updateParty({ ...party, bouncing: true });
          deps.metrics.addMetric('AddressBouncing', MetricUnit.Count, 1);
          deps.logger.error('directory address bounces: fix it with npm run admin -- import', {
            partyId: party.id,
          });
        }
      }
    } finally {
      if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    }
  };
}

export const bouncesFromRuntime = ({ clients, logger, metrics }: Runtime) =>
  createBouncesHandler({ store: clients.store, logger, metrics });
