// The what-if grid: `--vary PATH=V1,V2,…` options (values or ranges `A..B:STEP`), and their product.
//
// Variant order: the first --vary varies slowest, the last fastest (like nested loops written in option
// order, or an odometer); within an option, values keep the order given, ranges ascend. Variant k of axes
// with sizes n₁ … n_m takes value ⌊k / (n₂ ⋯ n_m)⌋ mod n₁ of the first axis, and so on.
import { UsageError } from "../errors.js";
import { formatDuration, parseDuration } from "../scenario/duration.js";
import { parseOverride, type Override } from "../scenario/overrides.js";

/** One `--vary` option: a scenario path and the values it takes (as `--set` would parse them). */
export interface VaryAxis {
  /** The dot path, as in `--set` (scenario.md, Overrides). */
  readonly path: string;
  /** Values in order: JSON when the text parses as JSON, else the text; duration ranges give duration strings ("1m30s"). */
  readonly values: readonly unknown[];
  /** The option as given, for messages. */
  readonly text: string;
}

/** One point of the grid: the value of every varied path, and the same as overrides. */
export interface GridVariant {
  /** path → value, in `--vary` order. */
  readonly set: Readonly<Record<string, unknown>>;
  /** The overrides that make this variant from the scenario (texts `PATH=VALUE`). */
  readonly overrides: readonly Override[];
}

/** Most values one `--vary` may expand to (a typo like `1..1000000:1` should fail, not fill memory). */
export const MAX_AXIS_VALUES = 10_000;

/** Most variants a grid may have. */
export const MAX_VARIANTS = 100_000;

const EXAMPLE = 'like "site.replicas.replica1.syncInterval=1m..15m:1m" or "devices.0.count=1000,5000"';
const NUMBER = /^-?\d+(?:\.\d+)?$/;
// `A..B:STEP`: non-greedy so decimals ("0.5..2.5:0.5") split at the first "..".
const RANGE = /^(.+?)\.\.(.+?):(.+)$/;

// Splits at commas outside brackets and quotes, so JSON values like ["a","b"] stay whole.
function splitValues(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

const decimals = (text: string): number => text.split(".")[1]?.length ?? 0;

// A range's values, A + i·STEP for i = 0, 1, … while ≤ B; computed from i (no accumulated error).
function expandRange(option: string, item: string, match: RegExpExecArray): unknown[] {
  const [, a = "", b = "", step = ""] = match.map((m) => m.trim());
  const fail = (why: string): never => {
    throw new UsageError(`range "${item}": ${why}`, { argument: "vary", value: option });
  };
  const allNumbers = [a, b, step].every((t) => NUMBER.test(t));
  const values: unknown[] = [];
  const push = (value: unknown) => {
    if (values.length >= MAX_AXIS_VALUES) fail(`more than ${MAX_AXIS_VALUES} values`);
    values.push(value);
  };
  if (allNumbers) {
    const [from, to, by] = [Number(a), Number(b), Number(step)];
    if (!(by > 0)) fail("STEP must be greater than 0");
    if (from > to) fail("A must not be greater than B");
    // Round to the inputs' decimals: 0.1..0.3:0.1 gives 0.1, 0.2, 0.3, not 0.30000000000000004.
    const digits = Math.max(decimals(a), decimals(step));
    const count = Math.floor((to - from) / by + 1e-9) + 1;
    if (count > MAX_AXIS_VALUES) fail(`more than ${MAX_AXIS_VALUES} values`);
    for (let i = 0; i < count; i++) push(Number((from + i * by).toFixed(digits)));
    return values;
  }
  // Mixed parts are allowed: a plain number means seconds, as everywhere in a scenario.
  const [from, to, by] = [a, b, step].map((t) => parseDuration(NUMBER.test(t) ? Number(t) : t));
  if (from === undefined || to === undefined || by === undefined)
    return fail('expected numbers or durations, like "1..5:1" or "1m..15m:1m"');
  // Whole milliseconds, the durations' own resolution, so the steps are exact.
  const [fromMs, toMs, byMs] = [from, to, by].map((s) => Math.round(s * 1000)) as [number, number, number];
  if (!(byMs > 0)) fail("STEP must be greater than 0");
  if (fromMs > toMs) fail("A must not be greater than B");
  const count = Math.floor((toMs - fromMs) / byMs) + 1;
  if (count > MAX_AXIS_VALUES) fail(`more than ${MAX_AXIS_VALUES} values`);
  for (let i = 0; i < count; i++) push(formatDuration((fromMs + i * byMs) / 1000));
  return values;
}

/**
 * Parses one `--vary PATH=V1,V2,…` option. Each comma-separated item is a value (JSON when it parses, else
 * the text, as for `--set`) or a range `A..B:STEP`: numbers (`1000..5000:1000`) or durations
 * (`1m..15m:1m`, giving "1m", "2m", … "15m"); B is included when a step lands on it. Items may be mixed:
 * `1m..5m:1m,10m,15m`.
 * @throws UsageError naming the option when it has no `=`, no path, an empty value or a bad range
 */
export function parseVary(text: string): VaryAxis {
  const eq = text.indexOf("=");
  const path = eq > 0 ? text.slice(0, eq).trim() : "";
  if (path === "")
    throw new UsageError(`expected PATH=V1,V2,… or PATH=A..B:STEP, ${EXAMPLE}`, {
      argument: "vary",
      value: text,
    });
  const values: unknown[] = [];
  for (const item of splitValues(text.slice(eq + 1))) {
    if (item === "")
      throw new UsageError(`an empty value; separate values by single commas, ${EXAMPLE}`, {
        argument: "vary",
        value: text,
      });
    const range = RANGE.exec(item);
    const expanded = range ? expandRange(text, item, range) : [parseOverride(`${path}=${item}`).value];
    for (const value of expanded) {
      if (values.length >= MAX_AXIS_VALUES)
        throw new UsageError(`more than ${MAX_AXIS_VALUES} values`, { argument: "vary", value: text });
      values.push(value);
    }
  }
  return { path, values, text };
}

/** How a value appears in an override's text and in tables: strings bare, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The --vary options of a variant, as a message names it. */
export function variantLabel(variant: { readonly overrides: readonly { readonly text: string }[] }): string {
  return `--vary ${variant.overrides.map((o) => o.text).join(" --vary ")}`;
}

/** A grid read by position: its size, and variant k built when asked for (a grid of 100,000 is not kept). */
export interface Grid {
  readonly size: number;
  at(k: number): GridVariant;
}

/** A grid kept as a list (a study's, whose skipped combinations leave gaps), read as a `Grid`. */
export function listedGrid(variants: readonly GridVariant[]): Grid {
  return {
    size: variants.length,
    at: (k) => {
      const variant = variants[k];
      if (variant === undefined) throw new RangeError(`no variant ${k} in this grid`);
      return variant;
    },
  };
}

/**
 * The grid of the axes, its variants made when read: the product of the axes, first axis slowest (see the
 * top of this file).
 * @throws UsageError when no axis is given, two axes vary the same path, or the grid is too large
 */
export function gridOf(axes: readonly VaryAxis[]): Grid {
  if (axes.length === 0)
    throw new UsageError(`name at least one PATH=V1,V2,… to vary, ${EXAMPLE}`, { argument: "vary" });
  const seen = new Map<string, VaryAxis>();
  let size = 1;
  for (const axis of axes) {
    const earlier = seen.get(axis.path);
    if (earlier !== undefined)
      throw new UsageError(`"${axis.path}" is already varied (by ${earlier.text})`, {
        argument: "vary",
        value: axis.text,
      });
    seen.set(axis.path, axis);
    size *= axis.values.length;
    if (size > MAX_VARIANTS)
      throw new UsageError(`the grid has more than ${MAX_VARIANTS} variants; vary fewer values`, {
        argument: "vary",
      });
  }
  const at = (k: number): GridVariant => {
    if (!Number.isSafeInteger(k) || k < 0 || k >= size) throw new RangeError(`no variant ${k} in this grid`);
    const chosen: [string, unknown][] = [];
    let rest = k;
    // Peel indices off from the last (fastest) axis.
    for (let a = axes.length - 1; a >= 0; a--) {
      const axis = axes[a];
      if (axis === undefined) continue;
      const n = axis.values.length;
      chosen.push([axis.path, axis.values[rest % n]]);
      rest = Math.floor(rest / n);
    }
    chosen.reverse();
    return {
      // fromEntries defines own properties, so even a "__proto__" path is data, never a prototype.
      set: Object.fromEntries(chosen),
      overrides: chosen.map(([path, value]) => ({ path, value, text: `${path}=${valueText(value)}` })),
    };
  };
  return { size, at };
}

/**
 * The grid as a list: every variant of `gridOf(axes)`, in order.
 * @throws UsageError as `gridOf` does
 */
export function buildGrid(axes: readonly VaryAxis[]): GridVariant[] {
  const grid = gridOf(axes);
  return Array.from({ length: grid.size }, (_, k) => grid.at(k));
}
