// The result document of `mdmsim probe --format json` (cli-and-results.md, `probe`): one entry per server
// role and path, built from the adapter's observations by pure judgement.
import { reachability } from "../model/reachability.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";
import type { RoleName } from "../model/rules.js";
import type { Scenario } from "../scenario/schema.js";
import { predictionsFor, type GroupPrediction } from "./compare.js";
import { advertisedFqdns, decodeBody, parseMpList } from "./mplist.js";
import type { ObservedCertificate, ProbeObservation } from "./observation.js";
import { answerVerdict, describeError, failureReason, type ProbeReason } from "./reasons.js";
import type { ProbeTarget } from "./targets.js";

/**
 * One probe's entry. The first nine fields are the contract; the others are added (the spec allows
 * added fields, never renamed ones).
 */
export interface ProbeEntry {
  /** The server's name in the scenario. */
  readonly server: string;
  readonly role: RoleName;
  readonly url: string;
  /** The address connected to (or resolved); null when the name did not resolve. */
  readonly address: string | null;
  readonly ok: boolean;
  /** Null when `ok`. */
  readonly reason: ProbeReason | null;
  /** HTTP status; null when no answer arrived. */
  readonly status: number | null;
  /** From the start of the probe (before the name lookup) to the answer's headers or the failure. */
  readonly latencyMs: number;
  /** For an MPLIST probe whose answer was read: the FQDNs it lists (MP entries only); null otherwise. */
  readonly advertisedManagementPoints: readonly string[] | null;
  /** Added: the probed path and query. */
  readonly path: string;
  /** Added: the port connected to. */
  readonly port: number | null;
  /** Added: what went wrong, in words (the error code or the HTTP status); null when `ok`. */
  readonly detail: string | null;
  /** Added: milliseconds from the start to the TCP connection; null when it was never established. */
  readonly tcpConnectMs: number | null;
  /** Added: milliseconds from the start to the verified TLS session; null when none was established. */
  readonly tlsHandshakeMs: number | null;
  /** Added: the negotiated TLS version. */
  readonly tlsProtocol: string | null;
  /** Added: the server's certificate, when the handshake succeeded. */
  readonly certificate: ObservedCertificate | null;
  /** Added (MPLIST): the scenario's management points the answer does not list; null when not read. */
  readonly scenarioManagementPointsNotAdvertised: readonly string[] | null;
  /** Added (MPLIST): listed management points the scenario does not have; null when not read. */
  readonly advertisedManagementPointsNotInScenario: readonly string[] | null;
  /**
   * Added: each device group's prediction for this role (`reach` at t = 0) and whether this result agrees;
   * for a client policy probe, only the ConfigMgr client groups that can use the management point.
   */
  readonly predicted: readonly GroupPrediction[];
  /** Added: no group's prediction `differs` from this result. */
  readonly agrees: boolean;
}

/** The `probe --format json` document. */
export interface ProbeReport {
  /** `mdmsim-probe/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"probe">;
  readonly probes: readonly ProbeEntry[];
}

/** The most of an MPLIST answer the adapter reads (a real one is a few hundred bytes per MP). */
export const MPLIST_MAX_BYTES = 1024 * 1024;

interface Judgement {
  readonly ok: boolean;
  readonly reason: ProbeReason | null;
  readonly detail: string | null;
  readonly advertised: readonly string[] | null;
}

const fail = (reason: ProbeReason, detail: string): Judgement => ({
  ok: false,
  reason,
  detail,
  advertised: null,
});

/** Judges one observation: network failure, then the HTTP status, then (MPLIST) the document. */
export function judgeObservation(target: ProbeTarget, o: ProbeObservation): Judgement {
  if (o.error !== null) {
    const progress = { tcpConnected: o.tcpConnectMs !== null, tlsEstablished: o.tlsHandshakeMs !== null };
    return fail(failureReason(o.error, progress), describeError(o.error));
  }
  if (o.status === null) return fail("http-error", "no HTTP answer");
  const verdict = answerVerdict(target.check, o.status);
  if (!verdict.ok) return fail("http-error", verdict.detail);
  if (target.check !== "mplist") return { ok: true, reason: null, detail: null, advertised: null };
  if (o.body === null) return fail("http-error", "the MPLIST answer has no body");
  if (o.bodyTruncated)
    return fail("http-error", `the MPLIST answer is larger than ${MPLIST_MAX_BYTES} bytes`);
  const parsed = parseMpList(decodeBody(o.body, o.contentType));
  if (!parsed.ok) return fail("http-error", `the answer is not a management point list: ${parsed.error}`);
  return { ok: true, reason: null, detail: null, advertised: advertisedFqdns(parsed.managementPoints) };
}

function notIn(items: readonly string[], others: readonly string[]): string[] {
  const set = new Set(others.map((x) => x.toLowerCase()));
  return items.filter((x) => !set.has(x.toLowerCase()));
}

const ms = (value: number | null): number | null => (value === null ? null : Math.round(value));

/**
 * Builds the probe document.
 * @param targets - `probeTargets(scenario)`
 * @param observations - one per target, in the same order
 */
export function buildProbeReport(
  scenario: Scenario,
  targets: readonly ProbeTarget[],
  observations: readonly ProbeObservation[],
): ProbeReport {
  if (observations.length !== targets.length)
    throw new Error(`${observations.length} observations for ${targets.length} probe targets`);
  const reach = reachability(scenario);
  const scenarioMps = scenario.site.servers
    .filter((s) => s.roles.managementPoint !== undefined)
    .map((s) => s.name);
  const probes = targets.map((target, i): ProbeEntry => {
    const o = observations[i] as ProbeObservation;
    const j = judgeObservation(target, o);
    const groups = target.groups;
    const predicted = predictionsFor(scenario, reach, target.server, target.role, {
      ok: j.ok,
      reason: j.reason,
      tlsEstablished: o.tlsHandshakeMs !== null,
    }).filter((p) => groups === undefined || groups.includes(p.group));
    return {
      server: target.server,
      role: target.role,
      url: target.url,
      address: o.address,
      ok: j.ok,
      reason: j.reason,
      status: o.status,
      latencyMs: Math.round(o.latencyMs),
      advertisedManagementPoints: j.advertised,
      path: target.path,
      port: o.port,
      detail: j.detail,
      tcpConnectMs: ms(o.tcpConnectMs),
      tlsHandshakeMs: ms(o.tlsHandshakeMs),
      tlsProtocol: o.tlsProtocol,
      certificate: o.certificate,
      scenarioManagementPointsNotAdvertised: j.advertised === null ? null : notIn(scenarioMps, j.advertised),
      advertisedManagementPointsNotInScenario:
        j.advertised === null ? null : notIn(j.advertised, scenarioMps),
      predicted,
      agrees: predicted.every((p) => p.agreement !== "differs"),
    };
  });
  return { format: DOCUMENT_FORMATS.probe, probes };
}

/** Whether any probed role was unreachable (exit code 1): a role is unreachable when any of its paths failed. */
export function anyUnreachable(report: ProbeReport): boolean {
  return report.probes.some((p) => !p.ok);
}
