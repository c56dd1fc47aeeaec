// Helpers for report tests: bundled scenarios, and the structure of a report page read with regexes
// (the page is our own, regular output: a full HTML parser would test nothing more).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { reachability } from "../../src/model/reachability.js";
import type { RunReportInput } from "../../src/report/html/runReport.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { runSimulation } from "../../src/simulate.js";
import { REPO_ROOT } from "../helpers/cli.js";

/** A bundled scenario (`scenarios/<name>.json`), loaded. */
export function bundled(name: string): Scenario {
  const path = join(REPO_ROOT, "scenarios", `${name}.json`);
  return loadScenario(parseScenarioText(readFileSync(path, "utf8"), "auto"));
}

const clientServer = (name: string, database: string, extra: Record<string, unknown> = {}) => ({
  name,
  roles: { managementPoint: { https: true, database }, distributionPoint: { https: true } },
  ...extra,
});

/**
 * A small ConfigMgr client site: mp-a reads replica r1 and is down from 1 h to 3 h, mp-b reads the site
 * database; each is its own boundary group's, both the default boundary group's. 400 clients register in the
 * first 55 minutes (256 in mp-a's boundary group, 144 in mp-b's), so mp-a's clients fall back to mp-b at
 * their second poll and return at their refresh. Two deployments: `policy` inside the outage, `app` after.
 */
export function clientScenario(extra: Record<string, unknown> = {}): Scenario {
  return loadScenario({
    name: "clients",
    seed: 3,
    duration: "26h",
    site: {
      replicas: [{ name: "r1", syncInterval: "5m", syncOffset: "0s", applyDelay: "30s" }],
      servers: [
        clientServer("mp-a.corp.contoso.com", "r1", { outages: [{ from: "1h", to: "3h" }] }),
        clientServer("mp-b.corp.contoso.com", "site"),
      ],
      boundaries: [
        { name: "A", type: "ipv4Range", value: "10.1.0.0-10.1.127.255" },
        { name: "B", type: "ipv4Range", value: "10.1.128.0-10.1.255.255" },
      ],
      boundaryGroups: [
        { name: "A", boundaries: ["A"], servers: ["mp-a.corp.contoso.com"] },
        { name: "B", boundaries: ["B"], servers: ["mp-b.corp.contoso.com"] },
        { name: "Default", servers: ["mp-a.corp.contoso.com", "mp-b.corp.contoso.com"] },
      ],
      defaultBoundaryGroup: "Default",
    },
    devices: [
      {
        name: "pcs",
        platform: "configmgr-client",
        count: 400,
        addresses: "10.1.127.0-10.1.128.255",
        registration: { from: "0s", to: "55m" },
      },
    ],
    deployments: [
      { name: "policy", at: "1h30m" },
      { name: "app", at: "4h" },
    ],
    ...extra,
  });
}

/** What `mdmsim report` passes to the run report: the run, check's findings and reach's matrix. */
export function reportInput(
  scenario: Scenario,
  command: string,
  expectations: string[] = [],
): RunReportInput {
  const { result, series } = runSimulation(scenario, { expectations });
  return {
    scenario,
    result,
    series,
    findings: checkScenario(scenario),
    reach: reachability(scenario),
    command,
  };
}

/** The outline of a report page. */
export interface PageStructure {
  readonly title: string;
  /** Section titles (h2), in order. */
  readonly sections: string[];
  /** Section ids, in order. */
  readonly sectionIds: string[];
  /** Chart figure ids, in order. */
  readonly figures: string[];
  /** Inline SVG elements. */
  readonly svgs: number;
  /** Per SVG: its mark elements (vega's `role-mark` groups' paths, lines and rects). */
  readonly marksPerSvg: number[];
}

/**
 * What a page (or a piece of it) reads as: charts dropped, a <wbr> or <br> nothing and any other tag a space,
 * entities decoded (&amp; last, so "&amp;lt;" stays "&lt;"), spaces collapsed.
 */
export function pageText(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, "")
    .replace(/<(wbr|br)>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Reads the outline of a report page. */
export function pageStructure(html: string): PageStructure {
  const svgs = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  const marksPerSvg = svgs.map((svg) => {
    let marks = 0;
    for (const group of svg.matchAll(/<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g))
      marks += [...(group[1] ?? "").matchAll(/<(path|line|rect|text)\b/g)].length;
    return marks;
  });
  return {
    title: pageText(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? ""),
    sections: [...html.matchAll(/<h2>([\s\S]*?)<\/h2>/g)].map((m) => pageText(m[1] ?? "")),
    sectionIds: [...html.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1] ?? ""),
    figures: [...html.matchAll(/<figure class="chart" id="([^"]+)">/g)].map((m) => m[1] ?? ""),
    svgs: svgs.length,
    marksPerSvg,
  };
}

/** h1..h4 in page order: [level, text]. */
export function headings(html: string): [number, string][] {
  return [...html.matchAll(/<h([1-4])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => [
    Number(m[1]),
    pageText(m[2] ?? ""),
  ]);
}

const words = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "")
    .map((w) => w.replace(/s$/, ""));

/**
 * Whether a heading repeats its parent: it starts with the parent's first three words (all of them when the
 * parent is shorter), or holds the whole parent of two words or more.
 */
export function repeatsParent(parent: string, child: string): boolean {
  const p = words(parent);
  const c = words(child);
  const head = p.slice(0, 3);
  if (head.length > 0 && head.every((w, i) => c[i] === w)) return true;
  if (p.length < 2) return false;
  return c.some((_, i) => p.every((w, j) => c[i + j] === w));
}

/** Each heading with the nearest heading of a higher level before it, where one repeats the other. */
export function repeatedHeadings(list: readonly [number, string][]): string[] {
  const out: string[] = [];
  list.forEach(([level, heading], i) => {
    const parent = list
      .slice(0, i)
      .reverse()
      .find(([l]) => l < level);
    if (parent && parent[0] > 1 && repeatsParent(parent[1], heading)) out.push(`${parent[1]} > ${heading}`);
  });
  return out;
}

/** A server of the six-role site: its certificate is Contoso Root CA's, valid 2025-06 to 2027-06. */
const contosoServer = (name: string, roles: Record<string, unknown>) => ({
  name,
  certificate: {
    issuer: "Contoso Root CA",
    notBefore: "2025-06-01T00:00:00Z",
    notAfter: "2027-06-01T00:00:00Z",
  },
  roles,
});
const intranetDmp = (database: string) => ({
  https: true,
  connections: "intranet",
  allowMobileDevicesAndMacs: true,
  database,
});
const intranetDp = () => ({ https: true, connections: "intranet", allowMobileDevices: true });

/**
 * A site with six role servers (EP, EPP, DP and MP on the site server; two DMPs on replicas; two DPs; an
 * internet-facing EPP) and three device groups, with long server names: its reachability matrix is wide.
 */
export function sixRoleScenario(): Scenario {
  return loadScenario({
    name: "six-roles",
    description:
      "A primary site with six role servers: two DMPs on replicas, a DMP on the site database, two distribution points and an internet-facing enrollment proxy point.",
    seed: 1,
    start: "2026-01-05T08:00:00Z",
    duration: "3h",
    site: {
      code: "PS1",
      replicas: [
        {
          name: "replica-east",
          syncInterval: "5m",
        },
        {
          name: "replica-west",
          syncInterval: "15m",
        },
      ],
      servers: [
        contosoServer("cm01-primary-site-server.corp.contoso.com", {
          enrollmentPoint: { https: true },
          enrollmentProxyPoint: { https: true, connections: "intranet" },
          distributionPoint: intranetDp(),
          managementPoint: intranetDmp("site"),
        }),
        contosoServer("mp-east-device-management.corp.contoso.com", {
          managementPoint: intranetDmp("replica-east"),
        }),
        contosoServer("mp-west-device-management.corp.contoso.com", {
          managementPoint: intranetDmp("replica-west"),
        }),
        contosoServer("dp-east-content-library.corp.contoso.com", { distributionPoint: intranetDp() }),
        contosoServer("dp-west-content-library.corp.contoso.com", { distributionPoint: intranetDp() }),
        contosoServer("epp-dmz-internet-facing.contoso.com", {
          enrollmentProxyPoint: { https: true, connections: "internet" },
        }),
      ],
      boundaries: [
        {
          name: "East",
          type: "ipv4Range",
          value: "10.1.0.1-10.1.255.254",
        },
        {
          name: "West",
          type: "ipv4Range",
          value: "10.2.0.1-10.2.255.254",
        },
      ],
      boundaryGroups: [
        {
          name: "East",
          boundaries: ["East"],
          servers: [
            "mp-east-device-management.corp.contoso.com",
            "dp-east-content-library.corp.contoso.com",
            "cm01-primary-site-server.corp.contoso.com",
          ],
        },
        {
          name: "West",
          boundaries: ["West"],
          servers: ["mp-west-device-management.corp.contoso.com", "dp-west-content-library.corp.contoso.com"],
        },
      ],
    },
    devices: [
      {
        name: "east-windows-laptops",
        platform: "windows",
        count: 600,
        location: "intranet",
        addresses: "10.1.2.1-10.1.5.254",
        trustedRoots: ["Contoso Root CA"],
        enrollment: {
          pattern: "uniform",
          from: "0s",
          to: "1h",
        },
      },
      {
        name: "west-macos-workstations",
        platform: "macos",
        count: 300,
        location: "intranet",
        addresses: "10.2.2.1-10.2.5.254",
        trustedRoots: ["Contoso Root CA"],
        enrollment: {
          pattern: "uniform",
          from: "0s",
          to: "1h",
        },
      },
      {
        name: "roaming-internet-laptops",
        platform: "windows",
        count: 100,
        location: "internet",
        trustedRoots: ["Contoso Root CA"],
        enrollment: {
          pattern: "uniform",
          from: "0s",
          to: "1h",
        },
      },
    ],
  });
}
