/**
 * A value made on first use. For `Intl` formatters above all: making one costs a tablet several
 * milliseconds (the first loads the locale's data), and a module that makes one at its top pays
 * that on every page that loads it, used or not.
 */
export function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
