// A walk sink for tests: every report as one line of a log.
import type { WalkSink } from "../../src/model/sink.js";

/** A sink that logs every report as a line. */
export function loggingSink(log: string[]): WalkSink {
  return {
    beginDevice: (i) => log.push(`begin ${i}`),
    enrollmentTry: (t, reason, epp) => log.push(`enroll ${t} ${reason} ${epp}`),
    committed: (t) => log.push(`commit ${t}`),
    carried: (r, delay) => log.push(`carried ${r} ${delay}`),
    assigned: (t, mp, replica, tick, visible) =>
      log.push(`assigned ${t} ${mp} ${replica} ${tick} ${visible}`),
    managementPointTry: (t, retry, reason) => log.push(`${retry ? "retry" : "poll"} ${t} ${reason}`),
    okPoll: (t) => log.push(`ok-poll ${t}`),
    fastForwarded: (n) => log.push(`fast-forwarded ${n}`),
    content: (t, reason, dp) => log.push(`content ${t} ${reason} ${dp}`),
    endDevice: (o) => log.push(`end ${o.index}`),
  };
}
