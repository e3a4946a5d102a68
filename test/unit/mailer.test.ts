import type { SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../shared/adapters/mailer.js';

/** A stand-in for the SES client only: what is tested is our pacing and back-off around it. */
function recordingClient(failures: string[]) {
  const calls: number[] = [];
  const client = {
    send: async () => {
      calls.push(Date.now());
      const failure = failures.shift();
      if (failure) throw Object.assign(new Error(failure), { name: failure });
      return { MessageId: `m-${calls.length}` };
    },
  } as unknown as SESClient;
  return { client, calls };
}

const message = { subject: 'Onderwerp\r\nBcc: x@example.org', text: 'tekst', html: '<p>tekst</p>' };

describe('SesMailer', () => {
  it('spaces sends to the configured rate', async () => {
    const { client, calls } = recordingClient([]);
    const mailer = new SesMailer(client, 'meldpunt@example.org', undefined, 20);
    await Promise.all(Array.from({ length: 5 }, () => mailer.send('a@example.org', message)));
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(45);
  });

  it('backs off and retries when SES throttles, and gives up on other errors at once', async () => {
    const throttled = recordingClient(['Throttling', 'Throttling']);
    expect(
      await new SesMailer(throttled.client, 'meldpunt@example.org', undefined, 100).send(
        'a@example.org',
        message,
      ),
    ).toBe('m-3');
    const rejected = recordingClient(['MessageRejected']);
    await expect(
      new SesMailer(rejected.client, 'meldpunt@example.org', undefined, 100).send('a@example.org', message),
    ).rejects.toThrow('MessageRejected');
    expect(rejected.calls).toHaveLength(1);
  });
});
