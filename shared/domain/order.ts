/**
 * Order of machine keys: ISO dates and instants (2026-11-29, 2026-11-29T10:30:00.000Z) and ids
 * (M-20261129-…). Compared by code unit, which is their chronological and stable order, the same on
 * every machine. Not for words people read: those use localeCompare with 'nl'. It also keeps Intl's
 * collator (ICU, about 5-10 ms at its first use in a container) off paths that only sort keys.
 */
export const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
