// The rules a scenario's fields cannot check one at a time: unique names, references that resolve, the
// order of polling phases, addresses where a group needs them, expectations that parse. They run once every
// field is well formed; JSON Schema cannot say them, so the schema's description lists them.
import { UsageError } from "../errors.js";
import { parseExpectation } from "./expectation.js";
import { parseIpv4Range } from "./ipv4.js";
import { nearest } from "./nearest.js";
import { declaredServerIndex, serverKey } from "./serverKey.js";
import { ipv4RangeMessage, showValue } from "./primitives.js";
import { someNames } from "./someNames.js";

type Path = (string | number)[];
/** Receives one problem: where it is and what was expected. */
export type Report = (path: Path, message: string) => void;

/**
 * What the checks read of a scenario: a parsed one, or a file's data as written where some fields did not
 * parse (writtenReferences.ts), each malformed piece undefined so that the checks that need it are skipped.
 */
export interface ReferencedScenario {
  readonly site: {
    readonly servers: readonly {
      readonly name: string | undefined;
      readonly roles:
        { readonly managementPoint?: { readonly database: string | undefined } | undefined } | undefined;
    }[];
    readonly replicas: readonly { readonly name: string | undefined; readonly capacity?: unknown }[];
    readonly boundaries: readonly {
      readonly name: string | undefined;
      readonly type: string | undefined;
      readonly value: string | undefined;
    }[];
    readonly boundaryGroups: readonly {
      readonly name: string | undefined;
      readonly boundaries: readonly (string | undefined)[];
      readonly servers: readonly (string | undefined)[];
    }[];
    readonly defaultBoundaryGroup?: string | undefined;
  };
  readonly deployments: readonly {
    readonly name: string | undefined;
    readonly groups?: readonly (string | undefined)[] | undefined;
  }[];
  readonly devices: readonly {
    readonly name: string | undefined;
    readonly platform: string | undefined;
    readonly location: string | undefined;
    readonly addresses?: unknown;
    readonly managementPoint?: string | undefined;
    readonly polling?: readonly { readonly until?: number | undefined }[] | undefined;
  }[];
  readonly expectations: readonly (string | undefined)[];
}

/** The checks below, in one sentence each, for the JSON Schema's description and the docs. */
export const LOADER_ONLY_RULES: readonly string[] = [
  "names are unique within servers, replicas, boundaries, boundary groups and device groups; server names are DNS names, compared without regard to case",
  'a management point\'s `database` is "site" or the name of a replica',
  "a boundary group's `boundaries` and `servers` name boundaries and servers of the site (a server in any case)",
  "a device group's `managementPoint` names a server with a management point",
  "`site.defaultBoundaryGroup` names a boundary group; a deployment's `groups` name device groups",
  "`until` is on every polling entry but the last, and strictly increasing",
  "intranet Windows groups have `addresses`",
  "an IPv4 range (`addresses`, an `ipv4Range` boundary's `value`) never runs backwards, its first address after its last",
  "a replica's `syncOffset` is less than its `syncInterval`",
  'a replica named "site" has no `capacity` (its load would share `load.databases.site` with the site database)',
  "an expectation's number is finite",
];

function checkUnique(
  items: readonly { name: string | undefined }[],
  at: Path,
  what: string,
  report: Report,
  key = (name: string) => name,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.name === undefined) return;
    if (seen.has(key(item.name)))
      report([...at, i, "name"], `duplicate ${what} name ${showValue(item.name)}`);
    seen.add(key(item.name));
  });
}

/** Every name of a list, or undefined when one is malformed (a reference to it cannot be judged). */
function namesOf(items: readonly { name: string | undefined }[]): string[] | undefined {
  const names = items.map((item) => item.name);
  return names.every((n): n is string => n !== undefined) ? names : undefined;
}

/** Reports every cross-field problem of a scenario (its malformed pieces skipped). */
export function checkReferences(s: ReferencedScenario, report: Report): void {
  const { site } = s;
  checkUnique(site.servers, ["site", "servers"], "server", report, serverKey);
  checkUnique(site.replicas, ["site", "replicas"], "replica", report);
  checkUnique(site.boundaries, ["site", "boundaries"], "boundary", report);
  checkUnique(site.boundaryGroups, ["site", "boundaryGroups"], "boundary group", report);
  checkUnique(s.devices, ["devices"], "device group", report);
  checkUnique(s.deployments, ["deployments"], "deployment", report);
  // Built once, for the site's references and the groups' pins alike.
  const serverNames = namesOf(site.servers);
  const servers = serverNames && { names: serverNames, indexOf: declaredServerIndex(serverNames) };
  checkSite(s, servers, report);
  const groupNames = namesOf(s.devices);
  s.deployments.forEach((d, i) => {
    d.groups?.forEach((name, j) => {
      if (groupNames !== undefined && name !== undefined && !groupNames.includes(name))
        report(["deployments", i, "groups", j], unknownName("device group", name, groupNames));
    });
  });
  s.expectations.forEach((text, i) => {
    if (text === undefined) return;
    try {
      parseExpectation(text);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      report(["expectations", i], error.message);
    }
  });
  s.devices.forEach((g, i) => {
    if (g.polling !== undefined) checkPolling(g.polling, ["devices", i, "polling"], report);
    if (g.location === "intranet" && g.platform === "windows" && g.addresses === undefined) {
      report(["devices", i, "addresses"], "expected an IPv4 range: intranet Windows groups need `addresses`");
    }
    if (g.managementPoint !== undefined && servers !== undefined) {
      const at = servers.indexOf(g.managementPoint);
      const server = at === undefined ? undefined : site.servers[at];
      // A server whose roles did not parse cannot be judged.
      if (
        server?.roles?.managementPoint === undefined &&
        !(server !== undefined && server.roles === undefined)
      ) {
        const mps = site.servers.flatMap((x) =>
          x.roles?.managementPoint !== undefined && x.name !== undefined ? [x.name] : [],
        );
        // A server without one is named as such; a name that is no server's gets the nearest MP's.
        const hint = server === undefined ? guessText(g.managementPoint, mps, nearestServer) : "";
        report(
          ["devices", i, "managementPoint"],
          `expected the name of a server with a management point, got ${showValue(g.managementPoint)}${hint}`,
        );
      }
    }
  });
}

/** The site's server names, each reference's server found by key (undefined when a name is malformed). */
type Servers = { readonly names: readonly string[]; readonly indexOf: (name: string) => number | undefined };

function checkSite({ site }: ReferencedScenario, servers: Servers | undefined, report: Report): void {
  const replicaNames = namesOf(site.replicas);
  site.replicas.forEach((r, i) => {
    if (r.name === "site" && r.capacity !== undefined)
      report(
        ["site", "replicas", i, "capacity"],
        'expected no capacity on a replica named "site": its load would be listed as the site database\'s (load.databases.site); rename the replica',
      );
  });
  const boundaryNames = namesOf(site.boundaries);
  // Looked up once per group member: a search of every boundary made 80,000 imported boundaries take 8 s.
  const boundarySet = boundaryNames && new Set(boundaryNames);
  const groupNames = namesOf(site.boundaryGroups);
  if (
    site.defaultBoundaryGroup !== undefined &&
    groupNames !== undefined &&
    !groupNames.includes(site.defaultBoundaryGroup)
  )
    report(
      ["site", "defaultBoundaryGroup"],
      unknownName("boundary group", site.defaultBoundaryGroup, groupNames),
    );
  site.servers.forEach((server, i) => {
    const db = server.roles?.managementPoint?.database;
    if (db !== undefined && db !== "site" && replicaNames !== undefined && !replicaNames.includes(db)) {
      const replicas =
        replicaNames.length === 0
          ? "the site has no replica"
          : someNames(replicaNames, (n) => JSON.stringify(n), "in all");
      report(
        ["site", "servers", i, "roles", "managementPoint", "database"],
        `expected "site" or a replica name (${replicas}), got ${showValue(db)}${guessText(db, ["site", ...replicaNames])}`,
      );
    }
  });
  site.boundaries.forEach((b, i) => {
    if (b.type === "ipv4Range" && b.value !== undefined && parseIpv4Range(b.value) === undefined) {
      report(["site", "boundaries", i, "value"], ipv4RangeMessage(b.value));
    }
  });
  site.boundaryGroups.forEach((g, i) => {
    g.boundaries.forEach((b, j) => {
      if (b !== undefined && boundaryNames !== undefined && !boundarySet?.has(b))
        report(
          ["site", "boundaryGroups", i, "boundaries", j],
          `expected the name of a boundary, got ${showValue(b)}${guessText(b, boundaryNames)}`,
        );
    });
    g.servers.forEach((n, j) => {
      if (n !== undefined && servers !== undefined && servers.indexOf(n) === undefined)
        report(
          ["site", "boundaryGroups", i, "servers", j],
          `expected the name of a server, got ${showValue(n)}${guessText(n, servers.names, nearestServer)}`,
        );
    });
  });
}

/** The first label of a DNS name: FQDNs of one domain share the rest, so only this tells them apart. */
const hostLabel = (name: string): string => name.split(".")[0] ?? name;

/** The server name nearest to `got`, judged by the first label where both are FQDNs. */
function nearestServer(got: string, known: readonly string[]): string | undefined {
  const guess = nearest(got, known);
  if (guess === undefined || !got.includes(".") || !guess.includes(".")) return guess;
  return hostLabel(guess) === hostLabel(got) || nearest(hostLabel(got), [hostLabel(guess)]) !== undefined
    ? guess
    : undefined;
}

/** ` (did you mean "x"?)` for a name near a known one, else nothing. */
function guessText(
  got: string,
  known: readonly string[],
  near: (got: string, known: readonly string[]) => string | undefined = nearest,
): string {
  const guess = near(got, known);
  return guess !== undefined ? ` (did you mean ${JSON.stringify(guess)}?)` : "";
}

/** "expected the name of a boundary group (…), got …", with the nearest name for a typo. */
function unknownName(what: string, got: string, known: readonly string[]): string {
  const list = known.length > 0 ? ` (${known.map((n) => JSON.stringify(n)).join(", ")})` : " (there is none)";
  return `expected the name of a ${what}${list}, got ${showValue(got)}${guessText(got, known)}`;
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
