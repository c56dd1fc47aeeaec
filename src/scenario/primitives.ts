// The value types scenario fields are made of: durations, instants, IPv4 ranges, names, integers. Each is
// one shared zod instance (schemas are immutable; building them is part of every start), described once.
import * as z from "zod";
import { DURATION_PATTERN, parseDuration } from "./duration.js";
import { parseIpv4Range } from "./ipv4.js";
import { showValue } from "../valueRules.js";

export { showValue };

// A process parses a scenario once or a few hundred times (a sweep's variants): zod's JIT, which compiles
// each object schema with new Function on first use, costs more at that count than it saves. zod reads
// this when an object schema is built, so it is set here, in the module every schema module imports first.
z.config({ jitless: true });

/** A duration string that is more than zero: at least one non-zero digit before a unit. */
export const POSITIVE_DURATION_PATTERN: RegExp = /^(?=.*[1-9])(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;

const durationSchema = (what: string, positive: boolean) => {
  const message = (iss: { input?: unknown }) =>
    iss.input === undefined
      ? `missing (expected ${what} like "30m")`
      : positive && parseDuration(iss.input) === 0
        ? `expected a duration > 0, got ${showValue(iss.input)}`
        : `expected ${what} like "30m", got ${showValue(iss.input)}`;
  return (
    z
      .union(
        [
          // The bounds and patterns are here so the printed JSON Schema says what the transform checks.
          positive ? z.number().positive({ error: message }) : z.number().nonnegative({ error: message }),
          z.string().regex(positive ? POSITIVE_DURATION_PATTERN : DURATION_PATTERN, { error: message }),
        ],
        { error: message },
      )
      // The messages show the value as written ("0s"), not as parsed; the union has checked its shape.
      .transform((value, ctx): number => {
        const seconds = parseDuration(value);
        if (seconds === undefined || (positive && seconds <= 0)) {
          ctx.issues.push({ code: "custom", input: value, message: message({ input: value }) });
          return z.NEVER;
        }
        return seconds;
      })
      .meta({
        description: `${positive ? "A duration greater than zero" : "A duration"}: "250ms", "30s", "5m", "2h", "1d", "2h15m", or a number of seconds`,
      })
  );
};

/** A duration ≥ 0 in seconds (a string with units or a number of seconds). */
export const duration = durationSchema("a duration", false);
/** A duration > 0 in seconds. */
export const positiveDuration = durationSchema("a duration > 0", true);

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Whether text is an ISO 8601 instant with a zone whose every part exists (no 30 February, no 24:00). */
export function isIsoInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  if (!m) return false;
  const part = (i: number): number => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second, zoneHour, zoneMinute] = [1, 2, 3, 4, 5, 6, 7, 8].map(
    part,
  ) as [number, number, number, number, number, number, number, number];
  // Date.UTC rolls 30 February over to 2 March: a day that exists reads back as itself.
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    month >= 1 &&
    month <= 12 &&
    date.getUTCDate() === day &&
    date.getUTCMonth() === month - 1 &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    zoneHour < 24 &&
    zoneMinute < 60
  );
}

/** An ISO 8601 instant with a time zone. */
export const isoInstant = z
  .string()
  .refine(isIsoInstant, {
    error: (iss) => `expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got ${showValue(iss.input)}`,
  })
  .meta({
    description: 'An ISO 8601 instant with a time zone, like "2026-01-05T08:00:00Z"',
    // The shape and each part's range; that the day exists in its month only the loader checks.
    pattern:
      "^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$",
  });

/** What an IPv4 range may look like in JSON Schema (the loader also checks the order and each octet). */
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const ADDRESS = `(?:${OCTET}\\.){3}${OCTET}`;
/** An IPv4 range as JSON Schema can say it (the loader also refuses a range that runs backwards). */
export const IPV4_RANGE_PATTERN = `^\\s*${ADDRESS}(?:\\s*-\\s*${ADDRESS}|/(?:3[0-2]|[12]?\\d))\\s*$`;

/** The message for a value that is not an IPv4 range. */
export const ipv4RangeMessage = (value: unknown): string =>
  `expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got ${showValue(value)}`;

/** An inclusive IPv4 range or a CIDR block. */
export const ipv4Range = z
  .string()
  .refine((text) => parseIpv4Range(text) !== undefined, { error: (iss) => ipv4RangeMessage(iss.input) })
  .meta({
    description: 'An inclusive IPv4 range "10.1.0.1-10.1.255.254" or a CIDR block "10.1.0.0/16"',
    pattern: IPV4_RANGE_PATTERN,
  });

/** A non-empty name. */
export const name = z.string().min(1, { error: "expected a non-empty name" });

const intSchema = (min: number) => {
  const message = (iss: { input?: unknown }) => `expected an integer >= ${min}, got ${showValue(iss.input)}`;
  return z.number().int({ error: message }).min(min, { error: message });
};
const INTS = [intSchema(0), intSchema(1)] as const;
/** An integer ≥ 0 or ≥ 1 (shared instances). */
export const int = (min: 0 | 1): (typeof INTS)[0] => INTS[min];

/** Whether a window `[from, to)` is not empty: the one place the rule is written. */
export const endsAfterStart = (window: { from: number; to: number }): boolean => window.to > window.from;

// The `run` program's bundle defines this as true (scripts/bundle.mjs): it parses scenarios and never shows
// the schema, and each description clones its schema, about 2 ms of every start.
declare const MDMSIM_WITHOUT_DESCRIPTIONS: boolean | undefined;
const DESCRIBE = typeof MDMSIM_WITHOUT_DESCRIPTIONS === "undefined" || !MDMSIM_WITHOUT_DESCRIPTIONS;

/** A schema with its description, for `mdmsim schema`, `mdmsim explain` and docs/scenario.md. */
export const described = <T extends z.ZodType>(schema: T, description: string): T =>
  DESCRIBE ? schema.meta({ description }) : schema;

/**
 * A random time: a duration (a constant), or `{ mean, distribution, cv }` drawn afresh each time it applies.
 * `cv` (the coefficient of variation) belongs to `lognormal` alone: an exponential's is 1, a constant's 0.
 */
const timeDistributionSchema = (positive: boolean) =>
  z.union(
    [
      positive ? positiveDuration : duration,
      z
        .strictObject({
          mean: described(positive ? positiveDuration : duration, "The mean time, a duration"),
          distribution: described(
            z.enum(["constant", "exponential", "lognormal"]),
            '"constant" (always the mean), "exponential" (memoryless) or "lognormal" (with `cv`)',
          ),
          cv: described(
            z
              .number()
              .positive({ error: (iss) => `expected a number > 0, got ${showValue(iss.input)}` })
              .max(100, { error: (iss) => `expected a number <= 100, got ${showValue(iss.input)}` })
              .optional(),
            "The coefficient of variation (standard deviation / mean), lognormal only; at most 100",
          ),
        })
        .superRefine((d, ctx) => {
          if (d.distribution === "lognormal" && d.cv === undefined)
            ctx.addIssue({
              code: "custom",
              path: ["cv"],
              message: "missing (a lognormal needs `cv`, e.g. 0.5)",
            });
          if (d.distribution !== "lognormal" && d.cv !== undefined)
            ctx.addIssue({
              code: "custom",
              path: ["cv"],
              message: `expected no \`cv\`: it applies to "lognormal" only`,
            });
          // A mean of 0 is a duration, but not one to draw from; a negative mean or (for a service time) a
          // zero one the duration has refused already.
          if (!positive && d.distribution !== "constant" && d.mean === 0)
            ctx.addIssue({
              code: "custom",
              path: ["mean"],
              message: `expected a mean > 0 for "${d.distribution}"`,
            });
        }),
    ],
    {
      error: (iss) =>
        `expected a duration like "30s" or { "mean": "30s", "distribution": "exponential" }, got ${showValue(iss.input)}`,
    },
  );

/** A random time ≥ 0: a duration, or `{ mean, distribution, cv }` (a shared instance). */
export const timeDistribution: ReturnType<typeof timeDistributionSchema> = timeDistributionSchema(false);
/** A random time > 0 (a service time): a duration > 0, or `{ mean, distribution, cv }` with a mean > 0. */
export const positiveTimeDistribution: ReturnType<typeof timeDistributionSchema> =
  timeDistributionSchema(true);
