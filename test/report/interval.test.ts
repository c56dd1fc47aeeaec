// A mean and its interval as one cell of text.
import { describe, expect, it } from "vitest";
import { intervalText } from "../../src/report/interval.js";

describe("intervalText", () => {
  it("shows ± for a symmetric interval, the bounds for an asymmetric one, the mean alone without spread", () => {
    expect(intervalText(252.1, [249.7, 254.5], 10)).toBe("252.1 ± 2.4");
    expect(intervalText(216, [180, 288], 5)).toBe("216 (180–288)");
    expect(intervalText(1.25, [0, 5.228], 4)).toBe("1.25 (0–5.228)");
    expect(intervalText(180, [180, 180], 10)).toBe("180");
    expect(intervalText(180, [170, 190], 1)).toBe("180");
    expect(intervalText(null, null, 0)).toBe("–");
  });
});

describe("intervalText and rounding", () => {
  it("keeps ± for an interval that is symmetric but for the documents' three-decimal rounding", () => {
    expect(intervalText(1.39, [1.372, 1.409], 5)).toBe("1.39 ± 0.019");
    expect(intervalText(1.39, [1.36, 1.409], 5)).toBe("1.39 (1.36–1.409)");
  });
});
