import { describe, expect, it } from "vitest";
import { Priority } from "../../src/kernel/priority.js";
import { OK, REASON_ID } from "../../src/model/reasons.js";
import { compileSite } from "../../src/model/site.js";
import { DeviceOutcome } from "../../src/model/sink.js";
import { TraceSink } from "../../src/model/traceSink.js";
import type { TraceEvent } from "../../src/results/device.js";
import { singleServer } from "../helpers/scenarios.js";

describe("TraceSink", () => {
  it("records each report, names the servers, and leaves out a visibility at or after the end", () => {
    const scenario = singleServer({ duration: "10m" });
    const site = compileSite(scenario, 1);
    const events: TraceEvent[] = [];
    const sink = new TraceSink(site, events);
    sink.enrollmentTry(5, OK, 0);
    sink.managementPointTry(5, 0, false, REASON_ID["device-not-in-replica"]);
    sink.okPolls(0, 5, Float64Array.of(0, 495), 1, 2);
    sink.content(500, REASON_ID["no-content-location"], -1);
    const d = new DeviceOutcome(1);
    d.reset(0);
    // Visible at 700 s, at the end of the 10-minute run: that event is left out.
    Object.assign(d, { committedAt: 5, managementPoint: 0, replica: 0, tick: 400, visibleAt: 600 });
    sink.endDevice(d);
    const mp = "cm01.corp.contoso.com";
    expect(events).toEqual([
      { time: 5, priority: Priority.ENROLLMENT_TRY, event: "enrollment-try", outcome: "ok", target: mp },
      { time: 5, priority: Priority.MP_TRY, event: "poll", outcome: "device-not-in-replica", target: mp },
      { time: 500, priority: Priority.MP_TRY, event: "poll", outcome: "ok", target: mp },
      {
        time: 500,
        priority: Priority.CONTENT_TRY,
        event: "content",
        outcome: "no-content-location",
        target: null,
      },
      // The commit, the assignment and the tick come with the device's end; the trace is ordered afterwards.
      { time: 5, priority: Priority.COMMIT, event: "commit", outcome: "ok", target: null },
      { time: 5, priority: Priority.COMMIT, event: "assigned", outcome: "ok", target: mp },
      { time: 400, priority: Priority.SYNC_TICK, event: "sync", outcome: "carries the record", target: "r1" },
    ]);
    events.length = 0;
    d.visibleAt = 599;
    sink.endDevice(d);
    expect(events.at(-1)).toEqual({
      time: 599,
      priority: Priority.VISIBLE,
      event: "visible",
      outcome: "ok",
      target: "r1",
    });
  });
});
