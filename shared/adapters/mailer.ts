import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { EmailMessage } from '../domain/emails.js';
import { singleLine } from '../domain/html.js';

export interface Mailer {
  send(to: string, message: EmailMessage): Promise<string>;
}

/** Sends one email through SES. The address always comes from the directory, never from a form. */
export class SesMailer implements Mailer {
  private nextSlot = 0;

  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
    private readonly configurationSet?: string,
    /** SES's maximum send rate for the account; sends are spaced so it is never exceeded. */
    private readonly ratePerSecond = 14,
  ) {}

  /** Waits for this container's next send slot: one send every 1/rate seconds. */
  private async slot(): Promise<void> {
    const interval = 1000 / this.ratePerSecond;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + interval;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }

  async send(to: string, message: EmailMessage): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      await this.slot();
      try {
        return await this.sendOnce(to, message);
      } catch (error) {
        // SES answers "Throttling: Maximum sending rate exceeded": back off and try again, a few times.
        const throttled = (error as { name?: string }).name === 'Throttling';
        if (!throttled || attempt >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  private async sendOnce(to: string, message: EmailMessage): Promise<string> {
    const out = await this.ses.send(
      new SendEmailCommand({
        Source: `Convenant Veilig in en om school <${this.sender}>`,
        Destination: { ToAddresses: [to] },
        ...(message.replyTo ? { ReplyToAddresses: [message.replyTo] } : {}),
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
