// Everything `probe` decides before it touches the network: the targets, the hosts it may contact, the
// `--resolve` overrides and the timeout. Bad options fail here, before any connection is made.
import type { Scenario } from "../scenario/schema.js";
import { parseResolveOptions, type ResolveEntry } from "./resolve.js";
import { probeHosts, probeTargets, type ProbeTarget } from "./targets.js";
import { parseProbeTimeout } from "./timeout.js";

/** A checked probe plan. */
export interface ProbePlan {
  readonly targets: readonly ProbeTarget[];
  /** The only host names that may be connected to (lower case). */
  readonly hosts: ReadonlySet<string>;
  readonly resolve: ReadonlyMap<string, ResolveEntry>;
  /** Bound of each phase of a probe, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Plans the probes of a scenario.
 * @param resolve - `--resolve` values
 * @param timeout - `--timeout` value
 * @throws UsageError for a bad `--resolve` or `--timeout`
 */
export function planProbes(scenario: Scenario, resolve: readonly string[], timeout: unknown): ProbePlan {
  const timeoutMs = parseProbeTimeout(timeout);
  const targets = probeTargets(scenario);
  const hosts = probeHosts(targets);
  return { targets, hosts, resolve: parseResolveOptions(resolve, hosts), timeoutMs };
}
