// The engine. Devices interact only through the site timeline (replica ticks, outages, certificate
// validity), which the kernel computes first; each device's own events are then generated in time order
// and processed to completion, device after device. Every output is a sum or a per-device value, so this
// order gives exactly the results of a single global event queue, at a fraction of its cost (see
// ARCHITECTURE.md, "Why the engine has this form").
import { Priority } from "../kernel/priority.js";
import { substream, type Rng } from "../random.js";
import { isConnectionLevel, OK, REASON_ID, REASONS } from "./reasons.js";
import { enrollmentTimes } from "./enrollment.js";
import { visibleAt } from "./replica.js";
import { rangeContains } from "../scenario/ipv4.js";
import {
  alwaysFailing,
  managementPointCandidates,
  preferredPositions,
  type GroupModel,
  type SiteModel,
} from "./site.js";
import { timelineAt, type ReasonTimeline } from "./timeline.js";

const R = REASONS.length;
const NOT_IN_REPLICA = REASON_ID["device-not-in-replica"];
const NO_CONTENT_LOCATION = REASON_ID["no-content-location"];
const NOT_POLLED = REASON_ID["not-polled"];
const NO_MP = alwaysFailing("no-management-point");
const NO_EPP = alwaysFailing("no-enrollment-proxy-point");

/** One event of a traced device. */
export interface TraceEvent {
  /** Simulation time, seconds. */
  readonly time: number;
  /** Equal-time order (`Priority`). */
  readonly priority: number;
  /** What happened: `enrollment-try`, `commit`, `assigned`, `sync`, `visible`, `poll`, `retry`, `content`. */
  readonly event: string;
  /** `ok`, a reason, or a short note. */
  readonly outcome: string;
  /** The server or replica involved, when one is. */
  readonly target: string | null;
}

/** Per-device outcome, when `perDevice` is asked for. Times in seconds, null where it never happened. */
export interface DeviceRecord {
  readonly name: string;
  readonly group: string;
  readonly enrolledAt: number | null;
  readonly committedAt: number | null;
  readonly managementPoint: string | null;
  readonly visibleAt: number | null;
  readonly firstSuccessAt: number | null;
  readonly failedBeforeSuccess: number;
  readonly lastReason: string | null;
}

/** Counters of one device group. */
export interface GroupTally {
  total: number;
  enrolled: number;
  enrollmentFailed: number;
  enrollmentPending: number;
  connected: number;
  connectedAfterFailures: number;
  /** Time to first success of connected devices, device order (first `connected` entries used). */
  readonly ttfs: Float64Array;
  /** Failed tries before first success, same order. */
  readonly failures: Int32Array;
  attempts: number;
  succeeded: number;
  readonly failedByReason: Float64Array;
  readonly enrollmentFailedByReason: Float64Array;
  readonly neverConnectedByReason: Float64Array;
  contentAttempted: number;
  contentSucceeded: number;
  readonly contentFailedByReason: Float64Array;
  /** Time from commit to content success, device order. */
  readonly timeToContent: number[];
}

/** Counters of one management point. */
export interface ManagementPointTally {
  devices: number;
  attempts: number;
  failed: number;
  /** Tries per minute of the run. */
  readonly perMinute: Uint32Array;
}

/** Everything a run counted; `summarize` turns it into the result document. */
export interface RawRun {
  readonly site: SiteModel;
  readonly groups: readonly GroupTally[];
  readonly managementPoints: readonly ManagementPointTally[];
  /** Per replica: the visibility delay of every commit a tick carried in the run. */
  readonly visibilityDelays: readonly Float64Array[];
  readonly events: number;
  readonly trace: TraceEvent[] | null;
  readonly perDevice: DeviceRecord[] | null;
}

/** Options of `runEngine`. */
export interface EngineOptions {
  /** Record one `DeviceRecord` per device. */
  readonly perDevice?: boolean;
  /** Record the timeline of one device: group position and 0-based index. */
  readonly trace?: { readonly group: number; readonly index: number };
}

function newGroupTally(count: number): GroupTally {
  return {
    total: count,
    enrolled: 0,
    enrollmentFailed: 0,
    enrollmentPending: 0,
    connected: 0,
    connectedAfterFailures: 0,
    ttfs: new Float64Array(count),
    failures: new Int32Array(count),
    attempts: 0,
    succeeded: 0,
    failedByReason: new Float64Array(R),
    enrollmentFailedByReason: new Float64Array(R),
    neverConnectedByReason: new Float64Array(R),
    contentAttempted: 0,
    contentSucceeded: 0,
    contentFailedByReason: new Float64Array(R),
    timeToContent: [],
  };
}

function outcomeOf(reasonId: number): string {
  return reasonId === OK ? "ok" : (REASONS[reasonId] ?? "unknown");
}

function pick<T>(items: readonly T[], rng: Rng): T | undefined {
  // No draw for a single candidate: the stream only moves when there is a choice.
  return items.length === 1 ? items[0] : items[Math.floor(rng() * items.length)];
}

/** Runs every device of the compiled site. Pure: same site, same options, same result. */
export function runEngine(site: SiteModel, options: EngineOptions = {}): RawRun {
  const { duration, seed } = site;
  const minutes = Math.max(1, Math.ceil(duration / 60));
  const mpTallies: ManagementPointTally[] = site.managementPoints.map(() => ({
    devices: 0,
    attempts: 0,
    failed: 0,
    perMinute: new Uint32Array(minutes),
  }));
  const commitsTotal = site.groups.reduce((n, g) => n + g.group.count, 0);
  const delays = site.replicas.map(() => new Float64Array(commitsTotal));
  const delayCounts = new Int32Array(site.replicas.length);
  // Each commit's visibility in every replica, computed once per device (statistics and its own DMP).
  const seenBy = new Float64Array(site.replicas.length);
  const perDevice: DeviceRecord[] | null = options.perDevice === true ? [] : null;
  const trace: TraceEvent[] | null = options.trace !== undefined ? [] : null;
  let events = site.siteEvents;
  const record = (
    time: number,
    priority: number,
    event: string,
    outcome: string,
    target: string | null,
  ): void => {
    trace?.push({ time, priority, event, outcome, target });
  };

  const groups = site.groups.map((model, groupIndex) => {
    const g = model.group;
    const tally = newGroupTally(g.count);
    const times = enrollmentTimes(g, seed);
    const eppRng = substream(seed, `group:${g.name}:epp`);
    const assignRng = substream(seed, `group:${g.name}:assignment`);
    const jitterRng = substream(seed, `group:${g.name}:jitter`);
    const contentRng = substream(seed, `group:${g.name}:content`);
    const { delay, retryAfter, maxAttempts } = g.enrollment;
    const every = Float64Array.from(g.polling, (p) => p.every);
    const until = Float64Array.from(g.polling, (p) => p.until ?? Infinity);
    const jitter = g.jitter;
    const firstPollDelay = g.firstPollDelay;
    const retries = g.connectionRetries.count;
    const backoff = g.connectionRetries.initialBackoff;
    const retryOn = g.connectionRetries.on;
    const eppTimelines = model.eppTimelines.length > 0 ? model.eppTimelines : [NO_EPP];
    const hasEpp = model.eppTimelines.length > 0;
    const hasMp = site.managementPoints.length > 0;
    const addrSize = model.addresses ? model.addresses.last - model.addresses.first + 1 : 0;
    const reachable = new Int32Array(eppTimelines.length);
    const candidates = managementPointCandidates(model, site.managementPoints.length);
    const traceIndex = options.trace?.group === groupIndex ? options.trace.index : -1;

    for (let i = 0; i < g.count; i++) {
      const tracing = i === traceIndex && trace !== null;
      const address = model.addresses ? model.addresses.first + (i % addrSize) : -1;

      // 1. Enrollment tries.
      let committedAt = -1;
      let enrolledAt = -1;
      let lastEnrollReason = OK;
      let pendingEnrollment = false;
      for (let k = 0; k < maxAttempts; k++) {
        const t = (times[i] ?? 0) + k * retryAfter;
        if (t >= duration) {
          pendingEnrollment = true;
          break;
        }
        events++;
        let reachableCount = 0;
        for (let e = 0; e < eppTimelines.length; e++) {
          const tl = eppTimelines[e];
          if (tl !== undefined && timelineAt(tl, t) === OK) reachable[reachableCount++] = e;
        }
        let chosen: number;
        let reason: number;
        if (reachableCount === 0) {
          chosen = 0;
          reason = timelineAt(eppTimelines[0] ?? NO_EPP, t);
        } else {
          // No draw for a single reachable EPP: the stream moves only when there is a choice.
          chosen =
            reachableCount === 1
              ? (reachable[0] ?? 0)
              : (reachable[Math.floor(eppRng() * reachableCount)] ?? 0);
          reason = timelineAt(site.enrollmentPoint, t);
        }
        lastEnrollReason = reason;
        if (tracing) {
          const epp = hasEpp ? (site.enrollmentProxyPoints[chosen]?.name ?? null) : null;
          record(t, Priority.ENROLLMENT_TRY, "enrollment-try", outcomeOf(reason), epp);
        }
        if (reason === OK) {
          enrolledAt = t;
          committedAt = t + delay;
          break;
        }
      }
      if (committedAt < 0) {
        if (pendingEnrollment) tally.enrollmentPending++;
        else {
          tally.enrollmentFailed++;
          bump(tally.enrollmentFailedByReason, lastEnrollReason);
        }
        perDevice?.push(deviceRecord(g.name, i, enrolledAt, -1, null, -1, -1, 0, lastEnrollReason));
        continue;
      }
      if (committedAt >= duration) {
        tally.enrollmentPending++;
        perDevice?.push(deviceRecord(g.name, i, enrolledAt, -1, null, -1, -1, 0, OK));
        continue;
      }
      tally.enrolled++;
      events++;
      if (tracing) record(committedAt, Priority.COMMIT, "commit", "ok", null);
      for (let r = 0; r < site.replicas.length; r++) {
        const replica = site.replicas[r];
        if (replica === undefined) continue;
        const seen = visibleAt(replica, committedAt);
        seenBy[r] = seen;
        if (seen === Infinity) continue;
        const slot = delayCounts[r] ?? 0;
        const into = delays[r];
        if (into) into[slot] = seen - committedAt;
        delayCounts[r] = slot + 1;
      }

      // 2. DMP assignment at commit.
      let mp = -1;
      let timeline: ReasonTimeline = NO_MP;
      if (hasMp) {
        if (candidates.length === 1) mp = candidates[0] ?? 0;
        else {
          const preferred =
            address >= 0 && model.preferences.length > 0
              ? preferredPositions(model.preferences, address)
              : null;
          mp = pick(preferred ?? candidates, assignRng) ?? 0;
        }
        timeline = model.mpTimelines[mp] ?? NO_MP;
      }
      const mpTally = mp >= 0 ? mpTallies[mp] : undefined;
      if (mpTally) mpTally.devices++;
      const replicaIndex = mp >= 0 ? (site.mpReplica[mp] ?? -1) : -1;
      const replica = replicaIndex >= 0 ? site.replicas[replicaIndex] : undefined;
      const visible = replica === undefined ? committedAt : (seenBy[replicaIndex] ?? Infinity);
      if (tracing) {
        const mpName = mp >= 0 ? (site.managementPoints[mp]?.name ?? null) : null;
        record(
          committedAt,
          Priority.COMMIT,
          "assigned",
          mpName === null ? "no-management-point" : "ok",
          mpName,
        );
        if (replica !== undefined && visible !== Infinity) {
          const tick = visible - replica.applyDelay;
          record(tick, Priority.SYNC_TICK, "sync", "carries the record", replica.name);
        }
        if (visible !== Infinity) record(visible, Priority.VISIBLE, "visible", "ok", replica?.name ?? "site");
      }

      // 3. Polls, each with its connection retries; content after the first success.
      let u = firstPollDelay;
      let phase = 0;
      let firstSuccess = -1;
      let failedBefore = 0;
      let lastReason = NOT_POLLED;
      let contentDone = !g.content;
      while (committedAt + u < duration) {
        while ((until[phase] ?? Infinity) <= u) phase++;
        const nextU = u + (every[phase] ?? 3600) + (jitter > 0 ? jitterRng() * jitter : 0);
        const pollAt = committedAt + u;
        const nextPollAt = committedAt + nextU;
        const successBefore = firstSuccess >= 0;
        for (let r = 0; r <= retries; r++) {
          const offset = r === 0 ? 0 : backoff * (2 ** r - 1);
          const t = pollAt + offset;
          // A retry due at or after the next poll (or the end) is dropped: the next poll starts afresh.
          if (r > 0 && (t >= nextPollAt || t >= duration)) break;
          events++;
          let reason = timelineAt(timeline, t);
          if (reason === OK && t < visible) reason = NOT_IN_REPLICA;
          tally.attempts++;
          if (mpTally) {
            mpTally.attempts++;
            bump(mpTally.perMinute, Math.floor(t / 60));
          }
          lastReason = reason;
          if (tracing) {
            record(
              t,
              Priority.MP_TRY,
              r === 0 ? "poll" : "retry",
              outcomeOf(reason),
              mp >= 0 ? (site.managementPoints[mp]?.name ?? null) : null,
            );
          }
          if (reason === OK) {
            tally.succeeded++;
            if (firstSuccess < 0) {
              firstSuccess = t;
              tally.ttfs[tally.connected] = t - committedAt;
              tally.failures[tally.connected] = failedBefore;
              tally.connected++;
              if (failedBefore > 0) tally.connectedAfterFailures++;
            }
            break;
          }
          bump(tally.failedByReason, reason);
          if (mpTally) mpTally.failed++;
          if (firstSuccess < 0) failedBefore++;
          if (!isConnectionLevel(reason, retryOn)) break;
        }
        // Content: at the first success, then at every later poll until it succeeds.
        if (!contentDone && firstSuccess >= 0) {
          const t = successBefore ? pollAt : firstSuccess;
          events++;
          tally.contentAttempted++;
          const reason = contentTry(model, site, address, t, contentRng);
          if (tracing) record(t, Priority.CONTENT_TRY, "content", outcomeOf(reason.id), reason.dp);
          if (reason.id === OK) {
            tally.contentSucceeded++;
            tally.timeToContent.push(t - committedAt);
            contentDone = true;
          } else bump(tally.contentFailedByReason, reason.id);
        }
        u = nextU;
      }
      if (firstSuccess < 0) bump(tally.neverConnectedByReason, lastReason);
      perDevice?.push(
        deviceRecord(
          g.name,
          i,
          enrolledAt,
          committedAt,
          mp >= 0 ? (site.managementPoints[mp]?.name ?? null) : null,
          visible,
          firstSuccess,
          failedBefore,
          lastReason,
        ),
      );
    }
    return tally;
  });

  return {
    site,
    groups,
    managementPoints: mpTallies,
    visibilityDelays: delays.map((d, r) => d.subarray(0, delayCounts[r])),
    events,
    trace,
    perDevice,
  };
}

/** Adds `n` to `counts[i]` (typed arrays are zero-filled, so the fallback never applies). */
function bump(counts: Float64Array | Uint32Array, i: number, n = 1): void {
  counts[i] = (counts[i] ?? 0) + n;
}

function contentTry(
  model: GroupModel,
  site: SiteModel,
  address: number,
  t: number,
  rng: Rng,
): { id: number; dp: string | null } {
  let candidates: readonly number[];
  if (model.internetDps !== null) candidates = model.internetDps;
  else {
    const found: number[] = [];
    if (address >= 0) {
      for (const p of model.dpPreferences) {
        if (!p.ranges.some((r) => rangeContains(r, address))) continue;
        for (const pos of p.positions) if (!found.includes(pos)) found.push(pos);
      }
    }
    candidates = found.sort((a, b) => a - b);
  }
  if (candidates.length === 0) return { id: NO_CONTENT_LOCATION, dp: null };
  const dp = pick(candidates, rng) ?? 0;
  const timeline = model.dpTimelines[dp];
  return {
    id: timeline ? timelineAt(timeline, t) : NO_CONTENT_LOCATION,
    dp: site.distributionPoints[dp]?.name ?? null,
  };
}

function deviceRecord(
  group: string,
  i: number,
  enrolledAt: number,
  committedAt: number,
  managementPoint: string | null,
  visible: number,
  firstSuccess: number,
  failedBefore: number,
  lastReason: number,
): DeviceRecord {
  return {
    name: `${group}-${i + 1}`,
    group,
    enrolledAt: enrolledAt >= 0 ? enrolledAt : null,
    committedAt: committedAt >= 0 ? committedAt : null,
    managementPoint,
    visibleAt: committedAt >= 0 && Number.isFinite(visible) ? visible : null,
    firstSuccessAt: firstSuccess >= 0 ? firstSuccess : null,
    failedBeforeSuccess: failedBefore,
    lastReason: lastReason === OK ? null : (REASONS[lastReason] ?? null),
  };
}
