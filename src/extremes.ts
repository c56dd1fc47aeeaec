// The largest and the smallest of a list, by a loop: `Math.max(...xs)` passes every element as an argument
// and overflows the stack (a browser worker's first) on lists of tens of thousands, such as device groups.

/** The largest number of a list; `-Infinity` for none, as `Math.max()`. */
export function largest(values: Iterable<number>): number {
  let most = -Infinity;
  for (const v of values) if (v > most || Number.isNaN(v)) most = v;
  return most;
}

/** The smallest number of a list; `Infinity` for none, as `Math.min()`. */
export function smallest(values: Iterable<number>): number {
  let least = Infinity;
  for (const v of values) if (v < least || Number.isNaN(v)) least = v;
  return least;
}
