// The studio page's size, priced before it is built: the page holds the scenario and a few controls per
// device group, replica, management point, server and deployment, each naming its path several times. A
// page past the limit is refused with the part to shrink, rather than built into a string a browser (or
// Node, at 512 MiB) cannot hold.
import { ScenarioError } from "../errors.js";
import type { Scenario } from "../scenario/schema.js";

/** The largest studio page: a browser opens it in seconds, and building it stays well under 1 GB. */
export const MAX_STUDIO_PAGE_BYTES = 64 * 1024 * 1024;

// Bytes of page per part, measured on pages of 1,000 of each with names of 4 and 104 characters, with a
// margin of about a seventh, and per character of its name (the controls repeat their path: name,
// data-path, hint). A management point counts as a server too.
const PART_BYTES = {
  group: { fixed: 4_800, perNameChar: 26 },
  replica: { fixed: 2_700, perNameChar: 19 },
  managementPoint: { fixed: 2_300, perNameChar: 14 },
  server: { fixed: 700, perNameChar: 6 },
  deployment: { fixed: 900, perNameChar: 12 },
} as const;

/** The page around the parts: head, styles, headline cards, the comparison table, footer. */
const PAGE_BYTES = 40_000;

/** The scenario in the page: its JSON, `<` escaped (a few characters more per name at most). */
const DATA_FACTOR = 1.2;

/** Where the page's size comes from: bytes per part, with the field that shrinks it. */
export interface StudioPageEstimate {
  readonly bytes: number;
  readonly parts: readonly { readonly bytes: number; readonly what: string; readonly path: string }[];
}

/**
 * The size of the studio page of a scenario, before it is built.
 * @param scenarioJsonBytes - the length of the scenario's JSON as the page carries it
 * @param scriptBytes - the length of the page's and the worker's scripts together
 */
export function estimateStudioPage(
  scenario: Scenario,
  scenarioJsonBytes: number,
  scriptBytes: number,
): StudioPageEstimate {
  const sum = (names: readonly string[], part: { fixed: number; perNameChar: number }) => {
    let bytes = 0;
    for (const name of names) bytes += part.fixed + part.perNameChar * name.length;
    return bytes;
  };
  const servers = scenario.site.servers;
  const mps = servers.filter((s) => s.roles.managementPoint !== undefined).map((s) => s.name);
  const groups = scenario.devices.map((g) => g.name);
  const replicas = scenario.site.replicas.map((r) => r.name);
  const parts = [
    { bytes: sum(groups, PART_BYTES.group), what: `${groups.length} device groups`, path: "devices" },
    { bytes: sum(replicas, PART_BYTES.replica), what: `${replicas.length} replicas`, path: "site.replicas" },
    {
      bytes:
        sum(mps, PART_BYTES.managementPoint) +
        sum(
          servers.map((s) => s.name),
          PART_BYTES.server,
        ),
      what: `${servers.length} servers (${mps.length} of them management points)`,
      path: "site.servers",
    },
    {
      bytes: sum(
        scenario.deployments.map((d) => d.name),
        PART_BYTES.deployment,
      ),
      what: `${scenario.deployments.length} deployments`,
      path: "deployments",
    },
    { bytes: Math.ceil(scenarioJsonBytes * DATA_FACTOR), what: "the scenario itself", path: "" },
  ];
  return { bytes: PAGE_BYTES + scriptBytes + parts.reduce((n, p) => n + p.bytes, 0), parts };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Refuses a studio page larger than `MAX_STUDIO_PAGE_BYTES`, naming the part that makes most of it.
 * @throws ScenarioError at that part's field
 */
export function checkStudioPage(scenario: Scenario, scenarioJsonBytes: number, scriptBytes: number): void {
  const estimate = estimateStudioPage(scenario, scenarioJsonBytes, scriptBytes);
  if (estimate.bytes <= MAX_STUDIO_PAGE_BYTES) return;
  let largest = { bytes: -1, what: "", path: "" };
  for (const part of estimate.parts) if (part.bytes > largest.bytes) largest = part;
  throw new ScenarioError(
    `the studio page would be about ${mib(estimate.bytes)} (the limit is ${mib(MAX_STUDIO_PAGE_BYTES)}), most of it for the controls of ${largest.what}: fewer of them`,
    largest.path === "" ? [] : [largest.path],
  );
}
