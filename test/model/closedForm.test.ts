import { describe, expect, it } from "vitest";
import { replicaClosedForm } from "../../src/model/closedForm.js";

const windows = { firstPollDelay: 0, polling: [{ every: 180, until: 900 }, { every: 3600 }] };

describe("replicaClosedForm", () => {
  it("gives 1.40 failed polls and 252 s for default Windows polling on a 5-minute replica", () => {
    const form = replicaClosedForm(windows, { syncInterval: 300, applyDelay: 0 });
    // Polls at 0, 180, 360: P(V > 0) = 1, P(V > 180) = 0.4, P(V > 360) = 0.
    expect(form.failedPolls).toBeCloseTo(1.4, 12);
    expect(form.timeToFirstSuccess).toBeCloseTo(180 + 180 * 0.4, 12);
  });

  it("counts the apply delay: nothing is visible before D", () => {
    const form = replicaClosedForm(
      { firstPollDelay: 0, polling: [{ every: 60 }] },
      { syncInterval: 0, applyDelay: 90 },
    );
    expect(form.failedPolls).toBe(2); // polls at 0 and 60
    expect(form.timeToFirstSuccess).toBe(120);
  });
});
