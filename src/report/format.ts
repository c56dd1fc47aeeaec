// Locale-independent formatting for tables: the same bytes under any LANG, LC_ALL or TZ.
import { formatDuration } from "../scenario/duration.js";

/** A number with at most `digits` decimals, no grouping, "–" for null. */
export function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return "–";
  if (!Number.isFinite(value)) return String(value);
  const fixed = value.toFixed(digits);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** From this many seconds up, a time is also written as hours and minutes: a reader need not divide. */
export const READABLE_FROM_SECONDS = 120;

/**
 * A time as a person reads it, beside its seconds: "1h15m" (whole minutes from an hour up, whole seconds
 * below: "4m12s"); "" below two minutes, where the seconds say it already, and for null.
 */
export function readableTime(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  if (Math.abs(value) < READABLE_FROM_SECONDS) return "";
  return formatDuration(Math.abs(value) >= 3600 ? Math.round(value / 60) * 60 : Math.round(value));
}

/**
 * Seconds as the pages print them: "4500 s (1h15m)", "45.5 s" below two minutes, "–" for null; with
 * `unit: false` (a column headed "seconds") "4500 (1h15m)". `text` replaces the number (a mean with its
 * interval) while the reading beside it still comes from `value`.
 */
export function secondsText(
  value: number | null | undefined,
  options: { digits?: number; unit?: boolean; text?: string } = {},
): string {
  if (value === null || value === undefined) return options.text ?? "–";
  const number = `${options.text ?? num(value, options.digits ?? 1)}${options.unit === false ? "" : " s"}`;
  const readable = readableTime(value);
  return readable === "" ? number : `${number} (${readable})`;
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
