import { describe, expect, it } from "vitest";
import { OK, REASON_ID } from "../../src/model/reasons.js";
import { DeviceOutcome, TeeSink } from "../../src/model/sink.js";
import { loggingSink } from "../helpers/sinks.js";

describe("DeviceOutcome", () => {
  it("starts every device afresh: nothing happened yet, not polled", () => {
    const o = new DeviceOutcome();
    o.committedAt = 5;
    o.firstSuccessAt = 9;
    o.failedBefore = 2;
    o.reset(3);
    expect(o).toMatchObject({
      index: 3,
      enrolledAt: -1,
      lastEnrollReason: OK,
      enrollmentFailed: false,
      committedAt: -1,
      managementPoint: -1,
      visibleAt: Infinity,
      firstSuccessAt: -1,
      failedBefore: 0,
      lastReason: REASON_ID["not-polled"],
    });
  });
});

describe("TeeSink", () => {
  it("passes every report to each sink, in order", () => {
    const a: string[] = [];
    const b: string[] = [];
    const tee = new TeeSink([loggingSink(a), loggingSink(b)]);
    tee.enrollmentTry(1, OK, 0);
    tee.managementPointTry(2, 0, false, 15);
    tee.managementPointTry(3, 0, true, OK);
    tee.okPolls(0, 1, Float64Array.of(0, 3, 4), 1, 3);
    tee.content(3, OK, 0, 1);
    tee.endDevice(new DeviceOutcome());
    expect(a).toEqual([
      "enroll 1 -1 0",
      "poll 2 mp0 15",
      "retry 3 mp0 -1",
      "ok-polls mp0 4 5",
      "content 3 -1 0",
      "end 0",
    ]);
    expect(b).toEqual(a);
  });
});
