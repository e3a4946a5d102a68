import { CfnOutput, Fn } from 'aws-cdk-lib';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface SenderIdentityProps {
  senderEmail: string;
  /** `domain`: verify the whole domain with Easy DKIM; `address`: only this one address (SES emails a link). */
  kind: 'domain' | 'address';
}

/**
 * The SES identity the emails are sent from, created by the stack. For a domain, the outputs are the
 * three DKIM CNAME records the operator puts in DNS; for an address, SES emails a confirmation link.
 */
export class SenderIdentity extends Construct {
  readonly identity: EmailIdentity;
  readonly identityName: string;

  constructor(scope: Construct, id: string, props: SenderIdentityProps) {
    super(scope, id);
    const domain = props.senderEmail.split('@')[1] as string;
    this.identityName = props.kind === 'domain' ? domain : props.senderEmail;
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: props.kind === 'domain' ? Identity.domain(domain) : Identity.email(props.senderEmail),
    });
    if (props.kind === 'domain') {
      const tokens = [
        [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
        [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
        [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
      ] as const;
      tokens.forEach(([name, value], i) => {
        new CfnOutput(scope, `DkimRecord${i + 1}`, {
          description: `DNS for DKIM of ${domain}: a CNAME record (name, then value)`,
          value: Fn.join(' CNAME ', [name, value]),
        });
      });
    } else {
      new CfnOutput(scope, 'SenderVerification', {
        description:
          'SES sends a confirmation link to this address: click it before the first email goes out',
        value: props.senderEmail,
      });
    }
  }
}
