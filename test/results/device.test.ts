// results/device.ts declares the per-device shapes; their values come from the record and trace sinks.
import { describe, expect, it } from "vitest";
import type { DeviceRecord, TraceEvent } from "../../src/results/device.js";
import { simulate } from "../../src/simulate.js";
import { singleServer } from "../helpers/scenarios.js";

describe("device records and traces in a result", () => {
  it("have exactly the documented fields", () => {
    const result = simulate(singleServer({}), { perDevice: true, trace: "w-1" });
    const record: DeviceRecord | undefined = result.perDevice?.[0];
    const event: TraceEvent | undefined = result.trace?.[0];
    expect(Object.keys(record ?? {})).toEqual([
      "name",
      "group",
      "enrolledAt",
      "committedAt",
      "managementPoint",
      "visibleAt",
      "firstSuccessAt",
      "failedBeforeSuccess",
      "lastReason",
    ]);
    expect(Object.keys(event ?? {})).toEqual(["time", "priority", "event", "outcome", "target"]);
  });
});
