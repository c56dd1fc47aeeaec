// What the library's readers of a run's result (renderRunTable, the mdmsim/testing predicates) accept: the
// document `simulate` returns (or its JSON, parsed), every field they read of the kind it has there. A
// value missing, null or of another kind is refused before any work, never a TypeError from a formatter.
import { hasFields, isListOf } from "./libraryArguments.js";
import { isRecord } from "./isRecord.js";
import { DOCUMENT_FORMATS } from "./results/documentFormat.js";

type Test = (v: unknown) => boolean;

const number: Test = (v) => typeof v === "number";
const string: Test = (v) => typeof v === "string";
const nullable =
  (test: Test): Test =>
  (v) =>
    v === null || test(v);
const absentOr =
  (test: Test): Test =>
  (v) =>
    v === undefined || test(v);
/** An object whose every value passes `test` (counts by reason, load by server). */
const mapOf =
  (test: Test): Test =>
  (v) => {
    if (!isRecord(v)) return false;
    for (const key of Object.keys(v)) if (!test(v[key])) return false;
    return true;
  };

const counts = mapOf(number);
const statistics = hasFields({
  mean: nullable(number),
  p50: nullable(number),
  p90: nullable(number),
  p99: nullable(number),
  max: nullable(number),
});
const counted = hasFields({ count: number });
const summary: Test = (v) => statistics(v) && counted(v);
const range = hasFields({ min: number, mean: number, max: number });
const deviceCounts = hasFields(
  Object.fromEntries(
    [
      "total",
      "enrolled",
      "enrollmentFailed",
      "enrollmentPending",
      "connected",
      "neverConnected",
      "connectedAfterFailures",
    ].map((k) => [k, number]),
  ),
);
const failedAttempts = hasFields({ mean: nullable(number), max: nullable(number), histogram: counts });
const attempts = hasFields({ total: number, succeeded: number, failed: number, failedByReason: counts });

const group = hasFields({
  name: string,
  pollingProfile: nullable(string),
  devices: deviceCounts,
  timeToFirstSuccessSeconds: summary,
  failedAttemptsBeforeSuccess: failedAttempts,
  attempts,
});
const managementPoint = hasFields({
  server: string,
  database: string,
  devices: number,
  attempts: number,
  failed: number,
  peakAttemptsPerMinute: number,
  fallbacksFrom: absentOr(number),
  fallbacksTo: absentOr(number),
  returnsTo: absentOr(number),
});
const replica = hasFields({
  name: string,
  syncs: number,
  skippedSyncs: number,
  visibilityDelaySeconds: summary,
  expectedVisibilityDelaySeconds: range,
  syncOffsetSeconds: number,
});
const content = hasFields({
  attempted: number,
  succeeded: number,
  failedByReason: counts,
  timeToContentSeconds: summary,
  neverServed: number,
});
const station = hasFields({
  workers: number,
  requests: number,
  served: number,
  refused: number,
  timedOut: number,
  utilisation: number,
  waitSeconds: statistics,
  responseSeconds: statistics,
});
const stations = mapOf(station);
const load = hasFields({
  managementPoints: stations,
  enrollmentProxyPoints: stations,
  enrollmentPoints: stations,
  distributionPoints: stations,
  databases: stations,
});
const deployment = hasFields({
  targeted: number,
  received: number,
  notReceived: number,
  receivedAfterSeconds: summary,
  expectedReceivedAfterSeconds: nullable(range),
});
const expectation = hasFields({
  expression: string,
  actual: nullable(number),
  passed: (v) => typeof v === "boolean",
});
const traceEvent = hasFields({
  time: number,
  priority: number,
  event: string,
  outcome: string,
  target: nullable(string),
});
const deviceRecord = hasFields({
  name: string,
  group: string,
  enrolledAt: nullable(number),
  committedAt: nullable(number),
  managementPoint: nullable(string),
  visibleAt: nullable(number),
  firstSuccessAt: nullable(number),
  failedBeforeSuccess: number,
  lastReason: nullable(string),
});

const FIELDS: Readonly<Record<string, Test>> = {
  format: (v) => v === DOCUMENT_FORMATS.run,
  scenario: string,
  seed: number,
  durationSeconds: number,
  devices: deviceCounts,
  timeToFirstSuccessSeconds: summary,
  failedAttemptsBeforeSuccess: failedAttempts,
  attempts,
  enrollmentFailedByReason: counts,
  neverConnectedByReason: counts,
  groups: isListOf(group),
  managementPoints: isListOf(managementPoint),
  replicas: isListOf(replica),
  content: nullable(content),
  load: absentOr(load),
  deployments: absentOr(mapOf(deployment)),
  expectations: isListOf(expectation),
  events: number,
  // Read by the predicates only, which check each record (a million of them are not walked to print a table).
  perDevice: absentOr(Array.isArray),
  trace: absentOr(isListOf(traceEvent)),
};

/** Whether `v` is a run's result, every field the readers read of its kind. */
export const isRunResult: Test = hasFields(FIELDS);

/** The same, with the per-device records the predicates read (`simulate(s, { perDevice: true })`). */
export const isRunResultWithRecords: Test = (v) =>
  isRunResult(v) && isRecord(v) && isListOf(deviceRecord)(v.perDevice);
