import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DURATION_PATTERN, formatDuration, parseDuration } from "../../src/scenario/duration.js";

describe("parseDuration", () => {
  it.each([
    ["250ms", 0.25],
    ["30s", 30],
    ["5m", 300],
    ["2h", 7200],
    ["1d", 86_400],
    ["2h15m", 8100],
    ["0s", 0],
    ["0ms", 0],
    ["1d2h3m4s", 93_784],
    ["1h30s", 3630],
    ["1.5h", 5400],
    ["0.5s", 0.5],
    ["90m", 5400],
  ])("reads %j as %d seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it("reads a plain number as seconds", () => {
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(5)).toBe(5);
    expect(parseDuration(1.5)).toBe(1.5);
    expect(parseDuration(10_800)).toBe(10_800);
  });

  it("accepts parts in any order, since largest-unit-first is not required", () => {
    expect(parseDuration("15m2h")).toBe(8100);
  });

  it("ignores surrounding whitespace", () => {
    expect(parseDuration(" 5m ")).toBe(300);
  });

  it.each([
    ["119ms", 0.119],
    ["175ms", 0.175],
    ["350ms", 0.35],
    ["1s1ms", 1.001],
    ["1h250ms", 3600.25],
  ])("reads %j as exactly the double nearest to its value in seconds (%d)", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it("reads any whole number of milliseconds as exactly ms / 1000", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (ms) => {
        expect(parseDuration(`${ms}ms`)).toBe(ms / 1000);
      }),
    );
  });

  it.each([
    ["", "the empty string"],
    ["5", "a number without a unit in a string"],
    ["m", "a unit without a number"],
    ["5M", "an upper-case unit"],
    ["5 m", "a space between number and unit"],
    ["-5m", "a negative duration"],
    [".5s", "a number without a leading digit"],
    ["5.m", "a number with a trailing dot"],
    ["1e3s", "exponent notation"],
    ["5min", "an unknown unit"],
    ["soon", "a word"],
    ["5m-", "trailing junk"],
  ])("rejects %j (%s)", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it("rejects negative, infinite and NaN numbers", () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(-0.001)).toBeUndefined();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });

  it("rejects a duration too large to be a finite number", () => {
    expect(parseDuration(`${"9".repeat(400)}s`)).toBeUndefined();
  });

  it("rejects values that are neither strings nor numbers", () => {
    for (const value of [null, undefined, true, {}, [], ["5m"], { seconds: 5 }]) {
      expect(parseDuration(value)).toBeUndefined();
    }
  });

  it("sums the parts of a combined duration", () => {
    fc.assert(
      fc.property(
        fc.nat(30),
        fc.nat(23),
        fc.nat(59),
        fc.nat(59),
        (d, h, m, s) => parseDuration(`${d}d${h}h${m}m${s}s`) === d * 86_400 + h * 3600 + m * 60 + s,
      ),
    );
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.double()), (value) => {
        const seconds = parseDuration(value);
        return seconds === undefined || (Number.isFinite(seconds) && seconds >= 0);
      }),
    );
  });
});

describe("DURATION_PATTERN", () => {
  it("matches exactly the strings parseDuration reads (without surrounding whitespace)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^(?:\d{1,4}(?:\.\d{1,2})?(?:ms|s|m|h|d)){1,3}$/),
          fc.constantFrom("2h15m", "250ms", "1d", "5min", "5", ""),
        ),
        (text) => {
          if (text.trim() !== text) return;
          expect(DURATION_PATTERN.test(text)).toBe(parseDuration(text) !== undefined);
        },
      ),
    );
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [0.25, "250ms"],
    [0.001, "1ms"],
    [1, "1s"],
    [30, "30s"],
    [60, "1m"],
    [252, "4m12s"],
    [300, "5m"],
    [3600, "1h"],
    [8100, "2h15m"],
    [86_400, "1d"],
    [90_061.5, "1d1h1m1s500ms"],
    [1.2345, "1s235ms"],
  ])("formats %d seconds as %j", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it("rounds to the nearest millisecond", () => {
    expect(formatDuration(0.0005)).toBe("1ms");
    expect(formatDuration(59.9999)).toBe("1m");
  });

  it("formats a positive amount below half a millisecond as 0s, never as an empty string", () => {
    expect(formatDuration(0.0004)).toBe("0s");
  });

  it("puts a minus sign before negative amounts", () => {
    expect(formatDuration(-60)).toBe("-1m");
    expect(formatDuration(-8100)).toBe("-2h15m");
  });

  it("shows non-finite numbers as they print", () => {
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("Infinity");
    expect(formatDuration(Number.NaN)).toBe("NaN");
  });

  it("gives text that parseDuration reads back to the same whole number of seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds))).toBe(seconds);
      }),
    );
  });

  it("gives text that parseDuration reads back to the same whole number of milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms / 1000))).toBe(ms / 1000);
      }),
    );
  });

  it("always gives a string DURATION_PATTERN matches, for any finite non-negative amount", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (seconds) => {
        expect(formatDuration(seconds)).toMatch(DURATION_PATTERN);
      }),
    );
  });
});
