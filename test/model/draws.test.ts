import { describe, expect, it } from "vitest";
import { countingRng, DEVICE_STREAMS, newDrawCounts } from "../../src/model/draws.js";

describe("draw counts", () => {
  it("counts each draw for the device current at the time, and passes the value through", () => {
    const counts = newDrawCounts(3);
    expect(Object.keys(counts)).toEqual([...DEVICE_STREAMS]);
    let device = 0;
    let k = 0;
    const rng = countingRng(
      () => (k++ % 10) / 10,
      counts.jitter,
      () => device,
    );
    expect([rng(), rng()]).toEqual([0, 0.1]);
    device = 2;
    rng();
    expect([...counts.jitter]).toEqual([2, 0, 1]);
  });
});
