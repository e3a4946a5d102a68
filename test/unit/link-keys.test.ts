import { Readable } from 'node:stream';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LinkKey, type LinkKeySource, secretsManagerLinkKeys } from '../../shared/adapters/link-keys.js';
import { ActionLinks } from '../../shared/adapters/links.js';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);
const HOUR = 3_600_000;

/** Secrets Manager as the SDK sees it over HTTP: the real client, with a transport that answers from memory. */
function secretsManager(versions: { current: LinkKey; previous?: LinkKey }) {
  const calls: string[] = [];
  const respond = (status: number, body: unknown) => ({
    response: {
      statusCode: status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: Readable.from([Buffer.from(JSON.stringify(body))]),
    },
  });
  const client = new SecretsManagerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { body: string | Uint8Array }) => {
        const text = new TextDecoder().decode(request.body as Uint8Array);
        const input = JSON.parse(text) as { VersionStage?: string };
        const stage = input.VersionStage ?? 'AWSCURRENT';
        calls.push(stage);
        const version = stage === 'AWSPREVIOUS' ? versions.previous : versions.current;
        if (!version)
          return respond(400, { __type: 'ResourceNotFoundException', message: 'no such version' });
        return respond(200, {
          ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:links',
          SecretString: version.value,
          CreatedDate: (version.since?.getTime() ?? 0) / 1000,
          VersionStages: [stage],
        });
      },
    } as never,
  });
  return { client, calls, versions };
}

function links(source: LinkKeySource, now: () => Date, graceHours = 24) {
  return new ActionLinks(
    {
      ACTION_LINK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:links',
      ACTION_LINK_GRACE_HOURS: graceHours,
      PUBLIC_BASE_URL: 'https://forms.example.org',
      ANSWER_LINK_DAYS: 60,
      STATUS_LINK_DAYS: 400,
    },
    () => source,
    now,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Link key from Secrets Manager (Powertools Parameters)', () => {
  it('caches the key for maxAge seconds, then reads it again, so a rotation reaches warm containers', async () => {
    vi.useFakeTimers({ now: new Date('2027-03-15T08:00:00Z'), toFake: ['Date'] });
    const sm = secretsManager({ current: { value: KEY_A, since: new Date('2027-01-01T00:00:00Z') } });
    const source = secretsManagerLinkKeys('links', sm.client, 300);
    expect((await source.current()).value).toBe(KEY_A);
    expect((await source.current()).value).toBe(KEY_A);
    expect(sm.calls).toEqual(['AWSCURRENT']);
    sm.versions.current = { value: KEY_B, since: new Date('2027-03-15T08:01:00Z') };
    vi.setSystemTime(new Date('2027-03-15T08:05:01Z'));
    expect(await source.current()).toEqual({ value: KEY_B, since: new Date('2027-03-15T08:01:00Z') });
    expect(sm.calls).toEqual(['AWSCURRENT', 'AWSCURRENT']);
  });

  it('caches "no previous version" too, instead of asking on every link', async () => {
    const sm = secretsManager({ current: { value: KEY_A, since: new Date() } });
    const source = secretsManagerLinkKeys('links', sm.client, 300);
    expect(await source.previous()).toBeUndefined();
    expect(await source.previous()).toBeUndefined();
    expect(sm.calls).toEqual(['AWSPREVIOUS']);
  });
});

describe('Signed links across a rotation of the key', () => {
  it('accepts links signed with the previous key for the grace period after the rotation, then no longer', async () => {
    let now = new Date('2027-03-01T09:00:00Z');
    const clock = () => now;
    const sm = secretsManager({ current: { value: KEY_A, since: new Date('2027-01-01T00:00:00Z') } });
    const before = links(secretsManagerLinkKeys('links', sm.client, 1), clock);
    const oldLink = await before.token('gezien', 'M-2027-0001', 'jou');

    // The operator rotates at 10:00: B becomes current, A previous.
    const rotatedAt = new Date('2027-03-01T10:00:00Z');
    sm.versions.previous = sm.versions.current;
    sm.versions.current = { value: KEY_B, since: rotatedAt };
    now = new Date(rotatedAt.getTime() + HOUR);
    const after = links(secretsManagerLinkKeys('links', sm.client, 1), clock);
    const newLink = await after.token('gezien', 'M-2027-0001', 'jou');
    expect((await after.verify(newLink)).ok).toBe(true);
    expect((await after.verify(oldLink)).ok).toBe(true);

    now = new Date(rotatedAt.getTime() + 25 * HOUR);
    expect(await after.verify(oldLink)).toEqual({ ok: false, reason: 'signature' });
    expect((await after.verify(newLink)).ok).toBe(true);
  });

  it('does not let the previous key stand in for a link that was never signed with it', async () => {
    const now = () => new Date('2027-03-01T11:00:00Z');
    const sm = secretsManager({
      current: { value: KEY_B, since: new Date('2027-03-01T10:00:00Z') },
      previous: { value: KEY_A, since: new Date('2027-01-01T00:00:00Z') },
    });
    const forged = await links(
      { current: async () => ({ value: 'c'.repeat(40) }), previous: async () => undefined },
      now,
    ).token('gezien', 'M-2027-0001', 'jou');
    expect(await links(secretsManagerLinkKeys('links', sm.client, 1), now).verify(forged)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });
});
