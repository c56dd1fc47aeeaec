// --vary parsing (values, ranges of numbers and durations, bad specs) and the grid's documented order.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { buildGrid, MAX_VARIANTS, parseVary } from "../../src/sweep/grid.js";

const values = (text: string) => parseVary(text).values;

describe("parseVary", () => {
  it("parses values as --set does: JSON when it parses, else the text", () => {
    expect(parseVary("devices.0.count=1000,5000")).toEqual({
      path: "devices.0.count",
      values: [1000, 5000],
      text: "devices.0.count=1000,5000",
    });
    expect(values("devices.hq-windows.location=intranet,internet")).toEqual(["intranet", "internet"]);
    expect(values("x=true, 10m ,null")).toEqual([true, "10m", null]);
    // Commas inside JSON values do not split them.
    expect(values('devices.0.trustedRoots=["A","B"],["C, Inc."]')).toEqual([["A", "B"], ["C, Inc."]]);
    expect(
      values('devices.0.polling=[{"every":"1m"}],[{"every":"3m","until":"15m"},{"every":"60m"}]'),
    ).toHaveLength(2);
  });

  it("expands number ranges A..B:STEP, B included when a step lands on it", () => {
    expect(values("devices.0.count=1000..5000:1000")).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(values("x=1..10:4")).toEqual([1, 5, 9]);
    expect(values("x=0.1..0.5:0.1")).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(values("x=-2..2:2")).toEqual([-2, 0, 2]);
    expect(values("x=7..7:1")).toEqual([7]);
  });

  it("expands duration ranges into duration strings", () => {
    const minutes = values("site.replicas.replica1.syncInterval=1m..15m:1m");
    expect(minutes).toHaveLength(15);
    expect(minutes[0]).toBe("1m");
    expect(minutes[14]).toBe("15m");
    expect(values("x=30s..2m:30s")).toEqual(["30s", "1m", "1m30s", "2m"]);
    expect(values("x=250ms..1s:250ms")).toEqual(["250ms", "500ms", "750ms", "1s"]);
    expect(values("x=1h..2h:45m")).toEqual(["1h", "1h45m"]);
    // A plain number in a duration range means seconds, as in scenarios.
    expect(values("x=60..3m:1m")).toEqual(["1m", "2m", "3m"]);
  });

  it("mixes ranges and values in one option", () => {
    expect(values("x=1m..3m:1m,10m,15m")).toEqual(["1m", "2m", "3m", "10m", "15m"]);
  });

  it.each([
    ["foo", "expected PATH=V1,V2"],
    ["=1,2", "expected PATH=V1,V2"],
    ["x=", "an empty value"],
    ["x=1,,2", "an empty value"],
    ["x=5..1:1", "A must not be greater than B"],
    ["x=1..5:0", "STEP must be greater than 0"],
    ["x=1..5:-1", "STEP must be greater than 0"],
    ["x=5m..1m:1m", "A must not be greater than B"],
    ["x=1m..5m:0s", "STEP must be greater than 0"],
    ["x=a..b:c", "expected numbers or durations"],
    ["x=1m..5m:soon", "expected numbers or durations"],
    ["x=1..1000000:1", "more than 10000 values"],
  ])("rejects vary %s naming the argument and the value", (text, why) => {
    expect(() => parseVary(text)).toThrow(UsageError);
    expect(() => parseVary(text)).toThrow(`vary ${text}: `);
    expect(() => parseVary(text)).toThrow(why);
    try {
      parseVary(text);
    } catch (error) {
      expect(error instanceof UsageError ? error.about : undefined).toEqual({
        argument: "vary",
        value: text,
      });
    }
  });
});

describe("buildGrid", () => {
  it("is the product with the first --vary slowest, values in the order given", () => {
    const grid = buildGrid([parseVary("a=1,2"), parseVary("b=x,y,z")]);
    expect(grid.map((v) => v.set)).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 1, b: "z" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
      { a: 2, b: "z" },
    ]);
    expect(grid[4]?.overrides.map((o) => o.text)).toEqual(["a=2", "b=y"]);
    expect(grid[4]?.overrides.map((o) => o.value)).toEqual([2, "y"]);
    expect(Object.keys(grid[0]?.set ?? {})).toEqual(["a", "b"]);
  });

  it("writes non-string values as JSON in override texts", () => {
    const grid = buildGrid([parseVary('r=["A","B"]')]);
    expect(grid[0]?.overrides[0]?.text).toBe('r=["A","B"]');
  });

  it("rejects no axes, a path varied twice, and grids that are too large", () => {
    expect(() => buildGrid([])).toThrow(/^vary: name at least one/);
    expect(() => buildGrid([parseVary("a=1"), parseVary("a=2")])).toThrow(
      'vary a=2: "a" is already varied (by a=1)',
    );
    const big = parseVary("a=1..1000:1");
    expect(() => buildGrid([big, parseVary("b=1..1000:1")])).toThrow(`more than ${MAX_VARIANTS} variants`);
  });
});
