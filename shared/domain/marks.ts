/**
 * The words the privacy guard found, as segments of the user's own text: the forms (server-rendered
 * and in the browser) wrap the marked ones in <mark>, so the school sees which phrase to rewrite.
 * Kept apart from privacy.ts so the browser bundle does not carry the name lists.
 */
export interface Segment {
  text: string;
  marked: boolean;
}

export function markSegments(text: string, found: ReadonlyArray<{ start: number; end: number }>): Segment[] {
  const spans = found
    .map((f) => [Math.max(0, f.start), Math.min(text.length, f.end)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const segments: Segment[] = [];
  let at = 0;
  for (const [s, e] of spans) {
    if (e <= at) continue;
    const start = Math.max(s, at);
    if (start > at) segments.push({ text: text.slice(at, start), marked: false });
    segments.push({ text: text.slice(start, e), marked: true });
    at = e;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}
