import { describe, expect, it } from "vitest";
import { OK, REASON_ID } from "../../src/model/reasons.js";
import { RecordSink } from "../../src/model/recordSink.js";
import { DeviceOutcome } from "../../src/model/sink.js";
import type { DeviceRecord } from "../../src/results/device.js";
import { singleServer } from "../helpers/scenarios.js";

const servers = singleServer({}).site.servers;

describe("RecordSink", () => {
  it("writes null for what never happened, and names the management point", () => {
    const records: DeviceRecord[] = [];
    const sink = new RecordSink("w", servers, records);
    const d = new DeviceOutcome();
    d.reset(0);
    Object.assign(d, {
      enrolledAt: 5,
      committedAt: 5,
      managementPoint: 0,
      visibleAt: Infinity,
      lastReason: REASON_ID["device-not-in-replica"],
    });
    sink.endDevice(d);
    d.reset(1);
    Object.assign(d, { enrollmentFailed: true, lastEnrollReason: REASON_ID["server-down"] });
    sink.endDevice(d);
    d.reset(2);
    Object.assign(d, { enrolledAt: 100, lastEnrollReason: OK });
    sink.endDevice(d);
    expect(records).toEqual([
      {
        name: "w-1",
        group: "w",
        enrolledAt: 5,
        committedAt: 5,
        managementPoint: "cm01.corp.contoso.com",
        visibleAt: null,
        firstSuccessAt: null,
        failedBeforeSuccess: 0,
        lastReason: "device-not-in-replica",
      },
      {
        name: "w-2",
        group: "w",
        enrolledAt: null,
        committedAt: null,
        managementPoint: null,
        visibleAt: null,
        firstSuccessAt: null,
        failedBeforeSuccess: 0,
        lastReason: "server-down",
      },
      // Enrolled, but its commit fell after the end: no failure to report.
      {
        name: "w-3",
        group: "w",
        enrolledAt: 100,
        committedAt: null,
        managementPoint: null,
        visibleAt: null,
        firstSuccessAt: null,
        failedBeforeSuccess: 0,
        lastReason: null,
      },
    ]);
  });
});
