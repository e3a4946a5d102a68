import * as z from 'zod';

/**
 * Configuration is read and checked once, at cold start: a missing or malformed variable stops the
 * function at once with a message that names it, instead of failing on the first submission.
 */
const envSchema = z.object({
  TABLE_NAME: z.string().min(1),
  SENDER_EMAIL: z.email(),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  AWS_REGION: z.string().default('eu-west-1'),
  DDB_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  RETENTION_SUBMISSION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Article 23: free text (descriptions, remarks, reasons, answers) is erased after this many days. */
  RETENTION_FREE_TEXT_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  RETENTION_IDEMPOTENCY_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_000_000).default(32_768),
  SES_SEND_RATE_PER_SECOND: z.coerce.number().min(0.1).max(500).default(14),
  /** How long a claim keeps other senders away: at least the notify timeout, so a holder is surely gone. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().min(0.5).max(900).default(60),
  /** The sweeper delivers outbox items still unsent this long after they were written. */
  SWEEP_AFTER_SECONDS: z.coerce.number().min(0.5).max(86_400).default(300),
  /** The key for signed links: given directly (local) or as a Secrets Manager ARN (AWS). */
  ACTION_LINK_SECRET: z.string().min(32, 'ACTION_LINK_SECRET must have at least 32 characters').optional(),
  ACTION_LINK_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** After a rotation, links signed with the previous key still work this long. */
  ACTION_LINK_GRACE_HOURS: z.coerce.number().int().min(0).max(2160).default(168),
  /** How long a container keeps the key from Secrets Manager before reading it again. */
  ACTION_LINK_SECRET_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  RATE_LIMIT_PER_KEY_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  RATE_LIMIT_PER_SOURCE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** Behind CloudFront: the request header that carries the viewer's address. */
  SOURCE_IP_HEADER: z.string().optional(),
  /** How long a container may reuse a form key lookup and the directory (0: never). See ADR 0009. */
  INTAKE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  ANSWER_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  STATUS_LINK_DAYS: z.coerce.number().int().min(1).max(1000).default(400),
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
