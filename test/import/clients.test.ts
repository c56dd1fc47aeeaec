// ConfigMgr clients in an import: the export's `clientCounts` (one configmgr-client group per boundary group
// with active clients), `defaultBoundaryGroup`, `--clients N` placeholders when the export counts none, the
// facts about clients the export cannot tell, and the rows it cannot read.
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../../src/errors.js";
import { importSite } from "../../src/import/importSite.js";
import type { ImportNote } from "../../src/import/notes.js";
import { loadScenario } from "../../src/scenario/load.js";
import { readExport } from "./helpers.js";

const notesAt = (notes: readonly ImportNote[], path: string) => notes.filter((n) => n.path === path);

/** The large site with `clientCounts` rows (and nothing else of the client fixture). */
function withCounts(rows: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...readExport("large-site"), clientCounts: rows, ...extra };
}

const summaryOf = (data: unknown, options = {}) => importSite(data, options).summary.clients;

describe("clientCounts", () => {
  it("makes one configmgr-client group per boundary group with active clients, on its first IPv4 range", () => {
    const { scenario, skipped, summary } = importSite(readExport("client-site"));
    expect(skipped).toEqual([]);
    // No placeholder Windows devices: the counted clients are the site's devices.
    expect(scenario.devices).toEqual([
      { name: "clients-hq", platform: "configmgr-client", count: 30000, addresses: "10.1.0.1-10.1.255.254" },
      {
        name: "clients-branch",
        platform: "configmgr-client",
        count: 12000,
        addresses: "10.3.0.1-10.3.0.254",
      },
      { name: "clients-remote-ad-site", platform: "configmgr-client", count: 40 },
      { name: "clients-default-site-boundary-group-ps1", platform: "configmgr-client", count: 850 },
    ]);
    expect(scenario.site.defaultBoundaryGroup).toBe("Default-Site-Boundary-Group<PS1>");
    expect(summary.clients).toEqual({
      source: "export",
      clients: 42890,
      groups: 4,
      placeholderUnused: false,
    });
    const loaded = loadScenario(scenario);
    expect(loaded.devices.map((g) => g.platform)).toEqual(Array(4).fill("configmgr-client"));
  });

  it("lists what the export cannot tell about each client group, with its path", () => {
    const { notes } = importSite(readExport("client-site"));
    for (const group of ["clients-hq", "clients-remote-ad-site"])
      for (const field of ["polling", "registration", "userDeployments", "trustedRoots", "addresses"])
        expect(notesAt(notes, `devices.${group}.${field}`), `${group}.${field}`).toHaveLength(1);
    expect(notesAt(notes, "devices.clients-hq.addresses")[0]).toMatchObject({
      kind: "placeholder",
      value: "10.1.0.1-10.1.255.254",
    });
    expect(notesAt(notes, "devices.clients-remote-ad-site.addresses")[0]?.why).toContain(
      "no IPv4 range boundary",
    );
    expect(notesAt(notes, "devices.clients-default-site-boundary-group-ps1.addresses")[0]?.why).toContain(
      "default boundary group",
    );
    expect(notesAt(notes, "devices.clients-hq.polling")[0]?.why).toContain("60 minutes");
    // The export names the default boundary group and counts every group: nothing to say of either.
    expect(notesAt(notes, "site.defaultBoundaryGroup")).toEqual([]);
    expect(notesAt(notes, "devices")).toEqual([]);
  });

  it("matches property names, group names and numbers as the rest of the export", () => {
    const lower = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(lower)
        : value !== null && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lower(v)]))
          : value;
    expect(importSite(lower(readExport("client-site")))).toEqual(importSite(readExport("client-site")));
    const rows = [{ BOUNDARYGROUP: "hq", ACTIVECLIENTS: "7" }];
    expect(importSite(withCounts(rows)).scenario.devices).toEqual([
      { name: "clients-hq", platform: "configmgr-client", count: 7, addresses: "10.1.0.1-10.1.255.254" },
    ]);
  });

  it("an export without the key imports as before: no clients, no default boundary group", () => {
    const { scenario, summary, notes } = importSite(readExport("large-site"));
    expect(scenario.devices.map((g) => g.platform)).toEqual(["windows"]);
    expect(scenario.site.defaultBoundaryGroup).toBeUndefined();
    expect(summary.clients).toBeUndefined();
    expect(notes.filter((n) => n.path.includes("clients"))).toEqual([]);
  });

  it("skips the rows it cannot read, each with its index, and uses the others", () => {
    const result = importSite(
      withCounts([
        "HQ",
        { boundaryGroup: "HQ", activeClients: -3 },
        { boundaryGroup: "HQ", activeClients: 2.5 },
        { boundaryGroup: "HQ", activeClients: "many" },
        { boundaryGroup: "HQ" },
        { boundaryGroup: "Nowhere", activeClients: 5 },
        { groupId: 999, activeClients: 5 },
        { boundaryGroup: 42, activeClients: 5 },
        { boundaryGroup: "Branch", groupId: 16777227, activeClients: 10 },
        { boundaryGroup: "branch", activeClients: 11 },
        { boundaryGroup: null, activeClients: 3 },
        { activeClients: 4 },
      ]),
    );
    expect(result.skipped).toEqual([
      { where: "clientCounts[0]", reason: "expected an object { boundaryGroup, activeClients }" },
      { where: "clientCounts[1]", reason: "activeClients: expected a whole number of clients >= 0, got -3" },
      { where: "clientCounts[2]", reason: "activeClients: expected a whole number of clients >= 0, got 2.5" },
      {
        where: "clientCounts[3]",
        reason: 'activeClients: expected a whole number of clients >= 0, got "many"',
      },
      {
        where: "clientCounts[4]",
        reason: "activeClients: expected a whole number of clients >= 0, got nothing",
      },
      { where: "clientCounts[5]", reason: 'boundaryGroup "Nowhere" names no imported boundary group' },
      { where: "clientCounts[6]", reason: "groupId 999 names no imported boundary group" },
      {
        where: "clientCounts[7]",
        reason: "boundaryGroup: expected a boundary group's name, or null, got 42",
      },
      { where: "clientCounts[9]", reason: 'a second count for boundary group "Branch"' },
      { where: "clientCounts[11]", reason: "a second count of the clients in no boundary group" },
    ]);
    expect(result.scenario.devices).toEqual([
      { name: "clients-branch", platform: "configmgr-client", count: 10, addresses: "10.3.0.1-10.3.0.254" },
      { name: "clients-outside-boundaries", platform: "configmgr-client", count: 3 },
    ]);
    expect(notesAt(result.notes, "devices.clients-outside-boundaries.addresses")[0]?.why).toContain(
      "clients in no boundary group",
    );
    // HQ and Site assignment have no count that could be read: the table says so.
    expect(notesAt(result.notes, "devices")[0]?.why).toContain('boundary groups "HQ", "Site assignment"');
    // No default boundary group in the export: the clients outside every group may use every MP.
    expect(notesAt(result.notes, "site.defaultBoundaryGroup")[0]?.why).toContain(
      "Default-Site-Boundary-Group<PS1>",
    );
    expect(() => loadScenario(result.scenario)).not.toThrow();
  });

  it("refuses a clientCounts that holds no array, as every other key", () => {
    expect(() => importSite(withCounts({ HQ: 3 }))).toThrow(ScenarioError);
    expect(() => importSite(withCounts(3))).toThrow("clientCounts: expected an array");
    expect(
      importSite(withCounts({ value: [{ boundaryGroup: "HQ", activeClients: 2 }] })).scenario.devices,
    ).toHaveLength(1);
  });

  it("reads defaultBoundaryGroup when it names an imported group, and skips it otherwise", () => {
    const named = importSite(withCounts([], { defaultBoundaryGroup: "  site assignment " }));
    expect(named.scenario.site.defaultBoundaryGroup).toBe("Site assignment");
    const unknown = importSite(withCounts([], { defaultBoundaryGroup: "Default-Site-Boundary-Group<PS1>" }));
    expect(unknown.scenario.site.defaultBoundaryGroup).toBeUndefined();
    expect(unknown.skipped).toEqual([
      {
        where: "defaultBoundaryGroup",
        reason: '"Default-Site-Boundary-Group<PS1>" names no imported boundary group',
      },
    ]);
    expect(importSite(withCounts([], { defaultBoundaryGroup: 7 })).skipped[0]?.reason).toBe(
      "expected the name of a boundary group, got 7",
    );
  });
});

describe("--clients", () => {
  it("adds placeholder clients when the export has no counts, on a range a management point serves", () => {
    const { scenario, notes, summary } = importSite(readExport("large-site"), { clients: 500 });
    expect(scenario.devices).toEqual([
      {
        name: "configmgr-clients",
        platform: "configmgr-client",
        count: 500,
        addresses: "10.1.0.1-10.1.255.254",
      },
    ]);
    expect(notesAt(notes, "devices.configmgr-clients.count")[0]).toMatchObject({
      kind: "placeholder",
      value: 500,
    });
    expect(notesAt(notes, "devices.configmgr-clients.count")[0]?.why).toContain("has no client counts");
    expect(summary.clients).toEqual({
      source: "placeholder",
      clients: 500,
      groups: 1,
      placeholderUnused: false,
    });
  });

  it("adds Windows MDM devices beside them only when asked for", () => {
    const both = importSite(readExport("large-site"), { clients: 500, devices: 20 });
    expect(both.scenario.devices.map((g) => [g.name, g.count])).toEqual([
      ["windows-devices", 20],
      ["configmgr-clients", 500],
    ]);
  });

  it("is not used when the export counts clients", () => {
    const result = importSite(readExport("client-site"), { clients: 5 });
    expect(result.scenario.devices.map((g) => g.name)).not.toContain("configmgr-clients");
    expect(result.summary.clients?.placeholderUnused).toBe(true);
  });

  it("stands in for an export that counts no active clients; without it, the placeholder Windows devices", () => {
    const zero = withCounts([{ boundaryGroup: "HQ", activeClients: 0 }]);
    expect(summaryOf(zero)).toEqual({ source: "export", clients: 0, groups: 0, placeholderUnused: false });
    expect(importSite(zero).scenario.devices.map((g) => g.name)).toEqual(["windows-devices"]);
    const placeholder = importSite(zero, { clients: 9 });
    expect(placeholder.scenario.devices.map((g) => g.name)).toEqual(["configmgr-clients"]);
    expect(notesAt(placeholder.notes, "devices.configmgr-clients.count")[0]?.why).toContain(
      "counts no active clients",
    );
  });

  it("without any device group, refuses --devices 0", () => {
    expect(() => importSite(readExport("lab-site"), { devices: 0 })).toThrow(UsageError);
    expect(() => importSite(readExport("lab-site"), { devices: 0 })).toThrow(
      "devices 0: expected some devices",
    );
    expect(importSite(readExport("client-site"), { devices: 0 }).scenario.devices).toHaveLength(4);
  });
});
