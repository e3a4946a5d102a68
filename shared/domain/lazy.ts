/**
 * A value made at its first use and kept: for what a module would otherwise build at import although
 * only some requests need it (Intl formatters, the privacy guard's larger patterns). See ADR 0024.
 */
export const lazy = <T>(make: () => T): (() => T) => {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
};
