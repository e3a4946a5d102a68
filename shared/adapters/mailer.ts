import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { EmailMessage } from '../domain/emails.js';
import { singleLine } from '../domain/html.js';

export interface Mailer {
  send(to: string, message: EmailMessage): Promise<string>;
}

/** Sends one email through SES. The address always comes from the directory, never from a form. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
    private readonly configurationSet?: string,
  ) {}

  async send(to: string, message: EmailMessage): Promise<string> {
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: `Convenant Veilig in en om school <${this.sender}>`,
        Destination: { ToAddresses: [to] },
        Message: {
          Subject: { Data: singleLine(message.subject), Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
        },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
    return out.MessageId ?? 'unknown';
  }
}
