import { z } from 'zod';

/**
 * Deployment settings, from cdk.json context (or `-c key=value`). Checked at synth with messages that
 * name the setting, so a typo fails before anything reaches AWS.
 */
export const settingsSchema = z.strictObject({
  senderEmail: z.email({ error: 'senderEmail must be an email address on a domain verified in SES' }),
  publicBaseUrl: z
    .url({ error: 'publicBaseUrl must be an https URL (or leave it out to use the API URL)' })
    .optional(),
  retentionSubmissionDays: z.number().int().min(30).max(3650).default(730),
  retentionOutboxDays: z.number().int().min(7).max(3650).default(90),
  streamRetryAttempts: z.number().int().min(0).max(10).default(3),
  throttleRateLimit: z.number().int().min(1).max(10_000).default(20),
  throttleBurstLimit: z.number().int().min(1).max(5_000).default(40),
  logRetentionDays: z.number().int().min(1).max(3653).default(90),
  retentionIdempotencyDays: z.number().int().min(1).max(365).default(7),
  operatorEmail: z.email({ error: 'operatorEmail must be the address that receives alarms' }),
  sesSendRatePerSecond: z.number().min(0.1).max(500).default(1),
  rateLimitPerKeyPerMinute: z.number().int().min(1).max(10_000).default(20),
  rateLimitPerSourcePerMinute: z.number().int().min(1).max(100_000).default(120),
  maxBodyBytes: z.number().int().min(1024).max(1_000_000).default(32_768),
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {
  constructor(problems: string[]) {
    super(
      `Invalid deployment settings (cdk.json context "covenant"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
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
