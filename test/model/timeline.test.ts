import { describe, expect, it } from "vitest";
import { OK, REASON_ID } from "../../src/model/reasons.js";
import { constantTimeline, okFrom, sampleTimeline, timelineAt } from "../../src/model/timeline.js";

describe("reason timelines", () => {
  const down = REASON_ID["server-down"];
  const timeline = sampleTimeline([10, 20, 30], (t) => (t >= 10 && t < 20 ? "server-down" : null));

  it("samples the rules at 0 and each change point, merging equal neighbours", () => {
    expect([...timeline.starts]).toEqual([0, 10, 20]);
    expect([...timeline.reasons]).toEqual([OK, down, OK]);
  });

  it("answers the reason at any time, segments closed on the left", () => {
    expect([0, 9.99, 10, 19.99, 20, 1e9].map((t) => timelineAt(timeline, t))).toEqual([
      OK,
      OK,
      down,
      down,
      OK,
      OK,
    ]);
  });

  it("knows from when it stays OK", () => {
    expect(okFrom(timeline)).toBe(20);
    expect(okFrom(constantTimeline(OK))).toBe(0);
    expect(okFrom(constantTimeline(down))).toBe(Infinity);
  });
});
