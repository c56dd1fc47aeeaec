import { describe, expect, it } from "vitest";
import { REASONS } from "../../src/model/reasons.js";
import { bump, newGroupTally, newManagementPointTally, perMinute } from "../../src/model/tally.js";

describe("tally", () => {
  it("sizes a group's values by its devices and reasons by the reason list", () => {
    const t = newGroupTally(3);
    expect(t.ttfs).toHaveLength(3);
    expect(t.failures).toHaveLength(3);
    expect(t.failedByReason).toHaveLength(REASONS.length);
    bump(t.failedByReason, 2);
    expect(t.failedByReason[2]).toBe(1);
  });

  it("has a minute per started minute of the run, and counts a time in its minute", () => {
    expect(newManagementPointTally(61).perMinute).toHaveLength(2);
    expect(newManagementPointTally(0).perMinute).toHaveLength(1);
    const m = newManagementPointTally(180).perMinute;
    perMinute(m, 59.999);
    perMinute(m, 60);
    expect([...m]).toEqual([1, 1, 0]);
  });
});
