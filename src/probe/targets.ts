// What `probe` contacts: for each server role of a scenario, the URLs a device (or the role's own
// protocol) would use first. Derived from the same columns as `reach`, so both list roles in one order.
import { reachability } from "../model/reachability.js";
import type { RoleName } from "../model/rules.js";
import type { Scenario } from "../scenario/schema.js";
import { clientGroupsByManagementPoint } from "./clientManagementPoints.js";

/**
 * How a probe's HTTP answer is judged (see `answerVerdict`):
 * - `mplist`: the management point's `MPLIST` answer (2xx and an MPList XML document);
 * - `mpcert`: the management point's `MPCERT` answer (2xx);
 * - `enrollmentDiscovery`: the enrollment proxy point's discovery service (2xx: a Windows device's
 *   first GET must succeed before it POSTs its discovery request);
 * - `anyAnswer`: any HTTP answer proves TCP and TLS (distribution point, enrollment point);
 * - `clientPolicy`: the management point's endpoint for ConfigMgr clients' policy requests (any answer but
 *   a server error or a redirect: the probe is no registered client, so it sends no policy request).
 */
export type ProbeCheck = "mplist" | "mpcert" | "enrollmentDiscovery" | "anyAnswer" | "clientPolicy";

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
  /** The device groups whose predictions this probe is compared with; absent: every group. */
  readonly groups?: readonly string[];
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

/**
 * Where a ConfigMgr client sends its requests for policy: CCM messaging's endpoint on the management point,
 * which the client's CcmMessaging.log names (`POST: … Path=/ccm_system/request, Port=443, Protocol=https`,
 * in Microsoft's "Track software update compliance assessment"); its policy assignment request is a
 * message to the MP_PolicyManager endpoint posted there.
 */
export const CLIENT_POLICY_PATH = "/ccm_system/request";

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
 * each role's paths in `ROLE_PATHS` order, then a management point's client policy endpoint when a
 * ConfigMgr client group can use it.
 * @param scenario - a validated scenario
 */
export function probeTargets(scenario: Scenario): ProbeTarget[] {
  const clients = clientGroupsByManagementPoint(scenario);
  return reachability(scenario).columns.flatMap(({ server, role }) => {
    const host = hostOf(server);
    const target = (path: string, check: ProbeCheck): ProbeTarget => ({
      server,
      role,
      path,
      url: `https://${host ?? server}${path}`,
      host,
      check,
    });
    const targets = ROLE_PATHS[role].map(({ path, check }) => target(path, check));
    // A management point a ConfigMgr client group can use is also probed as those clients would use it.
    const groups = role === "managementPoint" ? clients.get(server) : undefined;
    if (groups !== undefined) targets.push({ ...target(CLIENT_POLICY_PATH, "clientPolicy"), groups });
    return targets;
  });
}

/** The host names a scenario's probes may contact (lower case): nothing else is ever connected to. */
export function probeHosts(targets: readonly ProbeTarget[]): Set<string> {
  return new Set(targets.flatMap((t) => (t.host === null ? [] : [t.host])));
}
