import { type SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DeadlineError, type Mailer, type SendOptions } from '../app/ports.js';
import type { EmailMessage } from '../domain/emails.js';
import { singleLine } from '../domain/html.js';
import { currentInvocationSignal, throwIfAbandoned } from './invocation.js';

export { DeadlineError, type Mailer, type SendOptions };

/**
 * Hands out send slots at the account's rate. The in-memory pacer holds for one process; the store's
 * `reserveSendSlot` holds for every container together (see ADR 0002).
 */
export interface Pacer {
  reserve(nowMs: number, intervalMs: number): Promise<number>;
}

export class MemoryPacer implements Pacer {
  private nextSlot = 0;
  async reserve(nowMs: number, intervalMs: number): Promise<number> {
    const at = Math.max(nowMs, this.nextSlot);
    this.nextSlot = at + intervalMs;
    return at;
  }
}

/** Sends one email through SES. The address always comes from the directory, never from a form. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly sender: string,
    private readonly configurationSet?: string,
    /** SES's maximum send rate for the account; sends are spaced so it is never exceeded. */
    private readonly ratePerSecond = 14,
    private readonly pacer: Pacer = new MemoryPacer(),
  ) {}

  /** Waits for the next send slot: one send every 1/rate seconds, over all senders sharing the pacer. */
  private async slot(notAfter?: number): Promise<void> {
    const now = Date.now();
    const at = await this.pacer.reserve(now, 1000 / this.ratePerSecond);
    if (notAfter !== undefined && at > notAfter) throw new DeadlineError();
    const wait = at - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    throwIfAbandoned();
  }

  async send(to: string, message: EmailMessage, options: SendOptions = {}): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      await this.slot(options.notAfter);
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
    const signal = currentInvocationSignal();
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
      signal ? { abortSignal: signal } : {},
    );
    return out.MessageId ?? 'unknown';
  }
}
