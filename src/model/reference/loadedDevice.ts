// A device's life where it can meet finite servers (docs/model.md, "The load model"), as processes: its
// enrollment, a poll timer, one session per poll made (its tries and retries), one process per content
// request. Each try is a request that waits on its stages' signals; every rule is evaluated at the event it
// decides, against the state the site's processes hold then.
import type { Process, Signal } from "../../kernel/environment.js";
import { deviceEntity, orderKey, Priority } from "../../kernel/priority.js";
import { jitterDraw, phaseAt, pollInterval, pollSchedule } from "../pollSchedule.js";
import { isConnectionLevel, OK, REASON_ID } from "../reasons.js";
import { answeringEnrollmentPoint, contactReason } from "../rules.js";
import type { LoadWorld, Request } from "./loadWorld.js";
import {
  answerContent,
  answerEnrollment,
  answerTry,
  assign,
  chooseDp,
  chooseEpp,
  enrollmentPointNow,
  noteTryTies,
} from "./device.js";
import { at, type DeviceState, type World } from "./deviceState.js";
import { chooseRegistrationMp } from "./client.js";

type Stages = Generator<Signal, number, unknown>;

const NOT_IN_REPLICA = REASON_ID["device-not-in-replica"];
const DB_UNAVAILABLE = REASON_ID["database-unavailable"];

/** A new request of `d` now (its try, or content). */
function request(load: LoadWorld, d: DeviceState, kind: 0 | 1): Request {
  return load.newRequest(d.number, kind, d.requests++, d.model.group.requestTimeout);
}

/** An enrollment try now: the EPP's stage, then the enrollment point's. Returns its answer. */
function* enrollmentRequest(world: World, load: LoadWorld, d: DeviceState): Stages {
  const { epp, reason } = chooseEpp(world, d);
  if (reason !== OK) return answerEnrollment(world, d, reason, epp);
  let req: Request | null = null;
  const finish = (answer: number): number => {
    if (req) load.done(req);
    d.waiting = false;
    return answerEnrollment(world, d, answer, epp);
  };
  const eppStation = load.plan.epp[world.site.enrollmentProxyPoints.indexOf(epp as never)] ?? -1;
  d.waiting = true;
  if (eppStation >= 0) {
    req = request(load, d, 0);
    const failed = yield* load.stage(req, eppStation);
    if (failed !== null) return finish(failed);
  }
  const ep = enrollmentPointNow(world);
  if (ep !== OK) return finish(ep);
  const server = answeringEnrollmentPoint(world.site.scenario, world.down);
  const epStation = server === undefined ? -1 : (load.plan.enrollmentPoint.get(server.name) ?? -1);
  if (epStation >= 0) {
    req ??= request(load, d, 0);
    const failed = yield* load.stage(req, epStation);
    if (failed !== null) return finish(failed);
  }
  return finish(OK);
}

/** A ConfigMgr client's registration try now: a management point of its pool, then that MP's stage. */
function* registrationRequest(world: World, load: LoadWorld, d: DeviceState): Stages {
  const { mp, position, reason } = chooseRegistrationMp(world, d);
  const station = load.plan.mp[position] ?? -1;
  if (reason !== OK || station < 0) return answerEnrollment(world, d, reason, mp);
  world.branch("load: registration at a management point with a capacity");
  d.waiting = true;
  const req = request(load, d, 0);
  const failed = yield* load.stage(req, station);
  load.done(req);
  d.waiting = false;
  return answerEnrollment(world, d, failed ?? OK, mp);
}

/** A DMP try now: rules 1–13, the management point's stage, then its database's. Returns its reason. */
function* managementPointRequest(world: World, load: LoadWorld, d: DeviceState): Stages {
  const mp = d.managementPoint;
  const server = world.site.managementPoints[mp];
  noteTryTies(world, d);
  if (server === undefined) return REASON_ID["no-management-point"];
  const contact = {
    group: d.model.group,
    server,
    role: "managementPoint" as const,
    startMs: world.site.startMs,
    site: world.site.scenario.site,
  };
  // The database row waits for the database's stage.
  const rows = contactReason(contact, world.env.now, { server: world.down.server, database: () => false });
  if (rows !== null) return REASON_ID[rows];
  let req: Request | null = null;
  const finish = (answer: number): number => {
    if (req) load.done(req);
    d.waiting = false;
    return answer;
  };
  d.waiting = true;
  const mpStation = load.plan.mp[mp] ?? -1;
  if (mpStation >= 0) {
    req = request(load, d, 0);
    const failed = yield* load.stage(req, mpStation);
    if (failed !== null) return finish(failed);
  }
  const replica = world.site.mpReplica[mp] ?? -1;
  const database = replica < 0 ? "site" : (world.site.replicas[replica]?.name ?? "site");
  if (world.down.database(database)) {
    world.branch("load: database down at the query");
    return finish(DB_UNAVAILABLE);
  }
  const found = (): number => (world.database(mp).has(d) ? OK : NOT_IN_REPLICA);
  const dbStation = load.plan.mpDatabase[mp] ?? -1;
  if (dbStation < 0) return finish(found());
  req ??= request(load, d, 0);
  let answer = OK;
  req.onStart = () => {
    answer = found();
    if (answer !== OK) world.branch("load: the query found no record");
  };
  const failed = yield* load.stage(req, dbStation);
  return finish(failed ?? answer);
}

/** Content is due now, unless it is done or a request for it is already due or waiting. */
function contentDue(world: World, load: LoadWorld, d: DeviceState): void {
  if (d.contentDone || d.contentBusy) return;
  d.contentBusy = true;
  world.env.schedule(world.env.now, orderKey(Priority.CONTENT_TRY, deviceEntity(d.number, 1)), () => {
    world.env.process(contentRequest(world, load, d));
  });
}

function* contentRequest(world: World, load: LoadWorld, d: DeviceState): Process {
  const { dp, reason } = chooseDp(world, d);
  const station = dp === undefined ? -1 : (load.plan.dp[world.site.distributionPoints.indexOf(dp)] ?? -1);
  let answer = reason;
  if (reason === OK && station >= 0) {
    const req = request(load, d, 1);
    answer = (yield* load.stage(req, station)) ?? OK;
    load.done(req);
  }
  d.contentBusy = false;
  answerContent(world, d, answer, dp);
}

/** One poll's session: its first try and its retries, each after the answer of the one before. */
function* session(world: World, load: LoadWorld, d: DeviceState): Process {
  const g = d.model.group;
  const { count, initialBackoff, on } = g.connectionRetries;
  for (let r = 0; ; r++) {
    const mp = d.managementPoint;
    const reason = yield* managementPointRequest(world, load, d);
    answerTry(
      world,
      d,
      r === 0 ? "poll" : "retry",
      reason,
      () => {
        if (g.content) contentDue(world, load, d);
      },
      mp,
    );
    if (reason === OK) return;
    if (!isConnectionLevel(reason, on)) {
      world.branch("poll: not retried (not connection-level)");
      return;
    }
    if (r >= count) {
      if (count > 0) world.branch("poll: retries used up");
      return;
    }
    const t = world.env.now + initialBackoff * 2 ** r;
    if (t === d.nextPollAt) world.branch("tie: retry due at the next poll");
    if (t >= d.nextPollAt) {
      world.branch("poll: retry dropped at the next poll");
      return;
    }
    yield { time: t, priority: at(Priority.MP_TRY, d) };
  }
}

/** The polls by the schedule; a poll due while the device waits for an answer is not made. */
function* pollTimer(world: World, load: LoadWorld, d: DeviceState): Process {
  const g = d.model.group;
  const schedule = pollSchedule(g);
  const jitter = world.rng(d, "jitter");
  let u = schedule.firstPollDelay;
  let phase = 0;
  for (;;) {
    yield { time: d.committedAt + u, priority: at(Priority.MP_TRY, d) };
    const next = phaseAt(schedule, u, phase);
    if (next !== phase) world.branch("poll: next polling phase");
    phase = next;
    if (g.jitter > 0) world.branch("poll: jitter");
    u = u + pollInterval(schedule, phase) + jitterDraw(jitter, g.jitter);
    d.nextPollAt = d.committedAt + u;
    if (d.waiting) {
      world.branch("load: poll not made, waiting for an answer");
      continue;
    }
    if (g.content && d.firstSuccessAt >= 0 && !d.contentDone) world.branch("content: at a later poll");
    if (g.content && d.firstSuccessAt >= 0) contentDue(world, load, d);
    world.env.process(session(world, load, d));
  }
}

/** The life of a device that can meet finite servers, from its first enrollment try. */
export function* loadedDeviceLife(world: World, load: LoadWorld, d: DeviceState, firstTry: number): Process {
  const { delay, retryAfter, maxAttempts } = d.model.group.enrollment;
  let t = firstTry;
  for (let k = 0; k < maxAttempts; k++) {
    yield { time: t, priority: at(Priority.ENROLLMENT_TRY, d) };
    if (k > 0) world.branch("enrollment: retried");
    const reason =
      d.failures !== null
        ? yield* registrationRequest(world, load, d)
        : yield* enrollmentRequest(world, load, d);
    d.lastEnrollReason = reason;
    if (reason === OK) {
      d.enrolledAt = world.env.now;
      break;
    }
    t = world.env.now + retryAfter;
  }
  if (d.enrolledAt < 0) {
    world.branch("enrollment: failed for good");
    d.enrollmentFailed = true;
    return;
  }
  yield { time: d.enrolledAt + delay, priority: at(Priority.COMMIT, d) };
  world.commit(d);
  assign(world, d);
  d.nextPollAt = d.committedAt + pollSchedule(d.model.group).firstPollDelay;
  world.env.process(pollTimer(world, load, d));
}
