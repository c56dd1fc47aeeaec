import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Environment } from "../../src/kernel/environment.js";
import {
  carryingIndex,
  expectedVisibilityDelay,
  scheduleReplica,
  visibleAt,
  type ReplicaTimeline,
} from "../../src/model/replica.js";
import type { Replica } from "../../src/scenario/schema.js";

function timeline(replica: Partial<Replica>, duration: number) {
  const env = new Environment();
  const finish = scheduleReplica(
    env,
    {
      name: "r",
      syncInterval: 300,
      syncOffset: 0,
      applyDelay: 0,
      outages: [],
      serverOutages: [],
      ...replica,
      syncCost: replica.syncCost ?? 0,
    },
    1,
    duration,
    [],
  );
  env.run(duration);
  return finish();
}

describe("replica timeline", () => {
  it("ticks at φ + kP before the end of the run", () => {
    expect(Array.from(timeline({ syncOffset: 100 }, 1000).ticks)).toEqual([100, 400, 700]);
  });

  it("skips ticks that start inside an outage [from, to)", () => {
    const t = timeline({ syncOffset: 0, outages: [{ from: 300, to: 900 }] }, 1500);
    expect(Array.from(t.ticks)).toEqual([0, 900, 1200]);
    expect(t.skipped).toBe(2);
  });

  it("draws the offset in [0, P) from the replica's own stream when absent", () => {
    const a = timeline({ syncOffset: undefined }, 1000);
    const b = timeline({ syncOffset: undefined }, 1000);
    expect(a.offset).toBe(b.offset);
    expect(a.offset).toBeGreaterThanOrEqual(0);
    expect(a.offset).toBeLessThan(300);
  });
});

describe("visibleAt", () => {
  it("carries a commit at exactly a tick with that tick", () => {
    expect(visibleAt(timeline({ syncOffset: 100, applyDelay: 5 }, 1000), 400)).toBe(405);
  });

  it("is Infinity when no tick of the run carries the commit", () => {
    expect(visibleAt(timeline({ syncOffset: 100 }, 1000), 701)).toBe(Infinity);
  });

  it("gives delays in [D, P + D] with mean P/2 + D over evenly spread commits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 120 }), (minutes, delay) => {
        const P = minutes * 60;
        const t = timeline({ syncInterval: P, syncOffset: P / 2, applyDelay: delay }, 40 * P);
        const n = 1000;
        let sum = 0;
        // Commits spread evenly over many whole intervals, at cell midpoints (so none lands on a tick).
        for (let i = 0; i < n; i++) {
          const commit = P / 2 + ((i + 0.5) * 20 * P) / n;
          const v = visibleAt(t, commit) - commit;
          expect(v).toBeGreaterThanOrEqual(delay);
          expect(v).toBeLessThanOrEqual(P + delay);
          sum += v;
        }
        expect(sum / n).toBeCloseTo(expectedVisibilityDelay({ syncInterval: P, applyDelay: delay }).mean, 6);
      }),
    );
  });
});

describe("carryingIndex", () => {
  it("is the first tick at or after the commit, on the grid, after skipped ticks and at rounding edges", () => {
    const reached = { grid: 0, search: 0, exact: 0 };
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 3600, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.boolean(), { minLength: 0, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(70), fc.constantFrom(-1, 0, 1, 0.5, 1e-9)), { minLength: 1, maxLength: 30 }),
        (interval, phase, skips, commits) => {
          const offset = phase * interval;
          const all = skips.map((_, k) => offset + k * interval);
          const ticks = Float64Array.from(all.filter((_, k) => !skips[k]));
          const tl: ReplicaTimeline = {
            name: "r",
            interval,
            offset,
            applyDelay: 0,
            ticks,
            visible: ticks,
            skipped: all.length - ticks.length,
          };
          for (const [k, shift] of commits) {
            // At a grid point, a hair either side, half way, or a whole interval off it.
            const c = offset + k * interval + shift * (shift === 1e-9 ? 1 : interval);
            let want = ticks.findIndex((t) => t >= c);
            if (want < 0) want = ticks.length;
            expect(carryingIndex(tl, c)).toBe(want);
            if (all.includes(c)) reached.exact++;
            if (ticks.length > 0 && want === Math.ceil((c - (ticks[0] ?? 0)) / interval)) reached.grid++;
            else reached.search++;
          }
        },
      ),
      { numRuns: 500 },
    );
    for (const [what, times] of Object.entries(reached)) expect(times, what).toBeGreaterThan(0);
  });
});
