import { describe, expect, it } from "vitest";
import { inOutage, outageEdges } from "../../src/model/outage.js";

describe("inOutage", () => {
  const outages = [
    { from: 10, to: 20 },
    { from: 30, to: 31 },
  ];

  it("covers [from, to): down at from, up again at to", () => {
    expect([9.999, 10, 19.999, 20, 30, 31].map((t) => inOutage(outages, t))).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(inOutage([], 0)).toBe(false);
  });

  it("changes only at its edges", () => {
    expect(outageEdges(outages)).toEqual([10, 20, 30, 31]);
  });
});
