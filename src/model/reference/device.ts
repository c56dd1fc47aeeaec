// A device's life as one process (model.md, "A device's life"): enrollment tries, commit, DMP assignment,
// polls with retries, content requests. Every rule is evaluated at the event it decides, against the state
// the site's processes hold at that instant: no compiled timelines, no fast-forwards.
import type { Process } from "../../kernel/environment.js";
import { deviceEntity, orderKey, Priority } from "../../kernel/priority.js";
import { pickUniform } from "../../random.js";
import type { Server } from "../../scenario/schema.js";
import {
  assignmentPool,
  contentCandidates,
  deviceAddress,
  managementPointCandidates,
} from "../assignment.js";
import { phaseAt, pollInterval, pollSchedule, jitterDraw } from "../pollSchedule.js";
import { isConnectionLevel, OK, REASON_ID, REASONS } from "../reasons.js";
import { enrollmentPointReason, validityWindow } from "../rules.js";
import { chooseRegistrationMp, deliverDeployments, failedTry, refreshes } from "./client.js";
import { at, reasonNow, type DeviceState, type World } from "./deviceState.js";
import { bump, perMinute } from "../tally.js";

const outcome = (id: number): string => (id === OK ? "ok" : (REASONS[id] ?? "unknown"));

/** One enrollment try now: an EPP among the reachable ones (the first EPP when none is), then the EP. */
function enrollmentTry(world: World, d: DeviceState): number {
  if (d.failures !== null) {
    // A ConfigMgr client registers at a management point of its pool; no enrollment point is involved.
    const { mp, reason } = chooseRegistrationMp(world, d);
    return answerEnrollment(world, d, reason, mp);
  }
  const { epp, reason } = chooseEpp(world, d);
  return answerEnrollment(world, d, reason === OK ? enrollmentPointNow(world) : reason, epp);
}

/**
 * The EPP an enrollment try goes through now, drawn among those it can reach (no draw for one); or, when it
 * can reach none, the reason (of the first EPP, named as the try's target).
 */
export function chooseEpp(world: World, d: DeviceState): { epp: Server | undefined; reason: number } {
  const epps = world.site.enrollmentProxyPoints;
  if (epps.length === 0) {
    world.branch("enrollment: the site has no EPP");
    return { epp: undefined, reason: REASON_ID["no-enrollment-proxy-point"] };
  }
  if (epps.some((s) => world.edgeNow(s))) world.branch("tie: enrollment try at an outage edge");
  const reachable = epps.filter((s) => reasonNow(world, d.model.group, s, "enrollmentProxyPoint") === OK);
  if (reachable.length > 1) world.branch("enrollment: EPP drawn among several");
  const epp = pickUniform(reachable, world.rng(d, "epp"));
  if (epp !== undefined) return { epp, reason: OK };
  world.branch("enrollment: no EPP reachable");
  const first = epps[0] as Server;
  return { epp: first, reason: reasonNow(world, d.model.group, first, "enrollmentProxyPoint") };
}

/** The enrollment point's check now (none, all down, none on HTTPS, the site database down), as an id. */
export function enrollmentPointNow(world: World): number {
  const ep = enrollmentPointReason(world.site.scenario, world.env.now, world.down);
  if (ep !== null) world.branch("enrollment: refused by the enrollment point");
  return ep === null ? OK : REASON_ID[ep];
}

/** An enrollment try of `d` through `epp` answered now with `reason`: counted and traced. */
export function answerEnrollment(
  world: World,
  d: DeviceState,
  reason: number,
  epp: Server | undefined,
): number {
  world.counted();
  const event = d.failures !== null ? "registration-try" : "enrollment-try";
  world.trace(d, Priority.ENROLLMENT_TRY, event, outcome(reason), epp?.name ?? null);
  return reason;
}

/**
 * Notes the ties a DMP try of `d` now meets, each decided by the kernel's order at one instant (the property
 * requires each to be reached): an outage edge of its server or database, its record becoming visible, its
 * commit, a certificate's validity instant.
 */
export function noteTryTies(world: World, d: DeviceState): void {
  const now = world.env.now;
  const server = world.site.managementPoints[d.managementPoint];
  if (server !== undefined && world.edgeNow(server, d.managementPoint))
    world.branch("tie: poll at an outage edge");
  const r = world.site.mpReplica[d.managementPoint] ?? -1;
  if (r >= 0 && d.committedAt + (d.delays[r] ?? NaN) === now)
    world.branch("tie: poll at the instant a record becomes visible");
  if (now === d.committedAt) world.branch("tie: poll at its commit instant");
  const certificate = server?.certificate;
  if (certificate != null) {
    const window = validityWindow(certificate, world.site.startMs);
    if (window.from === now || window.until === now)
      world.branch("tie: poll at a certificate's validity edge");
  }
}

/** One DMP try now (a poll's first try or a retry). */
function managementPointTry(world: World, d: DeviceState, event: "poll" | "retry"): number {
  noteTryTies(world, d);
  const server = world.site.managementPoints[d.managementPoint];
  let reason =
    server === undefined
      ? REASON_ID["no-management-point"]
      : reasonNow(world, d.model.group, server, "managementPoint");
  if (reason === OK && !world.database(d.managementPoint).has(d)) reason = REASON_ID["device-not-in-replica"];
  return answerTry(world, d, event, reason, () => {
    // Content: at the first success.
    if (d.model.group.content) world.branch("content: at the first success");
    if (d.model.group.content)
      world.env.schedule(world.env.now, orderKey(Priority.CONTENT_TRY, deviceEntity(d.number, 1)), () => {
        contentTry(world, d);
      });
  });
}

/**
 * A DMP try of `d` answered now with `reason`: counted, traced, the device's first success noted (then
 * `firstSuccess` runs). Returns the reason.
 */
export function answerTry(
  world: World,
  d: DeviceState,
  event: "poll" | "retry",
  reason: number,
  firstSuccess: () => void,
  /** The management point the try went to (a client's may have changed while it waited, at a refresh). */
  position = d.managementPoint,
): number {
  const now = world.env.now;
  const server = world.site.managementPoints[position];
  const tally = world.groups[d.group];
  const mp = world.managementPoints[position];
  world.counted();
  if (event === "retry") world.branch("poll: retry");
  d.lastReason = reason;
  world.trace(d, Priority.MP_TRY, event, outcome(reason), server?.name ?? null);
  if (tally === undefined) return reason;
  tally.attempts++;
  if (mp) {
    mp.attempts++;
    perMinute(mp.perMinute, now);
  }
  if (reason === OK) {
    tally.succeeded++;
    if (d.firstSuccessAt < 0) {
      d.firstSuccessAt = now;
      firstSuccess();
    }
    deliverDeployments(world, d, position);
    return reason;
  }
  bump(tally.failedByReason, reason);
  if (mp) {
    mp.failed++;
    perMinute(mp.failedPerMinute, now);
  }
  if (d.firstSuccessAt < 0) d.failedBefore++;
  failedTry(world, d, reason, position);
  return reason;
}

/** One content request now: a DP among the device's candidates, checked by the rules. */
function contentTry(world: World, d: DeviceState): void {
  const { dp, reason } = chooseDp(world, d);
  answerContent(world, d, reason, dp);
}

/** The DP a content request goes to now, drawn among the device's candidates, and its rules' reason. */
export function chooseDp(world: World, d: DeviceState): { dp: Server | undefined; reason: number } {
  const address = deviceAddress(d.model.addresses, d.index);
  d.contentAsked = true;
  const candidates = contentCandidates(d.model, address);
  world.branch(
    candidates.length === 0
      ? "content: no location"
      : candidates.length > 1
        ? "content: DP drawn among several"
        : "content: one DP",
  );
  const position = pickUniform(candidates, world.rng(d, "content"));
  const dp = position === undefined ? undefined : world.site.distributionPoints[position];
  const reason =
    dp === undefined
      ? REASON_ID["no-content-location"]
      : reasonNow(world, d.model.group, dp, "distributionPoint");
  return { dp, reason };
}

/** A content request of `d` to `dp` answered now with `reason`: counted, traced, the content noted. */
export function answerContent(world: World, d: DeviceState, reason: number, dp: Server | undefined): void {
  const tally = world.groups[d.group];
  world.counted();
  world.trace(d, Priority.CONTENT_TRY, "content", outcome(reason), dp?.name ?? null);
  if (tally === undefined) return;
  tally.contentAttempted++;
  if (reason !== OK) {
    bump(tally.contentFailedByReason, reason);
    return;
  }
  tally.contentSucceeded++;
  d.contentDone = true;
  d.contentAt = world.env.now - d.committedAt;
}

/** DMP assignment at the commit (now): the assignment rule, its draw from the device's stream. */
export function assign(world: World, d: DeviceState): void {
  const candidates = managementPointCandidates(d.model, world.site.managementPoints.length);
  const pool = assignmentPool(d.model, candidates, deviceAddress(d.model.addresses, d.index));
  world.branch(
    d.model.pinned !== undefined
      ? "assignment: pinned"
      : d.model.eligible.length === 0
        ? "assignment: no eligible DMP"
        : pool.length < candidates.length
          ? "assignment: boundary group narrowed the pool"
          : pool.length > 1
            ? "assignment: drawn among eligible DMPs"
            : "assignment: one eligible DMP",
  );
  d.managementPoint = pickUniform(pool, world.rng(d, "assignment")) ?? -1;
  d.assignedMp = d.managementPoint;
  world.assigned(d);
  if (d.failures !== null) world.env.process(refreshes(world, d));
}

/** The device's life from its first enrollment try; it simply stops where the run ends. */
export function* deviceLife(world: World, d: DeviceState, firstTry: number): Process {
  const g = d.model.group;
  const { delay, retryAfter, maxAttempts } = g.enrollment;
  for (let k = 0; k < maxAttempts && d.enrolledAt < 0; k++) {
    yield { time: firstTry + k * retryAfter, priority: at(Priority.ENROLLMENT_TRY, d) };
    if (k > 0) world.branch("enrollment: retried");
    const reason = enrollmentTry(world, d);
    d.lastEnrollReason = reason;
    if (reason === OK) d.enrolledAt = world.env.now;
  }
  if (d.enrolledAt < 0) {
    world.branch("enrollment: failed for good");
    d.enrollmentFailed = true;
    return;
  }
  yield { time: d.enrolledAt + delay, priority: at(Priority.COMMIT, d) };
  world.commit(d);
  assign(world, d);
  const schedule = pollSchedule(g);
  const { count: retries, initialBackoff, on } = g.connectionRetries;
  const jitter = world.rng(d, "jitter");
  let u = schedule.firstPollDelay;
  let phase = 0;
  for (;;) {
    const pollAt = d.committedAt + u;
    yield { time: pollAt, priority: at(Priority.MP_TRY, d) };
    const nextPhase = phaseAt(schedule, u, phase);
    if (nextPhase !== phase) world.branch("poll: next polling phase");
    phase = nextPhase;
    if (g.jitter > 0) world.branch("poll: jitter");
    const nextU = u + pollInterval(schedule, phase) + jitterDraw(jitter, g.jitter);
    const nextPollAt = d.committedAt + nextU;
    // Content: at every poll after the first success until it succeeds.
    if (g.content && d.firstSuccessAt >= 0 && !d.contentDone) world.branch("content: at a later poll");
    if (g.content && d.firstSuccessAt >= 0 && !d.contentDone)
      world.env.schedule(pollAt, orderKey(Priority.CONTENT_TRY, deviceEntity(d.number, 1)), () => {
        contentTry(world, d);
      });
    for (let r = 0; r <= retries; r++) {
      if (r > 0) {
        const t = pollAt + initialBackoff * (2 ** r - 1);
        // A retry due at or after the next poll is dropped: the next poll starts afresh.
        if (t === nextPollAt) world.branch("tie: retry due at the next poll");
        if (t >= nextPollAt) {
          world.branch("poll: retry dropped at the next poll");
          break;
        }
        yield { time: t, priority: at(Priority.MP_TRY, d) };
      }
      const reason = managementPointTry(world, d, r === 0 ? "poll" : "retry");
      if (reason !== OK && !isConnectionLevel(reason, on))
        world.branch("poll: not retried (not connection-level)");
      if (reason !== OK && r === retries && retries > 0) world.branch("poll: retries used up");
      if (reason === OK || !isConnectionLevel(reason, on)) break;
    }
    u = nextU;
  }
}
