// The studio's controls: one per replica, group, management point and server, each named by its `--set`
// path, and each showing a value that `--set` accepts and that leaves the scenario as it is.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyOverrides } from "../../src/scenario/overrides.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { outagesText, scenarioControls } from "../../src/studio/controls.js";
import { isDmp } from "../../src/model/rules.js";
import { isStructural } from "../../src/studio/structure.js";
import { editScenario } from "../../src/studio/whatIf.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { bundled, clientScenario } from "../report/helpers.js";

const names = readdirSync(join(REPO_ROOT, "scenarios"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""));

describe("scenarioControls", () => {
  it("gives the baseline the controls the page promises, named by --set paths with names", () => {
    const controls = scenarioControls(bundled("baseline")).flatMap((g) => g.controls);
    expect(controls.map((c) => [c.path, c.value])).toEqual([
      ["seed", "1"],
      ["duration", "3h"],
      ["site.replicas.replica1.syncInterval", "5m"],
      ["site.replicas.replica1.applyDelay", "0s"],
      ["site.replicas.replica1.outages", "[]"],
      ["site.replicas.replica1.serverOutages", "[]"],
      ["devices.hq-windows.count", "1000"],
      ["devices.hq-windows.enrollment.from", "0s"],
      ["devices.hq-windows.enrollment.to", "1h"],
      ["devices.hq-windows.polling", "configmgr-assumed"],
      ["devices.hq-windows.polling.0.every", "3m"],
      ["devices.hq-windows.connectionRetries.count", "3"],
      ["whatIf.pin.hq-windows", "none"],
      ["whatIf.addDmps", "0"],
      ["whatIf.addedDmpDatabase", "replica1"],
      ["site.servers.cm01.corp.contoso.com.roles.managementPoint.database", "replica1"],
      ["site.servers.cm01.corp.contoso.com.roles.managementPoint.connections", "intranet"],
      ["whatIf.removeManagementPoint.cm01.corp.contoso.com", "kept"],
      ["site.servers.cm01.corp.contoso.com.outages", "[]"],
      ["site.servers.cm01.corp.contoso.com.roles.enrollmentProxyPoint.connections", "intranet"],
      ["site.servers.cm01.corp.contoso.com.roles.distributionPoint.connections", "intranet"],
      ["site.database.outages", "[]"],
    ]);
    const database = controls.find((c) => c.path.endsWith(".database"));
    expect(database?.options).toEqual(["site", "replica1"]);
  });

  it("turns each finite server's workers and service time, and the devices' request timeout, when there are some", () => {
    const controls = scenarioControls(bundled("morning-enrollment")).flatMap((g) => g.controls);
    const load = controls
      .filter((c) => /capacity|requestTimeout/.test(c.path))
      .map((c) => [c.label, c.path, c.value]);
    const dmp01 = "site.servers.dmp01.corp.contoso.com.roles.managementPoint.capacity";
    expect(load).toEqual(
      expect.arrayContaining([
        ["Request timeout", "devices.hq-windows.requestTimeout", "1m"],
        ["Workers (management point)", `${dmp01}.workers`, "8"],
        ["Service time, mean (management point, lognormal)", `${dmp01}.serviceTime.mean`, "400ms"],
        [
          "Workers (enrollment proxy point)",
          "site.servers.cm01.corp.contoso.com.roles.enrollmentProxyPoint.capacity.workers",
          "16",
        ],
        ["Workers (its SQL Server)", "site.database.capacity.workers", "8"],
      ]),
    );
    // Every one of them is a path --set takes.
    const scenario = bundled("morning-enrollment");
    for (const c of controls.filter((c) => /capacity|requestTimeout/.test(c.path)))
      expect(() => applyOverrides(scenario, [`${c.path}=${c.value}`])).not.toThrow();
  });

  it("offers each group's poll schedule as the four profiles, plus the group's own list when it is none", () => {
    const polling = (scenario: Scenario) =>
      scenarioControls(scenario)
        .flatMap((g) => g.controls)
        .find((c) => c.path === "devices.hq-windows.polling");
    const profile = polling(bundled("baseline"));
    expect(profile).toMatchObject({
      label: "Poll schedule",
      value: "configmgr-assumed",
      options: ["configmgr-assumed", "intune-estimate", "dmclient-default", "configmgr-client"],
      optionLabels: [
        "configmgr-assumed: every 3m until 15m, then every 1h",
        "intune-estimate: every 3m until 15m, every 15m until 2h15m, then every 8h",
        "dmclient-default: every 15m until 2h30m, then every 1h",
        "configmgr-client: every 1h",
      ],
    });
    expect(profile?.hint).toContain("configmgr-assumed is an assumption, not Windows' own default");
    const custom = polling(applyOverrides(bundled("baseline"), ["devices.hq-windows.polling.0.every=2m"]));
    const own = '[{"every":"2m","until":"15m"},{"every":"1h"}]';
    expect(custom?.value).toBe(own);
    expect(custom?.options?.slice(4)).toEqual([own]);
    expect(custom?.optionLabels?.slice(4)).toEqual(["custom: every 2m until 15m, then every 1h"]);
    // Each choice is --set text.
    for (const option of custom?.options ?? []) {
      const edited = applyOverrides(bundled("baseline"), [`devices.hq-windows.polling=${option}`]);
      expect(polling(edited)?.value).toBe(option);
    }
  });

  it.each(names)(
    "%s: a group per replica, device group, management point and server, then the database",
    (name) => {
      const scenario = bundled(name);
      const titles = scenarioControls(scenario).map((g) => g.title);
      expect(titles).toEqual([
        "Run",
        ...scenario.site.replicas.map((r) => `Replica ${r.name}`),
        ...scenario.devices.map((g) => `Devices ${g.name}`),
        ...scenario.deployments.map((d) => `Deployment ${d.name}`),
        "Added device management points",
        ...scenario.site.servers
          .filter((s) => s.roles.managementPoint)
          .map((s) => `${isDmp(s) ? "Device management point" : "Management point"} ${s.name}`),
        ...scenario.site.servers.map((s) => `Server ${s.name}`),
        "Site database",
      ]);
    },
  );

  it.each(names)("%s: every control's value, given to --set, leaves the scenario unchanged", (name) => {
    const scenario = bundled(name);
    const controls = scenarioControls(scenario).flatMap((g) => g.controls);
    const same = applyOverrides(
      scenario,
      controls.filter((c) => !isStructural(c)).map((c) => `${c.path}=${c.value}`),
    );
    expect(same).toEqual(scenario);
    // And every control's value, structural ones included, as the page applies them.
    expect(editScenario(scenario, controls)).toEqual(scenario);
  });

  it("shows outage windows as --set text with durations, and the burst and poisson patterns' own fields", () => {
    expect(
      outagesText([
        { from: 1800, to: 3600 },
        { from: 90, to: 5400 },
      ]),
    ).toBe('[{"from":"30m","to":"1h"},{"from":"1m30s","to":"1h30m"}]');
    const burst = applyOverrides(bundled("baseline"), [
      'devices.hq-windows.enrollment={"pattern":"burst","at":"10m"}',
    ]);
    const poisson = applyOverrides(bundled("baseline"), [
      'devices.hq-windows.enrollment={"pattern":"poisson","ratePerMinute":20}',
    ]);
    const paths = (s: typeof burst) =>
      scenarioControls(s)
        .flatMap((g) => g.controls)
        .filter((c) => c.path.includes(".enrollment."))
        .map((c) => `${c.path}=${c.value}`);
    expect(paths(burst)).toEqual(["devices.hq-windows.enrollment.at=10m"]);
    expect(paths(poisson)).toEqual([
      "devices.hq-windows.enrollment.from=0s",
      "devices.hq-windows.enrollment.ratePerMinute=20",
    ]);
  });

  describe("of a ConfigMgr client site", () => {
    const scenario = clientScenario();
    const controls = scenarioControls(scenario).flatMap((g) => g.controls);

    it("turns a client group's registration (not enrollment), its refresh, and each deployment's start", () => {
      expect(
        controls
          .filter((c) => /^devices\.pcs\.(registration|enrollment|mpRefresh)|^deployments\./.test(c.path))
          .map((c) => [c.label, c.path, c.value]),
      ).toEqual([
        ["Registration from (uniform)", "devices.pcs.registration.from", "0s"],
        ["Registration until", "devices.pcs.registration.to", "55m"],
        ["Management point refresh", "devices.pcs.mpRefresh", "1d"],
        ["Made at (time from the start)", "deployments.policy.at", "1h30m"],
        ["Made at (time from the start)", "deployments.app.at", "4h"],
      ]);
      expect(scenarioControls(scenario).map((g) => g.title)).toEqual([
        "Run",
        "Replica r1",
        "Devices pcs",
        "Deployment policy",
        "Deployment app",
        "Added device management points",
        "Management point mp-a.corp.contoso.com",
        "Management point mp-b.corp.contoso.com",
        "Server mp-a.corp.contoso.com",
        "Server mp-b.corp.contoso.com",
        "Site database",
      ]);
    });

    it("gives values that --set takes and that leave the scenario unchanged; an edit runs", () => {
      expect(
        applyOverrides(
          scenario,
          controls.filter((c) => !isStructural(c)).map((c) => `${c.path}=${c.value}`),
        ),
      ).toEqual(scenario);
      expect(editScenario(scenario, controls)).toEqual(scenario);
      const edited = applyOverrides(scenario, [
        "devices.pcs.registration.to=2h",
        "deployments.app.at=5h",
        "devices.pcs.mpRefresh=12h",
      ]);
      expect(edited.devices[0]?.enrollment).toMatchObject({ from: 0, to: 7200 });
      expect(edited.deployments[1]?.at).toBe(5 * 3600);
      expect(edited.devices[0]?.mpRefresh).toBe(12 * 3600);
    });

    it("names a burst's and a poisson pattern's fields under registration", () => {
      const paths = (s: Scenario) =>
        scenarioControls(s)
          .flatMap((g) => g.controls)
          .filter((c) => c.path.includes(".registration."))
          .map((c) => [c.label, `${c.path}=${c.value}`]);
      const burst = applyOverrides(scenario, ['devices.pcs.registration={"pattern":"burst","at":"10m"}']);
      expect(paths(burst)).toEqual([["Registration burst at", "devices.pcs.registration.at=10m"]]);
      const poisson = applyOverrides(scenario, [
        'devices.pcs.registration={"pattern":"poisson","ratePerMinute":20}',
      ]);
      expect(paths(poisson)).toEqual([
        ["Registration from (poisson)", "devices.pcs.registration.from=0s"],
        ["Registrations per minute", "devices.pcs.registration.ratePerMinute=20"],
      ]);
    });
  });
});
