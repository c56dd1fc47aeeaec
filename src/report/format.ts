// Locale-independent formatting for tables: the same bytes under any LANG, LC_ALL or TZ.
import Table from "cli-table3";
import { formatDuration } from "../scenario/duration.js";

/** A number with at most `digits` decimals, no grouping, "–" for null. */
export function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return "–";
  if (!Number.isFinite(value)) return String(value);
  const fixed = value.toFixed(digits);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** Seconds as "252 s (4m12s)"; "–" for null. */
export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return "–";
  return `${num(value, 1)} s (${formatDuration(Math.round(value))})`;
}

/** A cli-table3 table with no colours (so output is the same on every terminal). */
export function table(head: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const t = new Table({
    ...(head ? { head: [...head] } : {}),
    style: { head: [], border: [], compact: true },
  });
  for (const row of rows) t.push([...row]);
  return t.toString();
}

/** A titled section: title line, then the body. */
export function section(title: string, body: string): string {
  return `${title}\n${body}\n`;
}

/** `{ reason: count }` as table rows, sorted by count (descending) then reason. */
export function reasonRows(counts: Readonly<Record<string, number>>): string[][] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, n]) => [reason, String(n)]);
}
