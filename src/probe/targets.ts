// What `probe` contacts: for each server role of a scenario, the URLs a device (or the role's own
// protocol) would use first. Derived from the same columns as `reach`, so both list roles in one order.
import { reachability } from "../model/reachability.js";
import type { RoleName } from "../model/rules.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * How a probe's HTTP answer is judged (see `answerVerdict`):
 * - `mplist`: the management point's `MPLIST` answer (2xx and an MPList XML document);
 * - `mpcert`: the management point's `MPCERT` answer (2xx);
 * - `enrollmentDiscovery`: the enrollment proxy point's discovery service (2xx: a Windows device's
 *   first GET must succeed before it POSTs its discovery request);
 * - `anyAnswer`: any HTTP answer proves TCP and TLS (distribution point, enrollment point).
 */
export type ProbeCheck = "mplist" | "mpcert" | "enrollmentDiscovery" | "anyAnswer";

/** One URL to probe for one role of one server. */
export interface ProbeTarget {
  /** The server's `name` in the scenario. */
  readonly server: string;
  readonly role: RoleName;
  /** Path and query, e.g. `/SMS_MP/.sms_aut?MPLIST`. */
  readonly path: string;
  /** `https://<name><path>` (host name lower-cased as URLs do). */
  readonly url: string;
  /** The URL's host name, or null when the server's name cannot be a host name (nothing is contacted). */
  readonly host: string | null;
  readonly check: ProbeCheck;
}

/** The paths probed per role, in the order they are probed. */
export const ROLE_PATHS: Readonly<Record<RoleName, readonly { path: string; check: ProbeCheck }[]>> = {
  enrollmentProxyPoint: [{ path: "/EnrollmentServer/Discovery.svc", check: "enrollmentDiscovery" }],
  enrollmentPoint: [{ path: "/", check: "anyAnswer" }],
  distributionPoint: [{ path: "/", check: "anyAnswer" }],
  managementPoint: [
    { path: "/SMS_MP/.sms_aut?MPLIST", check: "mplist" },
    { path: "/SMS_MP/.sms_aut?MPCERT", check: "mpcert" },
  ],
};

function hostOf(name: string): string | null {
  // A name with a port, a path, user info or an IPv6 literal is not a site system's FQDN; only plain
  // host names (and IPv4 literals) are probed, so a probe can never reach somewhere the name does not say.
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return null;
  try {
    // A name the URL parser rewrites ("2130706433", "127.1", "0", "010.0.0.1" all become other IPv4
    // addresses) does not say where it goes: it is not a host name, as `--resolve` also holds.
    const host = new URL(`https://${name}/`).hostname;
    return host === name.toLowerCase() ? host : null;
  } catch {
    return null;
  }
}

/**
 * Every URL to probe for a scenario: servers in scenario order, roles in `reach`'s column order,
 * each role's paths in `ROLE_PATHS` order.
 * @param scenario - a validated scenario
 */
export function probeTargets(scenario: Scenario): ProbeTarget[] {
  return reachability(scenario).columns.flatMap(({ server, role }) => {
    const host = hostOf(server);
    return ROLE_PATHS[role].map(({ path, check }) => ({
      server,
      role,
      path,
      url: `https://${host ?? server}${path}`,
      host,
      check,
    }));
  });
}

/** The host names a scenario's probes may contact (lower case): nothing else is ever connected to. */
export function probeHosts(targets: readonly ProbeTarget[]): Set<string> {
  return new Set(targets.flatMap((t) => (t.host === null ? [] : [t.host])));
}
