// "; did you mean …?" for a misspelt command, option or value: the nearest known name (scenario/nearest.ts,
// the same rule as for a misspelt scenario field).
import { nearest } from "../scenario/nearest.js";

/** `; did you mean "sweep"?` for a near miss, else nothing. */
export function didYouMean(typed: string, known: readonly string[], show = (n: string) => `"${n}"`): string {
  const name = nearest(typed, known);
  return name === undefined ? "" : `; did you mean ${show(name)}?`;
}
