import { describe, expect, it } from "vitest";
import { countsByReason, isConnectionLevel, OK, REASON_ID, REASONS } from "../../src/model/reasons.js";

describe("reasons", () => {
  it("numbers every reason by its place in the list; OK is none of them", () => {
    REASONS.forEach((r, i) => {
      expect(REASON_ID[r]).toBe(i);
    });
    expect(REASONS).not.toContain(OK);
  });

  it("retries every reason but device-not-in-replica, unless retries are on any", () => {
    expect(isConnectionLevel(REASON_ID["server-down"], "connection")).toBe(true);
    expect(isConnectionLevel(REASON_ID["device-not-in-replica"], "connection")).toBe(false);
    expect(isConnectionLevel(REASON_ID["device-not-in-replica"], "any")).toBe(true);
  });

  it("turns counts into a reason → count object in list order, without zeros", () => {
    const counts = new Float64Array(REASONS.length);
    counts[REASON_ID["device-not-in-replica"]] = 3;
    counts[REASON_ID["server-down"]] = 1;
    expect(Object.entries(countsByReason(counts))).toEqual([
      ["server-down", 1],
      ["device-not-in-replica", 3],
    ]);
  });
});
