/**
 * Swallows the lines written to stderr that match `pattern` (chatter of a library under test, such
 * as CDK's "Bundling asset …"); everything else passes through. Returns the function that restores.
 */
export function quietStderr(pattern: RegExp): () => void {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (pattern.test(String(chunk))) return true;
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = original;
  };
}
