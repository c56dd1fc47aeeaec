// `mdmsim check`: the catalogue of checks.md, evaluated without simulating. Site-wide rules come first;
// then, for every device group, the reachability rules for each role its devices would use, through the
// same rule code and the same candidate choice as `run`.
import { replicaClosedForm } from "../model/closedForm.js";
import { checkSiteLimits } from "../model/estimate.js";
import { staticContactReason, validityWindow, type Contact, type RoleName } from "../model/rules.js";
import { assignmentShares, managementPointCandidates } from "../model/assignment.js";
import { compileSite, type GroupModel, type SiteModel } from "../model/site.js";
import { formatIpv4, parseIpv4Range, rangeSize, type Ipv4Range } from "../scenario/ipv4.js";
import type { Scenario, Server } from "../scenario/schema.js";
import { formatDuration } from "../scenario/duration.js";
import { consolidate, SOURCES, type Finding, type Severity } from "./finding.js";
import { reasonFinding, ROLE_LABEL, serverPath } from "./reasonFinding.js";

const ROLES: readonly RoleName[] = [
  "enrollmentPoint",
  "enrollmentProxyPoint",
  "distributionPoint",
  "managementPoint",
];

function finding(
  id: string,
  severity: Severity,
  path: string,
  message: string,
  fix: string,
  source: string,
): Finding {
  return { id, severity, path, message, fix, source };
}

const isDmp = (s: Server) => s.roles.managementPoint?.allowMobileDevicesAndMacs === true;
const isMobileDp = (s: Server) => s.roles.distributionPoint?.allowMobileDevices === true;

function roleChecks(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  const servers = scenario.site.servers;
  const missing = (label: string, fix: string) =>
    out.push(
      finding("missing-role", "error", "site.servers", `the site has no ${label}`, fix, SOURCES.roles),
    );
  const addRole = (name: string) =>
    `Add the "${name}" site system role (Administration > Site Configuration > Servers and Site System Roles > Add Site System Roles)`;
  if (!servers.some((s) => s.roles.enrollmentPoint)) missing("enrollment point", addRole("Enrollment point"));
  if (!servers.some((s) => s.roles.enrollmentProxyPoint))
    missing("enrollment proxy point", addRole("Enrollment proxy point"));
  const dps = servers.filter((s) => s.roles.distributionPoint);
  if (dps.length === 0) missing("distribution point", addRole("Distribution point"));
  const mps = servers.filter((s) => s.roles.managementPoint);
  const anyDmp = mps.some(isDmp);
  if (!anyDmp) {
    missing(
      mps.length === 0
        ? "device management point (no management point at all)"
        : "device management point (no management point allows mobile devices and Macs)",
      mps.length === 0
        ? `${addRole("Management point")}, then select "Allow mobile devices and Mac computers to use this management point"`
        : 'On a management point\'s General tab, select "Allow mobile devices and Mac computers to use this management point"',
    );
  } else {
    for (const s of mps.filter((m) => !isDmp(m))) {
      out.push(
        finding(
          "not-a-device-management-point",
          "warning",
          serverPath(s.name, "roles", "managementPoint"),
          `management point ${s.name} does not allow mobile devices and Macs; on-prem MDM devices use only the other management points`,
          'On the management point\'s General tab, select "Allow mobile devices and Mac computers to use this management point"',
          SOURCES.roles,
        ),
      );
    }
  }
  const noMobileDp = !dps.some(isMobileDp);
  for (const s of dps.filter((d) => !isMobileDp(d))) {
    out.push(
      finding(
        "dp-mobile-not-allowed",
        noMobileDp ? "error" : "warning",
        serverPath(s.name, "roles", "distributionPoint"),
        `distribution point ${s.name} does not allow mobile devices${noMobileDp ? ", and no other distribution point does" : ""}`,
        'On the distribution point\'s Communication tab, select "Allow mobile devices to connect to this distribution point"',
        SOURCES.roles,
      ),
    );
  }
  for (const s of servers) {
    if (!s.name.includes(".")) {
      out.push(
        finding(
          "name-not-fqdn",
          "error",
          serverPath(s.name, "name"),
          `site system name "${s.name}" is not an FQDN`,
          "In the site system's Properties > General, set the Name to the server's FQDN (for example cm01.corp.contoso.com)",
          SOURCES.roles,
        ),
      );
    }
    for (const role of ROLES) {
      if (s.roles[role] !== undefined && !s.roles[role].https) {
        out.push(
          finding(
            "https-required",
            "error",
            serverPath(s.name, "roles", role),
            `${ROLE_LABEL[role]} ${s.name} uses HTTP; on-prem MDM requires HTTPS`,
            `In the ${ROLE_LABEL[role]}'s properties, select "HTTPS"`,
            SOURCES.roles,
          ),
        );
      }
    }
  }
  return out;
}

function boundaryChecks(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  const { boundaries, boundaryGroups, servers } = scenario.site;
  const byName = new Map(boundaries.map((b) => [b.name, b]));
  const hasRange = (names: readonly string[]) => names.some((n) => byName.get(n)?.type === "ipv4Range");
  for (const s of servers) {
    const dp = s.roles.distributionPoint;
    if (dp === undefined || dp.connections === "internet") continue;
    if (!boundaryGroups.some((g) => g.servers.includes(s.name) && hasRange(g.boundaries))) {
      out.push(
        finding(
          "dp-needs-boundaries",
          "error",
          serverPath(s.name, "roles", "distributionPoint"),
          `distribution point ${s.name} allows intranet connections but is in no boundary group with an IPv4 range boundary`,
          "Add the distribution point to a boundary group that has an IPv4 range boundary (Boundary Groups > Properties > References)",
          SOURCES.boundaries,
        ),
      );
    }
  }
  const serves = (g: (typeof boundaryGroups)[number]) =>
    g.servers.some((name) => {
      const s = servers.find((x) => x.name === name);
      return s !== undefined && (isDmp(s) || isMobileDp(s));
    });
  for (const g of boundaryGroups) {
    if (!serves(g)) continue;
    for (const name of g.boundaries) {
      const b = byName.get(name);
      if (b === undefined || b.type === "ipv4Range") continue;
      out.push(
        finding(
          "unsupported-boundary-type",
          "warning",
          `site.boundaryGroups.${g.name}.boundaries`,
          `boundary group "${g.name}" serves on-prem MDM devices but holds boundary "${b.name}" of type ${b.type}, which on-prem MDM ignores`,
          "Add an IPv4 range boundary for the same addresses: on-prem MDM supports only IPv4 range boundaries",
          SOURCES.roles,
        ),
      );
    }
  }
  // Addresses of intranet Windows groups that no IPv4 range of a group with a mobile-enabled DP covers.
  const covering: Ipv4Range[] = boundaryGroups
    .filter((g) => g.servers.some((name) => servers.some((s) => s.name === name && isMobileDp(s))))
    .flatMap((g) =>
      g.boundaries.flatMap((n) =>
        byName.get(n)?.type === "ipv4Range" ? [parseIpv4Range(byName.get(n)?.value ?? "")] : [],
      ),
    )
    .filter((r): r is Ipv4Range => r !== undefined);
  for (const group of scenario.devices) {
    if (group.platform !== "windows" || group.location !== "intranet" || group.addresses === undefined)
      continue;
    const range = parseIpv4Range(group.addresses);
    if (range === undefined) continue;
    const used: Ipv4Range = { first: range.first, last: Math.min(range.last, range.first + group.count - 1) };
    const uncovered = uncoveredAddresses(used, covering);
    if (uncovered.count === 0) continue;
    out.push(
      finding(
        "devices-outside-boundaries",
        "warning",
        `devices.${group.name}.addresses`,
        `${uncovered.count} of ${rangeSize(used)} addresses used by group "${group.name}" (first ${formatIpv4(uncovered.first)}) are in no IPv4 range boundary of a boundary group with a mobile-enabled distribution point; their content requests fail`,
        "Add an IPv4 range boundary covering these addresses to a boundary group that lists a distribution point allowing mobile devices",
        SOURCES.roles,
      ),
    );
  }
  return out;
}

function uncoveredAddresses(
  range: Ipv4Range,
  covering: readonly Ipv4Range[],
): { count: number; first: number } {
  const sorted = [...covering].sort((a, b) => a.first - b.first);
  let cursor = range.first;
  let count = 0;
  let first = -1;
  for (const c of sorted) {
    if (c.last < cursor) continue;
    if (c.first > range.last) break;
    if (c.first > cursor) {
      if (first < 0) first = cursor;
      count += Math.min(c.first, range.last + 1) - cursor;
    }
    cursor = Math.max(cursor, c.last + 1);
    if (cursor > range.last) break;
  }
  if (cursor <= range.last) {
    if (first < 0) first = cursor;
    count += range.last - cursor + 1;
  }
  return { count, first };
}

function replicaChecks(scenario: Scenario, site: SiteModel): Finding[] {
  const out: Finding[] = [];
  site.managementPoints.forEach((server, position) => {
    const mp = server.roles.managementPoint;
    const replica = scenario.site.replicas.find((r) => r.name === mp?.database);
    if (mp === undefined || replica === undefined || !isDmp(server)) return;
    const P = replica.syncInterval;
    const D = replica.applyDelay;
    const groups = site.groups.filter((g) =>
      managementPointCandidates(g, site.managementPoints.length).includes(position),
    );
    const perGroup = groups.map((g) => {
      const form = replicaClosedForm(g.group, replica);
      return `group "${g.group.name}": ${form.failedPolls.toFixed(2)} failed tries, ${form.timeToFirstSuccess.toFixed(0)} s to first success`;
    });
    out.push(
      finding(
        "replica-early-failures",
        "warning",
        serverPath(server.name, "roles", "managementPoint", "database"),
        `management point ${server.name} reads replica "${replica.name}" (sync every ${formatDuration(P)}, apply delay ${formatDuration(D)}): a newly enrolled device fails until the next sync, ` +
          `${formatDuration(D)} to ${formatDuration(P + D)} after commit, mean ${formatDuration(P / 2 + D)}. Expected per group${perGroup.length > 0 ? `: ${perGroup.join("; ")}` : ": no group is assigned to it"}`,
        'Expect these failures, or let the management point use the site database (Management Point Database tab: "Use the site database"), or shorten the replica\'s synchronization schedule',
        SOURCES.replicas,
      ),
    );
  });
  if (scenario.site.type === "secondary") {
    const what = [
      ...(scenario.site.replicas.length > 0 ? ["database replicas"] : []),
      ...(scenario.site.servers.some((s) => s.roles.enrollmentPoint) ? ["an enrollment point"] : []),
      ...(scenario.site.servers.some((s) => s.roles.enrollmentProxyPoint)
        ? ["an enrollment proxy point"]
        : []),
    ];
    if (what.length > 0) {
      out.push(
        finding(
          "replica-at-secondary",
          "error",
          "site.type",
          `the site is a secondary site and has ${what.join(", ")}; these exist only at primary sites`,
          "Install database replicas, enrollment points and enrollment proxy points at a primary site",
          SOURCES.secondary,
        ),
      );
    }
  }
  return out;
}

function certificateChecks(scenario: Scenario): Finding[] {
  const out: Finding[] = [];
  const startMs = Date.parse(scenario.start);
  const anyWindows = scenario.devices.some((g) => g.platform === "windows");
  for (const s of scenario.site.servers) {
    const c = s.certificate;
    if (c == null) continue;
    const w = validityWindow(c, startMs);
    const path = serverPath(s.name, "certificate");
    const renew = `Renew the web server certificate bound in IIS on ${s.name}`;
    if (0 < w.from || 0 >= w.until) {
      const why = 0 < w.from ? `is not valid until ${c.notBefore ?? ""}` : `expired at ${c.notAfter ?? ""}`;
      out.push(
        finding(
          "certificate-expires",
          "error",
          path,
          `${s.name}'s certificate ${why}, before the run starts (${scenario.start})`,
          renew,
          SOURCES.pki,
        ),
      );
    } else if (w.until < scenario.duration) {
      out.push(
        finding(
          "certificate-expires",
          "warning",
          path,
          `${s.name}'s certificate expires at ${c.notAfter ?? ""}, ${formatDuration(w.until)} into the run; every try after that fails with certificate-expired`,
          renew,
          SOURCES.pki,
        ),
      );
    }
    if (c.crl === "ldap" && anyWindows) {
      out.push(
        finding(
          "crl-ldap-non-domain",
          "info",
          path,
          `${s.name}'s certificate publishes only an LDAP CRL, which only domain-joined devices can reach`,
          "Add an HTTP CRL distribution point for non-domain-joined Windows devices",
          SOURCES.certificates,
        ),
      );
    }
  }
  return out;
}

function capacityChecks(scenario: Scenario, site: SiteModel): Finding[] {
  const out: Finding[] = [];
  const mdm = new Float64Array(site.managementPoints.length);
  const macs = new Float64Array(site.managementPoints.length);
  for (const g of site.groups) {
    // Each MP's expected devices by the assignment rule (boundary preference included), as `run` assigns them.
    for (const [p, fraction] of assignmentShares(g, site.managementPoints.length)) {
      const share = g.group.count * fraction;
      if (g.group.platform === "windows") mdm[p] = (mdm[p] ?? 0) + share;
      else macs[p] = (macs[p] ?? 0) + share;
    }
  }
  site.managementPoints.forEach((s, p) => {
    const w = Math.round(mdm[p] ?? 0);
    const m = Math.round(macs[p] ?? 0);
    const problems = [
      ...(w > 10_000 ? [`${w} on-prem MDM devices (supported: 10,000)`] : []),
      ...(m > 10_000 ? [`${m} Macs (supported: 10,000)`] : []),
      ...(w > 0 && m > 0
        ? [`both on-prem MDM devices (${w}) and Macs (${m}); an MP supports one kind or the other`]
        : []),
      ...(w + m > 25_000 ? [`${w + m} devices in all (supported: 25,000)`] : []),
    ];
    if (problems.length === 0) return;
    out.push(
      finding(
        "mp-capacity",
        "warning",
        serverPath(s.name, "roles", "managementPoint"),
        `management point ${s.name} is expected to serve ${problems.join("; ")}`,
        "Add device management points and spread the device groups across them",
        SOURCES.scale,
      ),
    );
  });
  const windows = scenario.devices.filter((g) => g.platform === "windows").reduce((n, g) => n + g.count, 0);
  const macCount = scenario.devices.filter((g) => g.platform === "macos").reduce((n, g) => n + g.count, 0);
  if (scenario.site.type === "primary" && (windows > 50_000 || macCount > 25_000)) {
    out.push(
      finding(
        "site-capacity",
        "warning",
        "devices",
        `the stand-alone primary site has ${windows} on-prem MDM devices and ${macCount} Macs (supported: 50,000 and 25,000)`,
        "Split the devices across primary sites in a hierarchy",
        SOURCES.scale,
      ),
    );
  }
  return out;
}

function platformChecks(scenario: Scenario): Finding[] {
  return scenario.devices
    .filter((g) => g.platform === "windows" && g.location === "internet")
    .map((g) =>
      finding(
        "mdm-internet-unsupported",
        "error",
        `devices.${g.name}.location`,
        `group "${g.name}" is Windows on-prem MDM on the internet; current branch supports only intranet connections to DPs and DMPs`,
        "Manage these devices on the intranet (location: intranet), or move them to Intune",
        SOURCES.roles,
      ),
    );
}

function contactFinding(model: GroupModel, server: Server, role: RoleName, startMs: number): Finding | null {
  const contact: Contact = { group: model.group, server, role, startMs };
  const reason = staticContactReason(contact);
  return reason === null ? null : reasonFinding(reason, contact);
}

function groupChecks(site: SiteModel): Finding[] {
  const out: Finding[] = [];
  const push = (f: Finding | null) => {
    if (f) out.push(f);
  };
  // checks.md: an MP without the mobile flag is a warning while another MP is a DMP. A group falls back to
  // such an MP only when no DMP is eligible, and then each DMP's own failing rule is reported as an error
  // below, so the warning keeps "no error ⇒ no configuration failure" true. A group pinned to it, though,
  // fails on every try: an error. (A DP without the flag stays an error for a content group that would
  // draw it: its devices fail there whatever the other DPs allow.)
  const anyDmp = site.managementPoints.some(isDmp);
  const flagSeverity = (f: Finding | null, pinned: boolean): Finding | null =>
    f !== null && !pinned && f.id === "not-a-device-management-point" && anyDmp
      ? { ...f, severity: "warning" }
      : f;
  for (const model of site.groups) {
    // Enrollment: a device picks any EPP it can reach; it fails only when it can reach none.
    const epps = site.enrollmentProxyPoints;
    const eppFindings = epps.map((s) => contactFinding(model, s, "enrollmentProxyPoint", site.startMs));
    if (epps.length > 0 && eppFindings.every((f) => f !== null)) push(eppFindings[0] ?? null);
    const pinned = model.pinned !== undefined;
    for (const p of managementPointCandidates(model, site.managementPoints.length)) {
      const server = site.managementPoints[p];
      // A group pinned to an MP uses that one and no other: whatever fails there fails every device.
      if (server) push(flagSeverity(contactFinding(model, server, "managementPoint", site.startMs), pinned));
    }
    if (!pinned && model.eligible.length === 0) {
      // No DMP is eligible, so the devices fall back to the first MP: what keeps each DMP out is the fix.
      for (const server of site.managementPoints.filter(isDmp)) {
        push(contactFinding(model, server, "managementPoint", site.startMs));
      }
    }
    if (!model.group.content) continue;
    const dps = model.internetDps ?? [
      ...new Set(model.dpPreferences.filter((p) => overlaps(p.ranges, model)).flatMap((p) => p.positions)),
    ];
    for (const p of dps) {
      const server = site.distributionPoints[p];
      if (server) push(contactFinding(model, server, "distributionPoint", site.startMs));
    }
    if (model.internetDps !== null && model.internetDps.length === 0 && model.group.platform === "macos") {
      // Macs take content only from DPs that allow internet connections, and there is none.
      for (const server of site.distributionPoints) {
        push(
          reasonFinding("macos-requires-internet-connections", {
            group: model.group,
            server,
            role: "distributionPoint",
            startMs: site.startMs,
          }),
        );
      }
    }
  }
  return out;
}

function overlaps(ranges: readonly Ipv4Range[], model: GroupModel): boolean {
  const a = model.addresses;
  if (a === undefined) return false;
  const last = Math.min(a.last, a.first + model.group.count - 1);
  return ranges.some((r) => r.first <= last && r.last >= a.first);
}

function outOfSupport(): Finding {
  return finding(
    "out-of-support",
    "info",
    "site",
    "on-prem MDM, the enrollment point, the enrollment proxy point and the macOS client are past their end of support (deprecated in 2021-2022)",
    "Plan the move to Microsoft Intune (co-management) for these devices",
    SOURCES.deprecated,
  );
}

/**
 * The static findings of a scenario (checks.md), most severe first within each id, in catalogue order.
 * @param scenario - a validated scenario
 * @throws ScenarioError when the site is too large to compile (`checkSiteLimits`)
 */
export function checkScenario(scenario: Scenario): Finding[] {
  checkSiteLimits(scenario);
  const site = compileSite(scenario, scenario.seed);
  return consolidate([
    ...roleChecks(scenario),
    ...platformChecks(scenario),
    ...boundaryChecks(scenario),
    ...replicaChecks(scenario, site),
    ...certificateChecks(scenario),
    ...groupChecks(site),
    ...capacityChecks(scenario, site),
    outOfSupport(),
  ]);
}
