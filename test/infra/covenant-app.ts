import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createCovenantApp } from '../../infra/app-factory.js';

/** The fictional addresses every infra test deploys with, passed as context the way `-c` does. */
export const TEST_CONTEXT = {
  senderEmail: 'meldpunt@veiligschool.example.org',
  operatorEmail: 'beheer@veiligschool.example.org',
};

export interface Synthesized {
  template: Template;
  stackName: string;
  region: string;
  terminationProtection: boolean;
  outdir: string;
  /** cdk-nag rule names with a finding nobody acknowledged. */
  violations: string[];
  app: ReturnType<typeof createCovenantApp>;
}

/**
 * Builds the app exactly as `cdk synth` does (infra/app-factory.ts), with the given context and an
 * empty process environment (no AWS_*, no CDK_DEFAULT_*), and synthesizes it with cdk-nag.
 * `bundle: false` skips esbuild for tests that only read the template.
 */
export function synthCovenant(
  context: Record<string, unknown> = {},
  options: { bundle?: boolean } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-'));
  const built = createCovenantApp(
    {
      outdir,
      context: {
        ...TEST_CONTEXT,
        ...context,
        ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      },
    },
    {},
  );
  const template = Template.fromStack(built.stack);
  try {
    built.app.synth();
  } catch {
    // A failed validation throws; the report below names the findings.
  }
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ violations?: Array<{ ruleName: string }> }>;
  };
  return {
    template,
    stackName: built.stack.stackName,
    region: built.stack.region,
    terminationProtection: built.stack.terminationProtection,
    outdir,
    violations: report.pluginReports.flatMap((r) => (r.violations ?? []).map((v) => v.ruleName)),
    app: built,
  };
}
