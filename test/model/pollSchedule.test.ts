import { describe, expect, it } from "vitest";
import { substream } from "../../src/random.js";
import {
  jitterDraw,
  NO_MORE_POLLS,
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
