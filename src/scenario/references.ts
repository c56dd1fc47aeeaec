// The rules a scenario's fields cannot check one at a time: unique names, references that resolve, the
// order of polling phases, addresses where a group needs them, expectations that parse. They run once every
// field is well formed; JSON Schema cannot say them, so the schema's description lists them.
import { UsageError } from "../errors.js";
import { parseExpectation } from "./expectation.js";
import { parseIpv4Range } from "./ipv4.js";
import { nearest } from "./nearest.js";
import { ipv4RangeMessage, showValue } from "./primitives.js";

type Path = (string | number)[];
/** Receives one problem: where it is and what was expected. */
export type Report = (path: Path, message: string) => void;

/** What the checks read of a scenario whose fields parsed (the schema's object before this step). */
export interface ReferencedScenario {
  readonly site: {
    readonly servers: readonly {
      readonly name: string;
      readonly roles: { readonly managementPoint?: { readonly database: string } | undefined };
    }[];
    readonly replicas: readonly { readonly name: string; readonly capacity?: unknown }[];
    readonly boundaries: readonly { readonly name: string; readonly type: string; readonly value: string }[];
    readonly boundaryGroups: readonly {
      readonly name: string;
      readonly boundaries: readonly string[];
      readonly servers: readonly string[];
    }[];
    readonly defaultBoundaryGroup?: string | undefined;
  };
  readonly deployments: readonly { readonly name: string; readonly groups?: readonly string[] | undefined }[];
  readonly devices: readonly {
    readonly name: string;
    readonly platform: string;
    readonly location: string;
    readonly addresses?: string | undefined;
    readonly managementPoint?: string | undefined;
    readonly polling?: readonly { readonly until?: number | undefined }[] | undefined;
  }[];
  readonly expectations: readonly string[];
}

/** The checks below, in one sentence each, for the JSON Schema's description and the docs. */
export const LOADER_ONLY_RULES: readonly string[] = [
  "names are unique within servers, replicas, boundaries, boundary groups and device groups",
  'a management point\'s `database` is "site" or the name of a replica',
  "a boundary group's `boundaries` and `servers` name boundaries and servers of the site",
  "a device group's `managementPoint` names a server with a management point",
  "`site.defaultBoundaryGroup` names a boundary group; a deployment's `groups` name device groups",
  "`until` is on every polling entry but the last, and strictly increasing",
  "intranet Windows groups have `addresses`",
  "an IPv4 range (`addresses`, an `ipv4Range` boundary's `value`) never runs backwards, its first address after its last",
  "a replica's `syncOffset` is less than its `syncInterval`",
  'a replica named "site" has no `capacity` (its load would share `load.databases.site` with the site database)',
  "an expectation's number is finite",
];

function checkUnique(items: readonly { name: string }[], at: Path, what: string, report: Report): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) report([...at, i, "name"], `duplicate ${what} name ${showValue(item.name)}`);
    seen.add(item.name);
  });
}

/** Reports every cross-field problem of a scenario whose fields each parsed. */
export function checkReferences(s: ReferencedScenario, report: Report): void {
  const { site } = s;
  checkUnique(site.servers, ["site", "servers"], "server", report);
  checkUnique(site.replicas, ["site", "replicas"], "replica", report);
  checkUnique(site.boundaries, ["site", "boundaries"], "boundary", report);
  checkUnique(site.boundaryGroups, ["site", "boundaryGroups"], "boundary group", report);
  checkUnique(s.devices, ["devices"], "device group", report);
  checkUnique(s.deployments, ["deployments"], "deployment", report);
  checkSite(s, report);
  const groupNames = s.devices.map((g) => g.name);
  s.deployments.forEach((d, i) => {
    d.groups?.forEach((name, j) => {
      if (!groupNames.includes(name))
        report(["deployments", i, "groups", j], unknownName("device group", name, groupNames));
    });
  });
  s.expectations.forEach((text, i) => {
    try {
      parseExpectation(text);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      report(["expectations", i], error.message);
    }
  });
  s.devices.forEach((g, i) => {
    checkPolling(g.polling ?? [], ["devices", i, "polling"], report);
    if (g.location === "intranet" && g.platform === "windows" && g.addresses === undefined) {
      report(["devices", i, "addresses"], "expected an IPv4 range: intranet Windows groups need `addresses`");
    }
    if (g.managementPoint !== undefined) {
      const server = site.servers.find((x) => x.name === g.managementPoint);
      if (server?.roles.managementPoint === undefined) {
        report(
          ["devices", i, "managementPoint"],
          `expected the name of a server with a management point, got ${showValue(g.managementPoint)}`,
        );
      }
    }
  });
}

function checkSite({ site }: ReferencedScenario, report: Report): void {
  const replicaNames = site.replicas.map((r) => r.name);
  site.replicas.forEach((r, i) => {
    if (r.name === "site" && r.capacity !== undefined)
      report(
        ["site", "replicas", i, "capacity"],
        'expected no capacity on a replica named "site": its load would be listed as the site database\'s (load.databases.site); rename the replica',
      );
  });
  const serverNames = new Set(site.servers.map((x) => x.name));
  const boundaryNames = new Set(site.boundaries.map((b) => b.name));
  const groupNames = site.boundaryGroups.map((g) => g.name);
  if (site.defaultBoundaryGroup !== undefined && !groupNames.includes(site.defaultBoundaryGroup))
    report(
      ["site", "defaultBoundaryGroup"],
      unknownName("boundary group", site.defaultBoundaryGroup, groupNames),
    );
  site.servers.forEach((server, i) => {
    const db = server.roles.managementPoint?.database;
    if (db !== undefined && db !== "site" && !replicaNames.includes(db)) {
      const known = ['"site"', ...replicaNames.map((n) => JSON.stringify(n))].join(", ");
      report(
        ["site", "servers", i, "roles", "managementPoint", "database"],
        `expected "site" or a replica name (${known}), got ${showValue(db)}`,
      );
    }
  });
  site.boundaries.forEach((b, i) => {
    if (b.type === "ipv4Range" && parseIpv4Range(b.value) === undefined) {
      report(["site", "boundaries", i, "value"], ipv4RangeMessage(b.value));
    }
  });
  site.boundaryGroups.forEach((g, i) => {
    g.boundaries.forEach((b, j) => {
      if (!boundaryNames.has(b))
        report(
          ["site", "boundaryGroups", i, "boundaries", j],
          `expected the name of a boundary, got ${showValue(b)}`,
        );
    });
    g.servers.forEach((n, j) => {
      if (!serverNames.has(n))
        report(
          ["site", "boundaryGroups", i, "servers", j],
          `expected the name of a server, got ${showValue(n)}`,
        );
    });
  });
}

/** "expected the name of a boundary group (…), got …", with the nearest name for a typo. */
function unknownName(what: string, got: string, known: readonly string[]): string {
  const guess = nearest(got, known);
  const list = known.length > 0 ? ` (${known.map((n) => JSON.stringify(n)).join(", ")})` : " (there is none)";
  return `expected the name of a ${what}${list}, got ${showValue(got)}${guess !== undefined ? ` (did you mean ${JSON.stringify(guess)}?)` : ""}`;
}

function checkPolling(
  polling: readonly { readonly until?: number | undefined }[],
  at: Path,
  report: Report,
): void {
  polling.forEach((p, j) => {
    const last = j === polling.length - 1;
    if (last && p.until !== undefined)
      report([...at, j, "until"], "expected no `until` on the last polling entry");
    if (!last && p.until === undefined)
      report([...at, j], "expected `until` on every polling entry but the last");
    const prev = j > 0 ? polling[j - 1]?.until : undefined;
    if (p.until !== undefined && prev !== undefined && !(p.until > prev)) {
      report(
        [...at, j, "until"],
        `expected \`until\` greater than ${prev}s (strictly increasing), got ${p.until}s`,
      );
    }
  });
}
