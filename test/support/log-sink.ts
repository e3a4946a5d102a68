/**
 * The product's structured logs (Powertools' JSON lines: INFO and WARN on stdout, ERROR on stderr)
 * during a test file: kept here for the test to assert on, not printed. Installed for the
 * integration and browser tiers by vitest's `setupFiles`; anything else passes through.
 */
export const productLogs: Array<Record<string, unknown>> = [];

function sink(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
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
  }) as typeof stream.write;
}

export function installLogSink(): void {
  sink(process.stdout);
  sink(process.stderr);
}
