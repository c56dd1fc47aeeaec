// The one scan of JSON text outside strings: nesting depth and the counts a parse would build.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanJsonText } from "../../src/scenario/jsonScan.js";

/** Depth of parsed data: 1 for a container holding only scalars, 0 for a scalar. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return 1 + children.reduce<number>((m, c) => Math.max(m, depthOf(c)), 0);
}

describe("scanJsonText", () => {
  it("ignores brackets, braces and commas inside strings, escaped quotes included", () => {
    expect(scanJsonText('{"a":[1,2,[]],"b":"[[,,]] \\" {"}')).toEqual({ depth: 3, containers: 3, values: 6 });
  });

  it("stops as soon as the nesting passes the limit", () => {
    const deep = `${"[".repeat(100)}${"]".repeat(100)}`;
    expect(scanJsonText(deep, 64).depth).toBe(65);
    expect(scanJsonText(deep).depth).toBe(100);
  });

  it("finds the depth of any JSON value, and at least as many values as it holds", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        const scan = scanJsonText(text);
        expect(scan.depth).toBe(depthOf(value));
        expect(scan.containers).toBe((text.match(/[[{]/g) ?? []).length - countInStrings(value));
      }),
    );
  });
});

/** Brackets and braces inside the strings (keys too) of a value: the scan must not count them. */
function countInStrings(value: unknown): number {
  const inText = (s: string) => (s.match(/[[{]/g) ?? []).length;
  if (typeof value === "string") return inText(value);
  if (value === null || typeof value !== "object") return 0;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + countInStrings(v), 0);
  return Object.entries(value as Record<string, unknown>).reduce(
    (n, [k, v]) => n + inText(k) + countInStrings(v),
    0,
  );
}
