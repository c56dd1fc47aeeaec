// Locale-independent formatting for tables: the same bytes under any LANG, LC_ALL or TZ.
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

/** `{ reason: count }` as table rows, sorted by count (descending) then reason. */
export function reasonRows(counts: Readonly<Record<string, number>>): string[][] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, n]) => [reason, String(n)]);
}

/** The relative change as a percentage with one decimal, "–" when there is none. */
export function percentText(relative: number | null): string {
  if (relative === null) return "–";
  const text = num(relative * 100, 1);
  return `${relative > 0 ? "+" : ""}${text}%`;
}
