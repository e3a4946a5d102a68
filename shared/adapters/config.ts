import * as z from '../domain/zod.js';

/**
 * Configuration is read and checked once, at cold start: a missing or malformed variable stops the
 * function at once with a message that names it, instead of failing on the first submission.
 */
const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  SENDER_EMAIL: z.email(),
  PUBLIC_BASE_URL: z._default(z.url(), 'http://localhost:3000'),
  AWS_REGION: z._default(z.string(), 'eu-west-1'),
  DDB_ENDPOINT: z.optional(z.url()),
  SES_ENDPOINT: z.optional(z.url()),
  SES_CONFIGURATION_SET: z.optional(z.string()),
  RETENTION_SUBMISSION_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3650)), 730),
  RETENTION_OUTBOX_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3650)), 90),
  /** Article 23: free text (descriptions, remarks, reasons, answers) is erased after this many days. */
  RETENTION_FREE_TEXT_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3650)), 365),
  RETENTION_IDEMPOTENCY_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(365)), 7),
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.minimum(1024), z.maximum(1_000_000)), 32_768),
  SES_SEND_RATE_PER_SECOND: z._default(z.coerce.number().check(z.minimum(0.1), z.maximum(500)), 14),
  /** How long a claim keeps other senders away: at least the notify timeout, so a holder is surely gone. */
  OUTBOX_LEASE_SECONDS: z._default(z.coerce.number().check(z.minimum(0.5), z.maximum(900)), 60),
  /** The sweeper delivers outbox items still unsent this long after they were written. */
  SWEEP_AFTER_SECONDS: z._default(z.coerce.number().check(z.minimum(0.5), z.maximum(86_400)), 300),
  /** The key for signed links: given directly (local) or as a Secrets Manager ARN (AWS). */
  ACTION_LINK_SECRET: z.optional(
    z.string().check(z.minLength(32, 'ACTION_LINK_SECRET must have at least 32 characters')),
  ),
  ACTION_LINK_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
  /** After a rotation, links signed with the previous key still work this long. */
  ACTION_LINK_GRACE_HOURS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(2160)), 168),
  /** How long a container keeps the key from Secrets Manager before reading it again. */
  ACTION_LINK_SECRET_MAX_AGE_SECONDS: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3600)),
    300,
  ),
  RATE_LIMIT_PER_KEY_PER_MINUTE: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
    20,
  ),
  RATE_LIMIT_PER_SOURCE_PER_MINUTE: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100_000)),
    120,
  ),
  /** Behind CloudFront: the request header that carries the viewer's address. */
  SOURCE_IP_HEADER: z.optional(z.string()),
  /** How long a container may reuse a form key lookup and the directory (0: never). See ADR 0009. */
  INTAKE_CACHE_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(300)), 30),
  ANSWER_LINK_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(365)), 60),
  STATUS_LINK_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 400),
});

export type AppConfig = z.infer<typeof envSchema>;

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigurationError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
