import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TimeSample } from "../../../src/model/load/timeSample.js";

/** The doubles next to `x` (a few ulps either side), non-negative. */
function around(x: number): number[] {
  const buf = new Float64Array(1);
  const bits = new BigUint64Array(buf.buffer);
  buf[0] = x;
  const b = bits[0] ?? 0n;
  const out: number[] = [];
  for (let d = -3n; d <= 3n; d++) {
    bits[0] = b + d;
    if (buf[0] >= 0) out.push(buf[0]);
  }
  return out;
}

describe("TimeSample", () => {
  it("keeps each value rounded to the millisecond as Math.round does, halves and their neighbours included", () => {
    const values = [0, 0.0005, 0.0004999999999999999, 1e-300, 65.5355, 65.5365, 70, 3600];
    for (let ms = 0; ms < 66_000; ms += 7) values.push(...around((ms + 0.5) / 1000), ...around(ms / 1000));
    const sample = new TimeSample();
    for (const v of values) sample.push(v);
    const expected = values.map((v) => Math.round(v * 1000)).sort((a, b) => a - b);
    expect(sample.values()).toEqual(expected);
  });

  it("agrees with Math.round on any time", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 50 }), (values) => {
        const sample = new TimeSample();
        for (const v of values) sample.push(v);
        expect(sample.values()).toEqual(values.map((v) => Math.round(v * 1000)).sort((a, b) => a - b));
        expect(sample.sum).toBe(values.reduce((s, v) => s + v, 0));
      }),
    );
  });
});
