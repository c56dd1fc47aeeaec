// The result document of `run` (cli-and-results.md): built from the engine's counters.
import { largest } from "../extremes.js";
import type { GroupTally, RawRun } from "../model/tally.js";
import type { DeviceRecord, TraceEvent } from "./device.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "./documentFormat.js";
import { buildLoad, type LoadResult } from "./load.js";
import { buildDeployments, type DeploymentResult } from "./deployments.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { countsByReason } from "../model/reasons.js";
import { expectedVisibilityDelay } from "../model/replica.js";
import { pollProfileName, type PollProfileName } from "../scenario/pollProfiles.js";
import type { DeviceGroup } from "../scenario/schema.js";
import { round3, summarize, type Summary } from "./statistics.js";

/** Device counts. `total = enrolled + enrollmentFailed + enrollmentPending`; `enrolled = connected + neverConnected`. */
export interface DeviceCounts {
  readonly total: number;
  /** Devices whose record was committed to the site database during the run. */
  readonly enrolled: number;
  /** Devices that used up `maxAttempts` enrollment tries. */
  readonly enrollmentFailed: number;
  /** Devices whose enrollment had not finished when the run ended (tries or commit due after the end). */
  readonly enrollmentPending: number;
  readonly connected: number;
  readonly neverConnected: number;
  readonly connectedAfterFailures: number;
}

/** Failed tries before the first success, over connected devices. */
export interface FailedAttemptsSummary {
  readonly mean: number | null;
  readonly max: number | null;
  /** failure count → number of devices. */
  readonly histogram: Record<string, number>;
}

/** Tries at a device management point. */
export interface AttemptCounts {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly failedByReason: Record<string, number>;
}

/** Per device group. */
export interface GroupResult {
  readonly name: string;
  /** The poll profile whose phases the group used, or null for a list that is no profile. */
  readonly pollingProfile: PollProfileName | null;
  readonly devices: DeviceCounts;
  readonly timeToFirstSuccessSeconds: Summary;
  readonly failedAttemptsBeforeSuccess: FailedAttemptsSummary;
  readonly attempts: AttemptCounts;
}

/** Per management point (site order). */
export interface ManagementPointResult {
  readonly server: string;
  /** `"site"` or the replica's name. */
  readonly database: string;
  readonly devices: number;
  readonly attempts: number;
  readonly failed: number;
  readonly peakAttemptsPerMinute: number;
  /** With ConfigMgr clients: switches away from it and to it after failed tries, and returns at a refresh. */
  readonly fallbacksFrom?: number;
  readonly fallbacksTo?: number;
  readonly returnsTo?: number;
}

/** Per replica: measured visibility delays beside the closed form. */
export interface ReplicaResult {
  readonly name: string;
  readonly syncs: number;
  readonly skippedSyncs: number;
  /** Seconds from commit to visibility, over the commits a tick carried during the run. */
  readonly visibilityDelaySeconds: Summary;
  /** The closed form `D`, `P/2 + D`, `P + D` for evenly spread commits without outages. */
  readonly expectedVisibilityDelaySeconds: {
    readonly min: number;
    readonly mean: number;
    readonly max: number;
  };
  /** The sync offset used (drawn when the scenario gives none), seconds. */
  readonly syncOffsetSeconds: number;
}

/** Content requests (groups with `content: true`). */
export interface ContentResult {
  readonly attempted: number;
  readonly succeeded: number;
  readonly failedByReason: Record<string, number>;
  /** Seconds from commit to the first successful content request. */
  readonly timeToContentSeconds: Summary;
  /** Devices that asked for content (from their first success on) and never got it during the run. */
  readonly neverServed: number;
}

/** One evaluated expectation. */
export interface ExpectationResult {
  readonly expression: string;
  readonly actual: number | null;
  readonly passed: boolean;
}

/** The result document of `mdmsim run --format json`. Times in seconds. */
export interface RunResult {
  /** `mdmsim-run/1`: the document and its major version (documentFormat.ts). */
  readonly format: DocumentFormat<"run">;
  readonly scenario: string;
  readonly seed: number;
  readonly durationSeconds: number;
  readonly devices: DeviceCounts;
  readonly timeToFirstSuccessSeconds: Summary;
  readonly failedAttemptsBeforeSuccess: FailedAttemptsSummary;
  readonly attempts: AttemptCounts;
  readonly enrollmentFailedByReason: Record<string, number>;
  readonly neverConnectedByReason: Record<string, number>;
  readonly groups: readonly GroupResult[];
  readonly managementPoints: readonly ManagementPointResult[];
  readonly replicas: readonly ReplicaResult[];
  readonly content: ContentResult | null;
  /** Per role and database with a `capacity`; absent when none has one. */
  readonly load?: LoadResult;
  /** Per deployment, by name; absent when the scenario has none. */
  readonly deployments?: Record<string, DeploymentResult>;
  readonly expectations: readonly ExpectationResult[];
  /** Events the engine processed: replica ticks (taken or skipped), enrollment tries, commits, DMP and content tries. */
  readonly events: number;
  /** One record per device, when asked for (`perDevice: true`). */
  readonly perDevice?: readonly DeviceRecord[];
  /** The traced device's timeline, when asked for, in the kernel's order (time, priority, record order). */
  readonly trace?: readonly TraceEvent[];
}

/** The run's numbers: the document without what is evaluated or attached afterwards. */
export type MeasuredRun = Omit<RunResult, "format" | "expectations" | "events" | "perDevice" | "trace">;

/** Evaluates expectations over the run's numbers (`events` included). */
export type ExpectationEvaluator = (
  measured: MeasuredRun & { readonly events: number },
) => readonly ExpectationResult[];

/** Counts added index by index (arrays of different lengths: the longest's). */
function sumCounts(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.length === 0 ? 0 : largest(arrays.map((a) => a.length)));
  for (const a of arrays) for (let i = 0; i < a.length; i++) out[i] = (out[i] ?? 0) + (a[i] ?? 0);
  return out;
}

function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Devices per number of failed tries (index: the number), counted in one pass. */
function failureCounts(failures: Int32Array): Float64Array {
  let counts = new Float64Array(16);
  for (let i = 0; i < failures.length; i++) {
    const f = failures[i] ?? 0;
    if (f >= counts.length) {
      const wider = new Float64Array(Math.max(f + 1, 2 * counts.length));
      wider.set(counts);
      counts = wider;
    }
    counts[f] = (counts[f] ?? 0) + 1;
  }
  return counts;
}

/**
 * The summary of failed tries from devices per number of failures: the mean from the counts (a sum of
 * integers below 2^53 is exact in any order, so it is the index-order mean's value).
 */
function failedSummary(counts: Float64Array): FailedAttemptsSummary {
  const histogram: Record<string, number> = {};
  let sum = 0;
  let devices = 0;
  let max = -1;
  for (let f = 0; f < counts.length; f++) {
    const n = counts[f] ?? 0;
    if (n === 0) continue;
    histogram[String(f)] = n;
    sum += f * n;
    devices += n;
    max = f;
  }
  const m = devices === 0 ? null : sum / devices;
  return { mean: m === null ? null : round3(m), max: max < 0 ? null : max, histogram };
}

function deviceCounts(tallies: readonly GroupTally[]): DeviceCounts {
  const sum = (f: (t: GroupTally) => number) => tallies.reduce((n, t) => n + f(t), 0);
  const enrolled = sum((t) => t.enrolled);
  const connected = sum((t) => t.connected);
  return {
    total: sum((t) => t.total),
    enrolled,
    enrollmentFailed: sum((t) => t.enrollmentFailed),
    enrollmentPending: sum((t) => t.enrollmentPending),
    connected,
    neverConnected: enrolled - connected,
    connectedAfterFailures: sum((t) => t.connectedAfterFailures),
  };
}

function attemptCounts(tallies: readonly GroupTally[]): AttemptCounts {
  const total = tallies.reduce((n, t) => n + t.attempts, 0);
  const succeeded = tallies.reduce((n, t) => n + t.succeeded, 0);
  return {
    total,
    succeeded,
    failed: total - succeeded,
    failedByReason: countsByReason(sumCounts(tallies.map((t) => t.failedByReason))),
  };
}

/** Each group's connected devices: time to first success in device order, and devices per failed tries. */
interface ConnectedValues {
  readonly ttfs: Float64Array;
  readonly failureCounts: Float64Array;
}

function connectedValues(tally: GroupTally): ConnectedValues {
  return {
    ttfs: tally.ttfs.subarray(0, tally.connected),
    failureCounts: failureCounts(tally.failures.subarray(0, tally.connected)),
  };
}

// The whole run's values: the times concatenated in group order (the means' order; percentiles select over
// it), the groups' counts of failed tries added.
function combine(parts: readonly ConnectedValues[]): ConnectedValues {
  return {
    ttfs: concat(parts.map((p) => p.ttfs)),
    failureCounts: sumCounts(parts.map((p) => p.failureCounts)),
  };
}

function groupResult(
  tally: GroupTally,
  values: ConnectedValues,
  group: DeviceGroup | undefined,
): GroupResult {
  return {
    name: group?.name ?? "",
    pollingProfile: (group && pollProfileName(group.polling)) ?? null,
    devices: deviceCounts([tally]),
    timeToFirstSuccessSeconds: summarize(values.ttfs),
    failedAttemptsBeforeSuccess: failedSummary(values.failureCounts),
    attempts: attemptCounts([tally]),
  };
}

/** The whole run's time to first success and failed tries before it. */
function runWide(
  groups: readonly GroupResult[],
  perGroup: readonly ConnectedValues[],
): Pick<RunResult, "timeToFirstSuccessSeconds" | "failedAttemptsBeforeSuccess"> {
  const [only] = groups;
  // With one group the run's values are that group's: copy its summaries instead of computing them again.
  if (groups.length === 1 && only) {
    const failed = only.failedAttemptsBeforeSuccess;
    return {
      timeToFirstSuccessSeconds: { ...only.timeToFirstSuccessSeconds },
      failedAttemptsBeforeSuccess: { ...failed, histogram: { ...failed.histogram } },
    };
  }
  const all = combine(perGroup);
  return {
    timeToFirstSuccessSeconds: summarize(all.ttfs),
    failedAttemptsBeforeSuccess: failedSummary(all.failureCounts),
  };
}

/** Orders trace events by the kernel's rule: time, then priority, then the order they were recorded. */
function ordered(trace: readonly TraceEvent[]): TraceEvent[] {
  // Array sort is stable: equal (time, priority) keep the order they were recorded in.
  return [...trace]
    .sort((a, b) => a.time - b.time || a.priority - b.priority)
    .map((e) => ({ ...e, time: round3(e.time) }));
}

/**
 * Builds the result document from a run's counters, once: the numbers, then the expectations evaluated over
 * them, then the per-device records and the trace when the run kept them.
 */
export function buildRunResult(raw: RawRun, evaluate: ExpectationEvaluator = () => []): RunResult {
  const measured = measure(raw);
  const expectations = evaluate({ ...measured, events: raw.events });
  return {
    format: DOCUMENT_FORMATS.run,
    ...measured,
    expectations,
    events: raw.events,
    ...(raw.perDevice !== null ? { perDevice: raw.perDevice } : {}),
    ...(raw.trace !== null ? { trace: ordered(raw.trace) } : {}),
  };
}

function measure(raw: RawRun): MeasuredRun {
  const { site } = raw;
  const tallies = raw.groups;
  const perGroup = tallies.map(connectedValues);
  const groups = tallies.map((t, i) =>
    groupResult(t, perGroup[i] ?? connectedValues(t), site.scenario.devices[i]),
  );
  const anyContent = site.scenario.devices.some((g) => g.content);
  const anyClient = site.scenario.devices.some(isConfigMgrClient);
  return {
    scenario: site.scenario.name,
    seed: site.seed,
    durationSeconds: round3(site.duration),
    devices: deviceCounts(tallies),
    ...runWide(groups, perGroup),
    attempts: attemptCounts(tallies),
    enrollmentFailedByReason: countsByReason(sumCounts(tallies.map((t) => t.enrollmentFailedByReason))),
    neverConnectedByReason: countsByReason(sumCounts(tallies.map((t) => t.neverConnectedByReason))),
    groups,
    managementPoints: site.managementPoints.map((server, i) => {
      const t = raw.managementPoints[i];
      let peak = 0;
      if (t) for (const n of t.perMinute) peak = Math.max(peak, n);
      return {
        server: server.name,
        database: server.roles.managementPoint?.database ?? "site",
        devices: t?.devices ?? 0,
        attempts: t?.attempts ?? 0,
        failed: t?.failed ?? 0,
        peakAttemptsPerMinute: peak,
        ...(anyClient
          ? {
              fallbacksFrom: t?.fallbacksFrom ?? 0,
              fallbacksTo: t?.fallbacksTo ?? 0,
              returnsTo: t?.returnsTo ?? 0,
            }
          : {}),
      };
    }),
    replicas: site.replicas.map((timeline, i) => {
      const expected = expectedVisibilityDelay({
        syncInterval: timeline.interval,
        applyDelay: timeline.applyDelay,
      });
      return {
        name: timeline.name,
        syncs: timeline.ticks.length,
        skippedSyncs: timeline.skipped,
        visibilityDelaySeconds: summarize(raw.visibilityDelays[i] ?? new Float64Array(0)),
        expectedVisibilityDelaySeconds: {
          min: round3(expected.min),
          mean: round3(expected.mean),
          max: round3(expected.max),
        },
        syncOffsetSeconds: round3(timeline.offset),
      };
    }),
    content: anyContent
      ? {
          attempted: tallies.reduce((n, t) => n + t.contentAttempted, 0),
          succeeded: tallies.reduce((n, t) => n + t.contentSucceeded, 0),
          failedByReason: countsByReason(sumCounts(tallies.map((t) => t.contentFailedByReason))),
          timeToContentSeconds: summarize(tallies.flatMap((t) => t.timeToContent)),
          neverServed: tallies.reduce((n, t) => n + t.contentNeverServed, 0),
        }
      : null,
    // Absent without any capacity, so such a run's document is what it was before the load model.
    ...(raw.load !== null ? { load: buildLoad(raw.load, site.duration) } : {}),
    ...(site.deployments.length > 0 ? { deployments: buildDeployments(site, raw.deployments) } : {}),
  };
}
