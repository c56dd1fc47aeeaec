import { describe, expect, it } from "vitest";
import { plural } from "../../src/report/plural.js";

describe("plural", () => {
  it("puts the count before the noun, singular for one only", () => {
    expect([0, 1, 2].map((n) => plural(n, "device"))).toEqual(["0 devices", "1 device", "2 devices"]);
    expect(plural(3, "boundary", "boundaries")).toBe("3 boundaries");
    expect(plural(1, "boundary", "boundaries")).toBe("1 boundary");
  });
});
