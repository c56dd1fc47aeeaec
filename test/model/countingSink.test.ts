import { describe, expect, it } from "vitest";
import { CountingSink, RunCounters } from "../../src/model/countingSink.js";
import { OK, REASON_ID } from "../../src/model/reasons.js";
import { DeviceOutcome } from "../../src/model/sink.js";
import { newGroupTally, newManagementPointTally } from "../../src/model/tally.js";

const NOT_IN_REPLICA = REASON_ID["device-not-in-replica"];

describe("CountingSink", () => {
  it("counts a device's tries per group, per management point and per minute, and its outcome", () => {
    const tally = newGroupTally(2);
    const run = new RunCounters([newManagementPointTally(600)], 1, 2);
    const sink = new CountingSink(tally, run);
    const d = new DeviceOutcome(1);
    d.reset(0);
    d.visibilityDelays[0] = 40;
    sink.enrollmentTry();
    sink.managementPointTry(10, 0, false, NOT_IN_REPLICA);
    sink.managementPointTry(70, 0, false, OK);
    sink.okPolls(0, 10, Float64Array.of(60, 120, 180), 1, 3);
    sink.content(70, OK);
    Object.assign(d, {
      committedAt: 10,
      managementPoint: 0,
      firstSuccessAt: 70,
      failedBefore: 1,
      contentAt: 60,
    });
    sink.endDevice(d);
    run.totalManagementPointTries();
    expect(sink.events).toBe(1 + 1 + 2 + 2 + 1);
    expect(tally).toMatchObject({
      enrolled: 1,
      connected: 1,
      connectedAfterFailures: 1,
      attempts: 4,
      succeeded: 3,
    });
    expect([...tally.ttfs]).toEqual([60, 0]);
    expect(tally.failedByReason[NOT_IN_REPLICA]).toBe(1);
    expect(tally.timeToContent).toEqual([60]);
    const mp = run.managementPoints[0]!;
    expect(mp).toMatchObject({ devices: 1, attempts: 4, failed: 1 });
    expect([...mp.perMinute.slice(0, 4)]).toEqual([1, 1, 1, 1]);
    expect([...mp.failedPerMinute.slice(0, 2)]).toEqual([1, 0]);
    expect(run.visibilityDelays().map((a) => [...a])).toEqual([[40]]);
  });

  it("counts no management point's tries for a device without one", () => {
    const tally = newGroupTally(2);
    const run = new RunCounters([newManagementPointTally(600)], 0, 2);
    const sink = new CountingSink(tally, run);
    const d = new DeviceOutcome();
    d.reset(0);
    Object.assign(d, { committedAt: 0, managementPoint: 0, firstSuccessAt: 10 });
    sink.managementPointTry(10, 0, false, OK);
    sink.endDevice(d);
    d.reset(1);
    Object.assign(d, { committedAt: 20, managementPoint: -1 });
    sink.managementPointTry(30, -1, false, REASON_ID["no-management-point"]);
    sink.okPolls(-1, 20, Float64Array.of(70), 0, 1);
    sink.endDevice(d);
    run.totalManagementPointTries();
    expect(tally).toMatchObject({ attempts: 3, succeeded: 2, enrolled: 2 });
    expect(run.managementPoints[0]).toMatchObject({ devices: 1, attempts: 1, failed: 0 });
    expect([...run.managementPoints[0]!.perMinute.slice(0, 2)]).toEqual([1, 0]);
  });

  it("sorts a device that did not enroll into failed (with its reason) or pending", () => {
    const tally = newGroupTally(2);
    const sink = new CountingSink(tally, new RunCounters([], 0, 2));
    const d = new DeviceOutcome();
    d.reset(0);
    Object.assign(d, { enrollmentFailed: true, lastEnrollReason: REASON_ID["server-down"] });
    sink.endDevice(d);
    d.reset(1);
    sink.endDevice(d);
    expect(tally).toMatchObject({ enrollmentFailed: 1, enrollmentPending: 1, enrolled: 0 });
    expect(tally.enrollmentFailedByReason[REASON_ID["server-down"]]).toBe(1);
  });

  it("counts an enrolled device that never connected by its last reason", () => {
    const tally = newGroupTally(1);
    const sink = new CountingSink(tally, new RunCounters([], 0, 1));
    const d = new DeviceOutcome();
    d.reset(0);
    d.committedAt = 5;
    sink.endDevice(d);
    expect(tally.neverConnectedByReason[REASON_ID["not-polled"]]).toBe(1);
  });
});
