import type { SESClient } from '@aws-sdk/client-ses';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
  // A controlled clock: the pacing is checked exactly, whatever else the machine is doing.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces sends to the configured rate', async () => {
    const { client, calls } = recordingClient([]);
    const mailer = new SesMailer(client, 'meldpunt@example.org', undefined, 20);
    const sending = Promise.all(Array.from({ length: 5 }, () => mailer.send('a@example.org', message)));
    await vi.advanceTimersByTimeAsync(5000);
    await sending;
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] as number));
    expect(gaps).toEqual([50, 50, 50, 50]);
  });

  it('backs off and retries when SES throttles, and gives up on other errors at once', async () => {
    const throttled = recordingClient(['Throttling', 'Throttling']);
    const sent = new SesMailer(throttled.client, 'meldpunt@example.org', undefined, 100).send(
      'a@example.org',
      message,
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(await sent).toBe('m-3');
    // Backed off 500 ms, then 1 s, before the third try.
    const gaps = throttled.calls.slice(1).map((t, i) => t - (throttled.calls[i] as number));
    expect(gaps).toEqual([500, 1000]);
    const rejected = recordingClient(['MessageRejected']);
    const refused = new SesMailer(rejected.client, 'meldpunt@example.org', undefined, 100).send(
      'a@example.org',
      message,
    );
    await expect(refused).rejects.toThrow('MessageRejected');
    expect(rejected.calls).toHaveLength(1);
  });
});
