// What the reference adds for ConfigMgr clients (docs/clients.md) and deployments, each rule at its event:
// registration at a management point of the client's pool, fallback after five failed tries in ten minutes,
// the refresh that brings a client back to its own boundary group, and deployments received at a successful
// try once the management point's database holds them.
import type { Process } from "../../kernel/environment.js";
import { deviceEntity, orderKey, Priority } from "../../kernel/priority.js";
import { pickUniform } from "../../random.js";
import type { Server } from "../../scenario/schema.js";
import { assignmentPool, deviceAddress, fallbackPool, managementPointCandidates } from "../assignment.js";
import { countsTowardFallback } from "../fallback.js";
import { OK, REASON_ID } from "../reasons.js";
import { countSwitch } from "../tally.js";
import { reasonNow, type DeviceState, type World } from "./deviceState.js";

/** The management points a client at its address may use (its pool), in site order. */
function pool(world: World, d: DeviceState): readonly number[] {
  const candidates = managementPointCandidates(d.model, world.site.managementPoints.length);
  if (candidates.length === 0) return [];
  return assignmentPool(d.model, candidates, deviceAddress(d.model.addresses, d.index));
}

/**
 * The management point a client's registration try goes to now, drawn among the MPs of its pool that answer
 * (no draw for one); or, when none does, the reason of the first (no-management-point without any).
 */
export function chooseRegistrationMp(
  world: World,
  d: DeviceState,
): { mp: Server | undefined; position: number; reason: number } {
  const positions = pool(world, d);
  const servers = world.site.managementPoints;
  const answer = (p: number) => reasonNow(world, d.model.group, servers[p] as Server, "managementPoint");
  if (positions.length === 0) {
    world.branch("registration: no management point");
    return { mp: undefined, position: -1, reason: REASON_ID["no-management-point"] };
  }
  const reachable = positions.filter((p) => answer(p) === OK);
  if (reachable.length > 1) world.branch("registration: MP drawn among several");
  const chosen = pickUniform(reachable, world.rng(d, "epp"));
  if (chosen !== undefined) return { mp: servers[chosen], position: chosen, reason: OK };
  world.branch("registration: no MP answers");
  const first = positions[0] ?? 0;
  return { mp: servers[first], position: first, reason: answer(first) };
}

/**
 * A client's failed try now with `reason` at management point `mp`: the fifth counting failure in ten minutes
 * at the MP it uses makes it fall back (a try answered after a refresh moved it elsewhere does not count).
 */
export function failedTry(world: World, d: DeviceState, reason: number, mp: number): void {
  const window = d.failures;
  if (window === null || mp < 0 || mp !== d.managementPoint || !countsTowardFallback(reason)) return;
  if (!window.failed(world.env.now)) return;
  window.reset();
  const candidates = managementPointCandidates(d.model, world.site.managementPoints.length);
  const others = fallbackPool(
    d.model,
    candidates,
    deviceAddress(d.model.addresses, d.index),
    d.managementPoint,
  );
  if (others.length === 0) {
    world.branch("fallback: no other management point");
    return;
  }
  world.branch(others.length > 1 ? "fallback: drawn among several" : "fallback: to the one other MP");
  switchTo(world, d, pickUniform(others, world.rng(d, "fallback")) ?? d.managementPoint, false);
  d.fellBack = true;
}

/** The client uses management point `to` from now on (`back`: at a refresh): counted and traced. */
function switchTo(world: World, d: DeviceState, to: number, back: boolean): void {
  countSwitch(world.managementPoints, world.env.now, d.managementPoint, to, back);
  d.managementPoint = to;
  const name = world.site.managementPoints[to]?.name ?? null;
  world.trace(d, back ? Priority.COMMIT : Priority.MP_TRY, back ? "refresh" : "fallback", "ok", name);
}

/** A client's refreshes from its commit on: one that fell back draws again from its own pool. */
export function* refreshes(world: World, d: DeviceState): Process {
  const every = d.model.group.mpRefresh;
  for (let t = d.committedAt + every; ; t += every) {
    yield { time: t, priority: orderKey(Priority.COMMIT, deviceEntity(d.number, 0)) };
    if (!d.fellBack) continue;
    d.fellBack = false;
    d.failures?.reset();
    const to = pickUniform(pool(world, d), world.rng(d, "fallback")) ?? d.managementPoint;
    // Drawing the one in use (when it is of its own pool too) is no return: nothing changes.
    if (to === d.managementPoint) {
      world.branch("fallback: stays at a refresh (of its own pool too)");
      continue;
    }
    world.branch("fallback: back at a refresh");
    switchTo(world, d, to, true);
  }
}

/** A successful try now at `mp`: every deployment of the device's group that MP's database holds. */
export function deliverDeployments(world: World, d: DeviceState, mp: number): void {
  const held = world.database(mp);
  world.site.deployments.forEach((deployment, i) => {
    if (deployment.targets[d.group] !== true || d.received.has(i)) return;
    if (!held.has(world.deploymentRecord(i))) {
      world.branch("deployment: not yet in the MP's database");
      return;
    }
    world.branch("deployment: received");
    d.received.add(i);
    world.deploymentReceived(d, i);
    const name = world.site.deployments[i]?.name ?? null;
    world.trace(d, Priority.MP_TRY, "deployment", "received", name);
  });
}
