// A walk sink for tests: every report as one line of a log.
import type { WalkSink } from "../../src/model/sink.js";

/** A sink that logs every report as a line, and a device's commit, assignment and visibility at its end. */
export function loggingSink(log: string[]): WalkSink {
  return {
    enrollmentTry: (t, reason, epp) => log.push(`enroll ${t} ${reason} ${epp}`),
    managementPointTry: (t, mp, retry, reason) =>
      log.push(`${retry ? "retry" : "poll"} ${t} mp${mp} ${reason}`),
    okPolls: (mp, committedAt, offsets, from, to) =>
      log.push(`ok-polls mp${mp} ${[...offsets.subarray(from, to)].map((u) => committedAt + u).join(" ")}`),
    content: (t, reason, dp) => log.push(`content ${t} ${reason} ${dp}`),
    switched: (t, from, to, back) => log.push(`${back ? "refresh" : "fallback"} ${t} mp${from} mp${to}`),
    deployment: (d, index, t) => log.push(`deployment ${d} device ${index} ${t}`),
    endDevice: (o) =>
      log.push(
        o.committedAt >= 0
          ? `end ${o.index} commit ${o.committedAt} mp${o.managementPoint} replica ${o.replica} tick ${o.tick} ` +
              `visible ${o.visibleAt} delays ${[...o.visibilityDelays].join(" ")}`
          : `end ${o.index}`,
      ),
  };
}
