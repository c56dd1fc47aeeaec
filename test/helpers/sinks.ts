// A walk sink for tests: every report as one line of a log.
import type { WalkSink } from "../../src/model/sink.js";

/** A sink that logs every report as a line. */
export function loggingSink(log: string[]): WalkSink {
  return {
    enrollmentTry: (t, reason, epp) => log.push(`enroll ${t} ${reason} ${epp}`),
    committed: (t, mp, replica, tick, visible) => log.push(`commit ${t} ${mp} ${replica} ${tick} ${visible}`),
    managementPointTry: (t, retry, reason) => log.push(`${retry ? "retry" : "poll"} ${t} ${reason}`),
    okPolls: (times, from, to) => log.push(`ok-polls ${[...times.subarray(from, to)].join(" ")}`),
    content: (t, reason, dp) => log.push(`content ${t} ${reason} ${dp}`),
    endDevice: (o) =>
      log.push(
        o.committedAt >= 0 && o.visibilityDelays.length > 0
          ? `end ${o.index} delays ${[...o.visibilityDelays].join(" ")}`
          : `end ${o.index}`,
      ),
  };
}
