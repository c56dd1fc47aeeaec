// Durations: "250ms", "30s", "5m", "2h", "1d", combined "2h15m", or plain numbers meaning seconds.

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Matches a duration string: one or more `<number><unit>` parts, largest unit first is not required. */
export const DURATION_PATTERN: RegExp = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Parses a duration into seconds.
 * @param value - a duration string or a number of seconds
 * @returns seconds, or `undefined` when the value is not a duration
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (!DURATION_PATTERN.test(text)) return undefined;
  // Sum in milliseconds, divide once: "119ms" is exactly 119/1000, not 119 × 0.001.
  let ms = 0;
  for (const match of text.matchAll(PART)) ms += Number(match[1]) * (UNIT_MS[match[2] ?? "s"] ?? 1000);
  const seconds = ms / 1000;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * Formats seconds as a compact duration ("4m12s", "1h", "250ms") for tables and messages.
 * @param seconds - a non-negative number of seconds
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return "0s";
  const negative = seconds < 0;
  let rest = Math.round(Math.abs(seconds) * 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  // Below half a millisecond nothing is left to print.
  return parts.length === 0 ? "0s" : (negative ? "-" : "") + parts.join("");
}
