/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * An item's size as DynamoDB counts it for read units (an unmarshalled item): attribute names and
 * values in UTF-8, numbers about one byte per two digits plus one, 3 bytes per map or list plus one
 * per element, 1 byte for a boolean or null.
 */
export function dynamoItemSize(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]|^0+/g, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value)) return 3 + value.reduce<number>((n, v) => n + 1 + valueSize(v), 0);
  if (value instanceof Set) return [...value].reduce<number>((n, v) => n + valueSize(v), 0);
  return (
    3 +
    Object.entries(value as Record<string, unknown>).reduce<number>(
      (n, [k, v]) => n + 1 + Buffer.byteLength(k) + valueSize(v),
      0,
    )
  );
}
