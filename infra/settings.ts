import * as z from '../shared/domain/zod.js';

const requiredEmail = (name: string, what: string) =>
  z.email({
    error: (issue) =>
      issue.input === undefined
        ? `${name} is missing: ${what}. Pass it with -c ${name}=<address> (or in cdk.json context "covenant"); cdk.json ships none on purpose.`
        : `${name} must be an email address: ${what}`,
  });

/**
 * Deployment settings, from cdk.json context "covenant" and single `-c key=value` overrides. Checked
 * at synth with messages that name the setting, so a typo or a missing address fails before anything
 * reaches AWS.
 */
export const settingsSchema = z.strictObject({
  /** Which deployment this is (`test`, `prod`): part of the stack name, metric dimension, alarm text. */
  environment: z._default(
    z.string().check(
      z.regex(/^[a-z][a-z0-9-]{0,15}$/, {
        error: 'environment must be lowercase letters, digits and dashes (at most 16), e.g. test or prod',
      }),
    ),
    'test',
  ),
  /** The AWS region: a setting, never whatever the CLI falls back to. */
  region: z._default(
    z
      .string()
      .check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'region must be an AWS region such as eu-west-1' })),
    'eu-west-1',
  ),
  senderEmail: requiredEmail(
    'senderEmail',
    'the address the emails come from, on a domain whose DNS you control (it becomes the SES identity)',
  ),
  /** `domain`: the stack verifies the sender's whole domain with DKIM; `address`: only the one address. */
  senderIdentity: z._default(z.enum(['domain', 'address']), 'domain'),
  /** Off when another stack in the same account and region already owns the SES identity. */
  createEmailIdentity: z._default(z.boolean(), true),
  publicBaseUrl: z.optional(
    z.url({ error: 'publicBaseUrl must be an https URL (or leave it out to use the API URL)' }),
  ),
  retentionSubmissionDays: z._default(z.number().check(z.int(), z.minimum(30), z.maximum(3650)), 730),
  retentionFreeTextDays: z._default(z.number().check(z.int(), z.minimum(30), z.maximum(3650)), 365),
  retentionOutboxDays: z._default(z.number().check(z.int(), z.minimum(7), z.maximum(3650)), 90),
  streamRetryAttempts: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(10)), 3),
  /** A stream record older than this goes to the failure queue instead of being retried further. */
  streamMaxRecordAgeHours: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(24)), 6),
  throttleRateLimit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 20),
  throttleBurstLimit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(5_000)), 40),
  logRetentionDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(3653)), 90),
  retentionIdempotencyDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(365)), 7),
  operatorEmail: requiredEmail('operatorEmail', 'the address that receives alarms'),
  sesSendRatePerSecond: z._default(z.number().check(z.minimum(0.1), z.maximum(500)), 1),
  rateLimitPerKeyPerMinute: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(10_000)), 20),
  rateLimitPerSourcePerMinute: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(100_000)), 120),
  maxBodyBytes: z._default(z.number().check(z.int(), z.minimum(1024), z.maximum(1_000_000)), 32_768),
  /** How long after a rotation links signed with the previous link key still work. */
  linkSecretGraceHours: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(24 * 90)), 7 * 24),
  /**
   * CloudFront + WAF in front of the API. The execute-api endpoint is switched off when this is set,
   * so CloudFront reaches the API through a regional custom domain (with its ACM certificate in the
   * stack's region) that the operator points at the API with a CNAME.
   */
  edge: z.optional(
    z.strictObject({
      originDomainName: z.string().check(
        z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, {
          error: 'edge.originDomainName must be a DNS name such as api-origin.your-domain.nl',
        }),
      ),
      originCertificateArn: z.string().check(
        z.startsWith('arn:', {
          error:
            'edge.originCertificateArn must be the ARN of an ACM certificate for that name, in the stack region',
        }),
      ),
      /** The public name (a CNAME to CloudFront) and its ACM certificate in us-east-1: enforces TLS 1.2. */
      publicDomainName: z.optional(z.string()),
      publicCertificateArn: z.optional(z.string().check(z.startsWith('arn:aws:acm:us-east-1:'))),
      /** Requests per 5 minutes per viewer address that the WAF lets through. */
      ratePer5Minutes: z._default(z.number().check(z.int(), z.minimum(10), z.maximum(2_000_000_000)), 600),
    }),
  ),
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {
  constructor(problems: string[]) {
    super(
      `Invalid deployment settings (cdk.json context "covenant" or -c key=value):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'SettingsError';
  }
}

export function parseSettings(raw: unknown): Settings {
  const result = settingsSchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new SettingsError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

const SETTING_KEYS = Object.keys(settingsSchema.shape) as Array<keyof Settings>;

/**
 * The settings as the CDK app sees them: the "covenant" object, then any single setting given as
 * `-c key=value` (the CLI passes strings; numbers and booleans are read back as such).
 */
export function settingsFromContext(tryGetContext: (key: string) => unknown): Settings {
  const base = tryGetContext('covenant');
  const merged: Record<string, unknown> = { ...(typeof base === 'object' && base ? base : {}) };
  for (const key of SETTING_KEYS) {
    const value = tryGetContext(key);
    if (value === undefined) continue;
    merged[key] =
      typeof value === 'string' && /^(true|false)$/.test(value)
        ? value === 'true'
        : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) && key !== 'environment'
          ? Number(value)
          : value;
  }
  return parseSettings(merged);
}
