import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountingSink, RunCounters } from "../../src/model/countingSink.js";
import { HISTOGRAM_CELLS, PollHistogram, RUN_HISTOGRAM_CELLS } from "../../src/model/pollHistogram.js";
import { newGroupTally, newManagementPointTally, perMinute } from "../../src/model/tally.js";

// Commits that test the minute edges: whole minutes, whole seconds, a hair either side of an edge, anywhere.
const commit = (runSeconds: number) =>
  fc.oneof(
    fc.nat(Math.floor(runSeconds / 60)).map((m) => m * 60),
    fc.nat(runSeconds).map((s) => s),
    fc
      .tuple(fc.nat(Math.floor(runSeconds / 60)), fc.constantFrom(1e-12, -1e-12, 1e-9, 1e-3, -1e-3, 59.9999))
      .map(([m, d]) => Math.max(0, m * 60 + d)),
    fc.double({ min: 0, max: runSeconds, noNaN: true }),
  );

describe("PollHistogram", () => {
  it("gives the per-minute counts of the per-poll count, devices at minute edges left to it", () => {
    const reached = { histogram: 0, perPoll: 0, wholeMinute: 0, pastEnd: 0 };
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 48 })
          .chain((hours) =>
            fc.tuple(
              fc.constant(hours * 3600),
              fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 2, maxLength: 40 }),
              fc.array(fc.tuple(commit(hours * 3600), fc.nat(), fc.nat()), { minLength: 1, maxLength: 60 }),
            ),
          ),
        ([duration, steps, devices]) => {
          // Offsets in whole minutes from 0: a jitter-free table, its last offset the first past the run.
          let u = 0;
          const table = Float64Array.from([0, ...steps.map((s) => (u += s * 60))]);
          const minutes = Math.ceil(duration / 60);
          const h = PollHistogram.of(table, minutes, Infinity);
          expect(h).not.toBeNull();
          const byPoll = new Uint32Array(minutes);
          const byHistogram = new Uint32Array(minutes);
          for (const [c, a, b] of devices) {
            const from = a % table.length;
            const to = from + (b % (table.length - from));
            for (let k = from; k < to; k++) perMinute(byPoll, c + (table[k] ?? 0));
            if (h?.add(c, from, to) === true) {
              reached.histogram++;
              if (c % 60 === 0) reached.wholeMinute++;
            } else {
              reached.perPoll++;
              for (let k = from; k < to; k++) perMinute(byHistogram, c + (table[k] ?? 0));
            }
            if (to > from && c + (table[to - 1] ?? 0) >= duration) reached.pastEnd++;
          }
          h?.foldInto(byHistogram);
          expect([...byHistogram]).toEqual([...byPoll]);
        },
      ),
      { numRuns: 300 },
    );
    for (const [what, times] of Object.entries(reached)) expect(times, what).toBeGreaterThan(0);
  });

  it("is refused where it cannot be exact or would cost more than it saves", () => {
    const table = Float64Array.of(0, 180, 3600, 7200);
    expect(PollHistogram.of(table, 1440, 1e6)).not.toBeNull();
    // An offset inside a minute (the last one, past the run, is never counted: it may be anything).
    expect(PollHistogram.of(Float64Array.of(0, 90, 3600), 1440, 1e6)).toBeNull();
    expect(PollHistogram.of(Float64Array.of(0, 180, 3630.5), 1440, 1e6)).not.toBeNull();
    expect(PollHistogram.of(table, 1440, 1000)).toBeNull();
    expect(PollHistogram.of(table, HISTOGRAM_CELLS, Infinity)).toBeNull();
    expect(PollHistogram.of(table, 1440, 1e6, 1440 * 4 - 1)).toBeNull();
  });
});

describe("CountingSink's shared offsets", () => {
  it("counts a large jitter-free group's polls in a histogram, to the same per-minute series", () => {
    const table = Float64Array.from({ length: 30 }, (_, k) => (k < 5 ? k * 180 : (k - 4) * 3600));
    const series = (shared: boolean) => {
      const run = new RunCounters([newManagementPointTally(86_400), newManagementPointTally(86_400)], 0, 0);
      const sink = new CountingSink(newGroupTally(20_000), run);
      // Shared: the walk's cursor reads every device's polls from the group's table; else a buffer per device.
      sink.shareOffsets(shared ? table : null);
      for (let i = 0; i < 20_000; i++) {
        // Commits over 8 hours, some on whole minutes and seconds; both management points.
        const c = i % 7 === 0 ? (i % 480) * 60 : i % 5 === 0 ? i : (i * 1.4142135) % 28_800;
        sink.okPolls(i % 2, c, table, i % 4, 29 - (i % 3));
      }
      run.totalManagementPointTries();
      return { sink, run, perMinute: run.managementPoints.map((mp) => [...mp.perMinute]) };
    };
    const perPoll = series(false);
    const batched = series(true);
    expect(batched.perMinute).toEqual(perPoll.perMinute);
    expect(batched.run.managementPoints.map((mp) => mp.attempts)).toEqual(
      perPoll.run.managementPoints.map((mp) => mp.attempts),
    );
    expect(batched.sink.tally.attempts).toBe(perPoll.sink.tally.attempts);
    // Most devices went through the histogram.
    expect(batched.run.batchedDevices()).toBeGreaterThan(15_000);
    expect(perPoll.run.batchedDevices()).toBe(0);
  });
});

describe("the run's histograms", () => {
  it("take at most RUN_HISTOGRAM_CELLS together: past it, groups count per poll", () => {
    const minutes = 1440;
    const table = Float64Array.from({ length: 700 }, (_, k) => k * 120);
    const run = new RunCounters(
      Array.from({ length: 12 }, () => newManagementPointTally(minutes * 60)),
      0,
      0,
    );
    const sink = new CountingSink(newGroupTally(1_000_000), run);
    sink.shareOffsets(table);
    for (let mp = 0; mp < 12; mp++) sink.okPolls(mp, 30.5, table, 0, 10);
    expect(run.batchedDevices() * minutes * table.length).toBeLessThanOrEqual(RUN_HISTOGRAM_CELLS);
    expect(run.batchedDevices()).toBeGreaterThan(0);
    expect(run.batchedDevices()).toBeLessThan(12);
  });
});
