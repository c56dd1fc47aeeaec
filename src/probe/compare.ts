// A live probe beside the model's prediction (`reach` at t = 0) for each device group: do they agree?
import type { Reachability } from "../model/reachability.js";
import { nameUsed, rulesFor, type RoleName } from "../model/rules.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * How a live result relates to one group's prediction:
 * - `agrees`: both say reachable; or both say unreachable, and the model knows the live fault (or
 *   predicts a reason the probe cannot see, which leaves the role unreachable either way);
 * - `differs`: reality contradicts the model (the scenario, or the site, is wrong);
 * - `not-checkable`: the prediction turns on something a probe from this machine cannot see (a role
 *   setting, the device's platform or location, or a different name than the one probed).
 */
export type Agreement = "agrees" | "differs" | "not-checkable";

/** One device group's prediction for a probed role, and how the live result relates to it. */
export interface GroupPrediction {
  readonly group: string;
  /** The name this group's devices use for the role (`internetFqdn` for internet devices, when set). */
  readonly name: string;
  /** `ok` or the model's reason (model.md rows 1–13, at t = 0). */
  readonly result: string;
  readonly agreement: Agreement;
}

/** What the comparison needs of a live result. */
export interface LiveOutcome {
  readonly ok: boolean;
  readonly reason: string | null;
  /** The TLS handshake completed (a certificate was presented and verified). */
  readonly tlsEstablished: boolean;
}

// Model reasons a probe observes itself, with the same string: agreement needs the same reason.
const OBSERVED: ReadonlySet<string> = new Set([
  "server-down",
  "certificate-untrusted",
  "certificate-name-mismatch",
  "certificate-not-yet-valid",
  "certificate-expired",
]);

/** What the comparison knows of the model for one group and role, besides its first reason. */
export interface ModelView {
  /** Whether the group uses the probed name for this role. */
  readonly sameName: boolean;
  /**
   * Whether some rule of the model fails with this reason for the contact at t = 0, first or not: a
   * certificate can be both untrusted and expired, and the model reports the earlier rule (untrusted)
   * while OpenSSL reports another (expired) — both know the same certificate.
   */
  readonly alsoFailsWith: (reason: string) => boolean;
}

/**
 * Compares a live result with one prediction.
 * @param live - the probe's outcome
 * @param predicted - `ok` or a model reason (the first failing rule)
 */
export function compareWithPrediction(live: LiveOutcome, predicted: string, model: ModelView): Agreement {
  if (!model.sameName) return "not-checkable";
  if (predicted === "ok") return live.ok ? "agrees" : "differs";
  // No web server certificate bound: any completed handshake proves there is one.
  if (predicted === "no-certificate") return live.tlsEstablished ? "differs" : "agrees";
  if (live.ok) return OBSERVED.has(predicted) ? "differs" : "not-checkable";
  if (live.reason === predicted) return "agrees";
  if (live.reason !== null && model.alsoFailsWith(live.reason)) return "agrees";
  // Both fail. For a reason the probe observes, a different live reason means the scenario misses a
  // fault; a role setting, the device side or the connection type leaves the role unreachable either way.
  return OBSERVED.has(predicted) ? "differs" : "agrees";
}

/**
 * Each device group's prediction for a server role, compared with the live outcome.
 * @param reach - `reachability(scenario)` (at t = 0)
 */
export function predictionsFor(
  scenario: Scenario,
  reach: Reachability,
  server: string,
  role: RoleName,
  live: LiveOutcome,
): GroupPrediction[] {
  const s = scenario.site.servers.find((x) => x.name === server);
  // The same anchor as `reach`: the scenario's start is t = 0.
  const startMs = Date.parse(scenario.start);
  return reach.cells
    .filter((c) => c.server === server && c.role === role)
    .map((cell) => {
      const group = scenario.devices.find((g) => g.name === cell.group);
      if (group === undefined || s === undefined)
        throw new Error(`no group ${cell.group} or server ${server}`);
      const name = nameUsed(group, s, role);
      const contact = { group, server: s, role, startMs, site: scenario.site };
      const model: ModelView = {
        sameName: name.toLowerCase() === server.toLowerCase(),
        alsoFailsWith: (reason) =>
          rulesFor(role).some((rule) => rule.check(contact, reach.timeSeconds) === reason),
      };
      return {
        group: cell.group,
        name,
        result: cell.result,
        agreement: compareWithPrediction(live, cell.result, model),
      };
    });
}
