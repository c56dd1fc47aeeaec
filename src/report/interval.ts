// A mean and its 95% interval as text, the same in every table and page: "252 ± 3.4" when the interval
// is symmetric (Student's t), "216 (180–252)" when it is not (a bootstrap, or one clamped to the metric's
// range), the mean alone when there is no spread.
import { num } from "./format.js";

/** Digits for a value: one decimal from 100 up (seconds, device counts), three below (mean failed tries). */
export const digitsFor = (value: number): number => (Math.abs(value) >= 100 ? 1 : 3);

/**
 * A mean with its interval; "–" for a null mean.
 * @param count - values the interval came from (no interval with one)
 */
export function intervalText(
  mean: number | null | undefined,
  ci95: readonly [number, number] | null | undefined,
  count: number,
): string {
  if (mean === undefined || mean === null) return "–";
  const digits = digitsFor(mean);
  const [lo, hi] = ci95 ?? [mean, mean];
  const below = mean - lo;
  const above = hi - mean;
  if (count <= 1 || (num(below, digits) === "0" && num(above, digits) === "0")) return num(mean, digits);
  // Documents hold three decimals, so a symmetric interval may differ by a rounding step on each side.
  if (Math.abs(below - above) <= 0.0021)
    return `${num(mean, digits)} ± ${num(Math.max(below, above), digits)}`;
  return `${num(mean, digits)} (${num(lo, digits)}–${num(hi, digits)})`;
}
