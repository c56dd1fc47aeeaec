import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { substream } from "../../src/random.js";
import { ruleTimes, type Group } from "../helpers/pollTimes.js";
import {
  jitterDraw,
  NO_MORE_POLLS,
  OFFSET_TABLE_LIMIT,
  PollCursor,
  phaseAt,
  pollCount,
  pollInterval,
  pollOffsets,
  pollSchedule,
} from "../../src/model/pollSchedule.js";

const windows = {
  firstPollDelay: 0,
  polling: [{ every: 180, until: 900 }, { every: 3600 }],
};

describe("pollSchedule", () => {
  it("gives the last phase no end", () => {
    const s = pollSchedule(windows);
    expect([...s.every]).toEqual([180, 3600]);
    expect([...s.until]).toEqual([900, Infinity]);
  });

  it("puts a poll in the first phase whose until is greater than its offset", () => {
    const s = pollSchedule(windows);
    expect([0, 899, 900, 1e9].map((u) => phaseAt(s, u, 0))).toEqual([0, 0, 1, 1]);
    expect(phaseAt(s, 0, 1)).toBe(1); // phases only advance
    expect(pollInterval(s, 0)).toBe(180);
    expect(pollInterval(s, 2)).toBe(NO_MORE_POLLS);
  });

  it("gives model.md's example: 0, 3, 6, 9, 12, 15, 75, 135 minutes", () => {
    expect(pollOffsets(windows, 135 * 60).map((o) => o / 60)).toEqual([0, 3, 6, 9, 12, 15, 75, 135, 195]);
  });

  it("counts the polls below a horizon as the walk does", () => {
    for (const horizon of [0, 1, 900, 901, 3 * 3600, 86_400]) {
      expect(pollCount(windows, horizon)).toBe(
        pollOffsets(windows, horizon).filter((o) => o < horizon).length,
      );
    }
    expect(pollCount({ firstPollDelay: 120, polling: [{ every: 60 }] }, 300)).toBe(3); // 120, 180, 240
  });

  it("draws jitter only when there is some", () => {
    const rng = substream(1, "x");
    const twin = substream(1, "x");
    expect(jitterDraw(rng, 0)).toBe(0);
    const draw = jitterDraw(rng, 10);
    expect(draw).toBe(twin() * 10);
    expect(draw).toBeGreaterThanOrEqual(0);
    expect(draw).toBeLessThan(10);
  });
});

/** The same devices through one cursor, taking the polls it makes ready until it has none. */
function cursorTimes(group: Group, jitter: number, rng: () => number, commits: number[], end: number) {
  const cursor = new PollCursor(pollSchedule(group), jitter, rng, end);
  return commits.map((committedAt) => {
    const times: number[] = [];
    let fills = 0;
    for (let n = cursor.start(committedAt); n > 0; n = cursor.next()) {
      fills++;
      times.push(...[...cursor.offsets.subarray(0, n)].map((u) => committedAt + u));
    }
    // Taken to the end: nothing more to make ready.
    expect(cursor.more).toBe(false);
    return { times, following: committedAt + cursor.after, fills };
  });
}

const cases = new Map<string, number>();
const count = (label: string) => cases.set(label, (cases.get(label) ?? 0) + 1);

describe("PollCursor", () => {
  afterAll(() => {
    console.log(
      "PollCursor property: runs reaching each case\n" +
        [...cases].map(([label, n]) => `  ${label.padEnd(24)} ${String(n).padStart(5)}`).join("\n"),
    );
  });

  it("gives the rule's poll times, chunk by chunk, device after device, with the same jitter draws", () => {
    const phase = fc.record({
      every: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 900 })),
      until: fc.integer({ min: 1, max: 7200 }),
    });
    fc.assert(
      fc.property(
        fc.array(phase, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 600 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 })),
        fc.array(fc.double({ min: 0, max: 4000, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.nat(),
        (phases, firstPollDelay, jitter, commits, end, seed) => {
          // Phases end in increasing order and the last lasts forever, as a loaded scenario's do.
          let until = 0;
          const polling = phases.map((p, i) => {
            until += p.until;
            return i === phases.length - 1 ? { every: p.every } : { every: p.every, until };
          });
          const group = { firstPollDelay, polling };
          const ruleRng = substream(seed, "jitter");
          const cursorRng = substream(seed, "jitter");
          const rule = ruleTimes(group, jitter, ruleRng, commits, end);
          const got = cursorTimes(group, jitter, cursorRng, commits, end);
          expect(got.map((d) => d.times)).toEqual(rule.map((d) => d.times));
          expect(got.map((d) => d.following)).toEqual(rule.map((d) => d.following));
          // Both took the same draws: their streams are at the same place.
          expect(cursorRng()).toBe(ruleRng());
          count(jitter > 0 ? "stepped (jitter)" : "table (no jitter)");
          if (got.some((d) => d.fills > 1)) count("several chunks");
          if (rule.some((d) => d.times.length === 0)) count("no poll in the run");
          const firstEnd = polling[0]?.until ?? Infinity;
          if (rule.some((d, i) => (d.times.at(-1) ?? 0) - (commits[i] ?? 0) >= firstEnd))
            count("past the first phase");
          // The table's start guesses the index on the last phase's grid and checks it.
          const lastFrom = polling.at(-2)?.until ?? 0;
          if (
            jitter === 0 &&
            rule.some((d, i) => (d.times.at(-1) ?? -Infinity) - (commits[i] ?? 0) >= lastFrom)
          )
            count("table, last phase (grid)");
        },
      ),
      { numRuns: 400 },
    );
    for (const label of [
      "stepped (jitter)",
      "table (no jitter)",
      "several chunks",
      "no poll in the run",
      "past the first phase",
      "table, last phase (grid)",
    ])
      expect(cases.get(label) ?? 0).toBeGreaterThan(10);
  });

  it("steps a schedule too long for a table, with the same times", () => {
    // One-second polls over a run longer than the table holds.
    const group = { firstPollDelay: 0, polling: [{ every: 1 }] };
    const end = OFFSET_TABLE_LIMIT + 500;
    const [got] = cursorTimes(group, 0, substream(1, "x"), [0.5], end);
    expect(got?.times.length).toBe(OFFSET_TABLE_LIMIT + 500);
    expect(got?.times.at(-1)).toBe(OFFSET_TABLE_LIMIT + 499.5);
    expect(got?.following).toBe(end + 0.5);
  });
});
