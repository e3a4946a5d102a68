/**
 * The product's structured logs (Powertools' JSON lines on stdout) during a test file: kept here for
 * the test to assert on, not printed. Installed for the integration and browser tiers by vitest's
 * `setupFiles`; anything else on stdout passes through.
 */
export const productLogs: Array<Record<string, unknown>> = [];

export function installLogSink(): void {
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (!text.startsWith('{"level":')) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    for (const line of text.split('\n').filter(Boolean)) {
      try {
        productLogs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        productLogs.push({ raw: line });
      }
    }
    return true;
  }) as typeof process.stdout.write;
}
