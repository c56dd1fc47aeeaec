// "Name the first few, count the rest": how a message shows a list that may be long (thousands of replicas,
// labels or groups), so that the message keeps to one line whatever the list's length.

/** How many items a message names by default. */
const NAMED = 5;

/**
 * How the rest is counted: after a list of choices, `"a", "b", … (7 in all)` (a short list: `"a", "b"`); in a
 * sentence, `"a", "b" and 5 more` (a short list ends the English way: `"a", "b" and "c"`).
 */
export type Counted = "in all" | "more";

/** The first `limit` of `items`, each shown by `show` (only those are), and the rest counted as `counted` says. */
export function someNames<T>(
  items: readonly T[],
  show: (item: T) => string,
  counted: Counted,
  limit: number = NAMED,
): string {
  const shown = items.slice(0, limit).map(show);
  const rest = items.length - shown.length;
  if (counted === "in all")
    return rest > 0 ? `${shown.join(", ")}, … (${items.length} in all)` : shown.join(", ");
  if (rest > 0) return `${shown.join(", ")} and ${rest} more`;
  const last = shown.pop();
  return shown.length === 0 ? (last ?? "") : `${shown.join(", ")} and ${last ?? ""}`;
}
