// The studio's structural what-ifs: a DMP added like the site's own, a management point removed, a pin
// taken away; each a scenario every command accepts, and a DMP added then removed is the scenario again.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { isDmp } from "../../src/model/rules.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulate } from "../../src/simulate.js";
import type { Edit } from "../../src/studio/fragment.js";
import {
  ADD_DMPS,
  ADDED_DMP_DATABASE,
  addedDmpNames,
  applyStructure,
  isStructural,
  NOT_PINNED,
  PIN,
  REMOVE_MP,
  removedPath,
  setEdits,
} from "../../src/studio/structure.js";
import { scenarioControls } from "../../src/studio/controls.js";
import { editScenario, runWhatIf, scenarioJson, withEdits } from "../../src/studio/whatIf.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";
import { bundled } from "../report/helpers.js";

const add = (count: number, database?: string): Edit[] => [
  { path: ADD_DMPS, value: String(count) },
  ...(database === undefined ? [] : [{ path: ADDED_DMP_DATABASE, value: database }]),
];
const remove = (server: string): Edit => ({ path: `${REMOVE_MP}${server}`, value: "removed" });
const dmps = (s: Scenario) => s.site.servers.filter(isDmp).map((x) => x.name);

describe("applyStructure", () => {
  it("adds DMPs like the site's first: its role on the chosen database, its issuer, its boundary groups", () => {
    const file = bundled("baseline");
    const edited = editScenario(file, add(2, "site"));
    expect(dmps(edited)).toEqual([
      "cm01.corp.contoso.com",
      "whatif-dmp1.corp.contoso.com",
      "whatif-dmp2.corp.contoso.com",
    ]);
    const added = edited.site.servers[1];
    expect(added?.roles).toEqual({
      managementPoint: {
        https: true,
        connections: "intranet",
        allowMobileDevicesAndMacs: true,
        database: "site",
      },
    });
    // A certificate of the same issuer and validity, naming the new server.
    expect(added?.certificate).toMatchObject({
      issuer: "Contoso Root CA",
      names: ["whatif-dmp1.corp.contoso.com"],
    });
    expect(edited.site.boundaryGroups[0]?.servers).toEqual([
      "cm01.corp.contoso.com",
      "whatif-dmp1.corp.contoso.com",
      "whatif-dmp2.corp.contoso.com",
    ]);
    // The devices spread over the three, and the added ones (on the site database) never fail.
    const result = simulate(edited);
    expect(result.managementPoints.map((m) => [m.server, m.database])).toEqual([
      ["cm01.corp.contoso.com", "replica1"],
      ["whatif-dmp1.corp.contoso.com", "site"],
      ["whatif-dmp2.corp.contoso.com", "site"],
    ]);
    expect(result.managementPoints.every((m) => m.devices > 0)).toBe(true);
    // Without a database chosen, they read the template's.
    expect(editScenario(file, add(1)).site.servers[1]?.roles.managementPoint?.database).toBe("replica1");
    // And `--set` edits apply on top: they may name an added server.
    const set = editScenario(file, [
      ...add(1),
      {
        path: "site.servers.whatif-dmp1.corp.contoso.com.roles.managementPoint.connections",
        value: "internet",
      },
    ]);
    expect(set.site.servers[1]?.roles.managementPoint?.connections).toBe("internet");
  });

  it("removes a management point: the role, or the server when it holds nothing else, and its pins", () => {
    const baseline = editScenario(bundled("baseline"), [remove("cm01.corp.contoso.com")]);
    expect(Object.keys(baseline.site.servers[0]?.roles ?? {})).toEqual([
      "enrollmentPoint",
      "enrollmentProxyPoint",
      "distributionPoint",
    ]);
    expect(simulate(baseline).devices.connected).toBe(0);

    const two = editScenario(bundled("two-dmps"), [remove("cm02.corp.contoso.com")]);
    expect(two.site.servers.map((s) => s.name)).toEqual(["cm01.corp.contoso.com"]);
    expect(two.site.boundaryGroups[0]?.servers).toEqual(["cm01.corp.contoso.com"]);

    const mixed = editScenario(bundled("mixed-windows-macos"), [remove("cm02.corp.contoso.com")]);
    expect(mixed.devices.map((g) => [g.name, g.managementPoint])).toEqual([
      ["hq-windows", "cm01.corp.contoso.com"],
      ["mac-fleet", undefined],
    ]);
  });

  it("sets aside --set edits of a removed management point's role (a link may carry both)", () => {
    const database: Edit = {
      path: "site.servers.cm01.corp.contoso.com.roles.managementPoint.database",
      value: "site",
    };
    const count: Edit = { path: "devices.hq-windows.count", value: "50" };
    expect(setEdits(bundled("baseline"), [database, remove("cm01.corp.contoso.com"), count])).toEqual([
      count,
    ]);
    expect(
      setEdits(bundled("baseline"), [database, { ...remove("cm01.corp.contoso.com"), value: "kept" }]),
    ).toEqual([database]);
    const edited = editScenario(bundled("baseline"), [database, remove("cm01.corp.contoso.com"), count]);
    expect(edited.site.servers[0]?.roles.managementPoint).toBeUndefined();
    expect(edited.devices[0]?.count).toBe(50);
  });

  it("sets aside edits of a server that leaves with its management point (its only role), and the page resets them", () => {
    const file = bundled("two-dmps");
    const server = "cm02.corp.contoso.com";
    const outages: Edit = { path: `site.servers.${server}.outages`, value: '[{"from":"1h","to":"2h"}]' };
    const count: Edit = { path: "devices.hq-windows.count", value: "50" };
    expect(setEdits(file, [remove(server), outages, count])).toEqual([count]);
    const edited = editScenario(file, [remove(server), outages, count]);
    expect(edited.site.servers.map((s) => s.name)).toEqual(["cm01.corp.contoso.com"]);
    // What the removal takes away is what its control resets and the page disables: the whole server here.
    const remover = scenarioControls(file)
      .flatMap((g) => g.controls)
      .find((c) => c.path === `${REMOVE_MP}${server}`);
    expect(remover?.resets).toBe(removedPath(file, server));
    expect(`site.servers.${server}.outages`.startsWith(remover?.resets ?? "-")).toBe(true);
    // A server that keeps other roles keeps its other fields.
    expect(removedPath(file, "cm01.corp.contoso.com")).toBe(
      "site.servers.cm01.corp.contoso.com.roles.managementPoint.",
    );
  });

  it("takes a pin away with the none choice, and pins with a server's name (the field's what-if, or a --set edit)", () => {
    const file = bundled("mixed-windows-macos");
    const unpin: Edit = { path: `${PIN}hq-windows`, value: NOT_PINNED };
    expect(isStructural(unpin)).toBe(true);
    expect(editScenario(file, [unpin]).devices[0]?.managementPoint).toBeUndefined();
    const pinned: Edit = { path: `${PIN}hq-windows`, value: "cm02.corp.contoso.com" };
    expect(editScenario(file, [pinned]).devices[0]?.managementPoint).toBe("cm02.corp.contoso.com");
    const pin: Edit = { path: "devices.hq-windows.managementPoint", value: "cm02.corp.contoso.com" };
    expect(isStructural(pin)).toBe(false);
    expect(editScenario(file, [pin]).devices[0]?.managementPoint).toBe("cm02.corp.contoso.com");
  });

  it("refuses what would leave no site, and values the page does not offer, naming the field", async () => {
    const lone = loadScenario({
      name: "lone",
      duration: "1h",
      site: { servers: [{ name: "mp.corp.contoso.com", roles: { managementPoint: { https: true } } }] },
      devices: [{ name: "d", platform: "windows", count: 1, addresses: "10.0.0.1-10.0.0.9" }],
    });
    expect(() => applyStructure(lone, [remove("mp.corp.contoso.com")])).toThrow(ScenarioError);
    for (const [edits, path, message] of [
      [[remove("mp.corp.contoso.com")], `${REMOVE_MP}mp.corp.contoso.com`, /at least one server/],
      [[{ path: ADD_DMPS, value: "9" }], ADD_DMPS, /expected an integer from 0 to 4, got "9"/],
      [[remove("nobody.corp.contoso.com")], `${REMOVE_MP}nobody.corp.contoso.com`, /nobody/],
      [add(1, "replica9"), ADDED_DMP_DATABASE, /replica9/],
      [[{ path: `${PIN}d`, value: "nobody.corp.contoso.com" }], `${PIN}d`, /nobody/],
    ] as const) {
      const outcome = await runWhatIf(lone, edits);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.path).toBe(path);
      expect(outcome.message).toMatch(message);
    }
  });

  it("withEdits gives use the edited scenario, or a problem read in the file with its structural edits", () => {
    const file = bundled("baseline");
    expect(withEdits(file, add(1), (edited) => edited)).toEqual(editScenario(file, add(1)));
    const name = editScenario(file, add(1)).site.servers[1]?.name ?? "";
    const field = `site.servers.${name}.roles.managementPoint.connections`;
    // The added server's field is named by the server's name: its index exists only once it is added.
    expect(withEdits(file, [...add(1), { path: field, value: "nowhere" }], () => 0)).toMatchObject({
      ok: false,
      path: field,
      message: expect.stringMatching(
        new RegExp(`^${field.replaceAll(".", "\\.")}: expected "intranet"`),
      ) as unknown,
    });
  });

  it("adds a DMP to a site without a management point: on HTTPS, in every boundary group, named in its domain", () => {
    const file = editScenario(bundled("baseline"), [remove("cm01.corp.contoso.com")]);
    const added = editScenario(file, add(1, "site"));
    expect(added.site.servers[1]).toMatchObject({
      name: "whatif-dmp1.corp.contoso.com",
      roles: { managementPoint: { https: true, allowMobileDevicesAndMacs: true, database: "site" } },
    });
    expect(added.site.boundaryGroups[0]?.servers).toContain("whatif-dmp1.corp.contoso.com");
    expect(simulate(added).devices.connected).toBe(1000);
  });

  it("returns the scenario itself when no structural edit changes anything (nothing cloned or loaded again)", () => {
    const file = bundled("baseline");
    const kept: Edit = { path: `${REMOVE_MP}cm01.corp.contoso.com`, value: "kept" };
    expect(applyStructure(file, [...add(0, "site"), kept])).toBe(file);
    expect(() => applyStructure(file, [{ ...kept, value: "gone" }])).toThrow(/expected "kept" or "removed"/);
  });

  it("names added DMPs afresh, never as a server the site has (DNS names without case)", () => {
    const file = editScenario(bundled("baseline"), add(1));
    expect(addedDmpNames(file, 2)).toEqual(["whatif-dmp2.corp.contoso.com", "whatif-dmp3.corp.contoso.com"]);
  });
});

describe("structural what-ifs on generated scenarios", () => {
  const scenarios = fc
    .boolean()
    .chain((clients) => scenarioArbitrary({ clients, misconfigurations: clients }))
    .map((s) => loadScenario(s));

  it("an added DMP passes the schema, and removing it again gives the scenario back", () => {
    fc.assert(
      fc.property(scenarios, fc.integer({ min: 1, max: 4 }), (scenario, count) => {
        const database = scenario.site.replicas[0]?.name ?? "site";
        const added = editScenario(scenario, add(count, database));
        // The file a download saves is one the loader takes, with the same meaning.
        expect(loadScenario(scenarioJson(added))).toEqual(added);
        expect(added.site.servers).toHaveLength(scenario.site.servers.length + count);
        const names = addedDmpNames(scenario, count);
        expect(dmps(added)).toEqual(expect.arrayContaining(names));
        const back = editScenario(added, names.map(remove));
        expect(back).toEqual(scenario);
      }),
      { numRuns: 60 },
    );
  });

  it("removing any management point gives a valid scenario with no pin to it, or a problem naming the field", () => {
    fc.assert(
      fc.property(scenarios, fc.nat(), (scenario, pick) => {
        const mps = scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined);
        const server = mps[pick % Math.max(mps.length, 1)];
        if (server === undefined) return;
        let removed: Scenario;
        try {
          removed = editScenario(scenario, [remove(server.name)]);
        } catch (error) {
          // Only the site's last server can be refused, and then by name.
          expect(error).toBeInstanceOf(ScenarioError);
          expect(scenario.site.servers).toHaveLength(1);
          return;
        }
        expect(loadScenario(scenarioJson(removed))).toEqual(removed);
        expect(
          removed.site.servers.find((s) => s.name === server.name)?.roles.managementPoint,
        ).toBeUndefined();
        expect(removed.devices.some((g) => g.managementPoint === server.name)).toBe(false);
        const gone = !removed.site.servers.some((s) => s.name === server.name);
        if (gone) expect(removed.site.boundaryGroups.flatMap((g) => g.servers)).not.toContain(server.name);
      }),
      { numRuns: 60 },
    );
  });
});
