import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** A key for signed links, with the moment it became the current key (when known). */
export interface LinkKey {
  value: string;
  since?: Date;
}

/** The current key signs and checks; the previous one only checks, for a while after a rotation. */
export interface LinkKeySource {
  current(): Promise<LinkKey>;
  previous(): Promise<LinkKey | undefined>;
}

/** One machine: the key from the environment, no rotation. */
export const staticLinkKeys = (value: string): LinkKeySource => ({
  current: () => Promise.resolve({ value }),
  previous: () => Promise.resolve(undefined),
});

type Versioned = { value: string | null; since: string | null };

/**
 * Powertools' SecretsProvider, returning the version's creation date with its value (the moment a
 * rotation made it current), and caching "there is no previous version" like any other answer.
 */
class VersionedSecretsProvider extends SecretsProvider {
  protected override async _get(
    name: string,
    options?: { sdkOptions?: { VersionStage?: string } },
  ): Promise<string> {
    try {
      const out = await this.client.send(
        new GetSecretValueCommand({ ...(options?.sdkOptions ?? {}), SecretId: name }),
      );
      return JSON.stringify({
        value: out.SecretString ?? null,
        since: out.CreatedDate?.toISOString() ?? null,
      } satisfies Versioned);
    } catch (error) {
      if (error instanceof ResourceNotFoundException && options?.sdkOptions?.VersionStage)
        return JSON.stringify({ value: null, since: null } satisfies Versioned);
      throw error;
    }
  }
}

const MIN_LENGTH = 32;

/**
 * AWS: the key in Secrets Manager, read through Powertools Parameters with a cache that expires
 * after `maxAgeSeconds`, so a rotation reaches every warm container within that time. The stage
 * AWSPREVIOUS is the key before the last rotation; it is only fetched when a link fails the current key.
 */
export function secretsManagerLinkKeys(
  secretId: string,
  client: SecretsManagerClient,
  maxAgeSeconds: number,
): LinkKeySource {
  // Two providers: Powertools caches by name, and both stages have the same name.
  const currentProvider = new VersionedSecretsProvider({ awsSdkV3Client: client });
  const previousProvider = new VersionedSecretsProvider({ awsSdkV3Client: client });
  const read = async (provider: VersionedSecretsProvider, stage?: string): Promise<LinkKey | undefined> => {
    const got = (await provider.get(secretId, {
      maxAge: maxAgeSeconds,
      transform: 'json',
      ...(stage ? { sdkOptions: { VersionStage: stage } } : {}),
    })) as Versioned | undefined;
    if (!got?.value) return undefined;
    if (got.value.length < MIN_LENGTH) throw new Error('action link secret is too short');
    return { value: got.value, ...(got.since ? { since: new Date(got.since) } : {}) };
  };
  return {
    current: async () => {
      const key = await read(currentProvider);
      if (!key) throw new Error('action link secret is missing');
      return key;
    },
    previous: () => read(previousProvider, 'AWSPREVIOUS'),
  };
}
