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

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();

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
    title: text(/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? ""),
    sections: [...html.matchAll(/<h2>([\s\S]*?)<\/h2>/g)].map((m) => text(m[1] ?? "")),
    sectionIds: [...html.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1] ?? ""),
    figures: [...html.matchAll(/<figure class="chart" id="([^"]+)">/g)].map((m) => m[1] ?? ""),
    svgs: svgs.length,
    marksPerSvg,
  };
}
