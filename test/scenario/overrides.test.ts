import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides, parseOverride } from "../../src/scenario/overrides.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { BASELINE_TEXT, baselineData, pushAt, scenarioErrorOf } from "./helpers.js";

const SERVER = "cm01.corp.contoso.com";

function baseline(): Scenario {
  return loadScenario(BASELINE_TEXT);
}

/** The baseline with a second server, a macOS group and a second replica, for name lookups. */
function larger(): Scenario {
  const data = baselineData();
  pushAt(data, ["site", "replicas"], { name: "replica2", syncInterval: "15m" });
  pushAt(data, ["site", "servers"], {
    name: "cm02.corp.contoso.com",
    internetFqdn: "cm02.contoso.com",
    roles: { managementPoint: { https: true, connections: "internet", allowMobileDevicesAndMacs: true } },
  });
  pushAt(data, ["devices"], { name: "macs", platform: "macos", count: 50, location: "internet" });
  return loadScenario(data);
}

/** Expects applying `overrides` to throw a ScenarioError attributed to `source`, and returns it. */
function overrideError(scenario: Scenario, overrides: string[], source: string): ScenarioError {
  const error = scenarioErrorOf(() => applyOverrides(scenario, overrides));
  expect(error.source).toBe(source);
  return error;
}

describe("parseOverride", () => {
  it("splits PATH=VALUE at the first =", () => {
    expect(parseOverride("name=a=b")).toEqual({ path: "name", value: "a=b", text: "name=a=b" });
  });

  it("parses a value as JSON when it can", () => {
    expect(parseOverride("devices.0.count=5000").value).toBe(5000);
    expect(parseOverride("devices.0.content=true").value).toBe(true);
    expect(parseOverride("description=null").value).toBeNull();
    expect(parseOverride('name="quoted"').value).toBe("quoted");
    expect(parseOverride('devices.0.trustedRoots=["A","B"]').value).toEqual(["A", "B"]);
    expect(parseOverride('devices.0.connectionRetries={"count":1}').value).toEqual({ count: 1 });
    expect(parseOverride("seed=1.5").value).toBe(1.5);
  });

  it("keeps a value as a string when it is not JSON", () => {
    expect(parseOverride("site.replicas.replica1.syncInterval=10m").value).toBe("10m");
    expect(parseOverride("devices.hq-windows.location=internet").value).toBe("internet");
    expect(parseOverride("seed=007").value).toBe("007");
    expect(parseOverride("name={oops").value).toBe("{oops");
  });

  it("keeps an empty value as the empty string", () => {
    expect(parseOverride("description=").value).toBe("");
  });

  it("keeps the text as given, for messages", () => {
    expect(parseOverride("devices.0.count=5").text).toBe("devices.0.count=5");
  });

  it("trims spaces around the path", () => {
    expect(parseOverride(" devices.0.count =5").path).toBe("devices.0.count");
  });

  it("rejects text without = as a usage error showing the expected form", () => {
    expect(() => parseOverride("devices.0.count")).toThrow(UsageError);
    expect(() => parseOverride("devices.0.count")).toThrow(
      '--set devices.0.count: expected PATH=VALUE, like "site.replicas.replica1.syncInterval=10m"',
    );
  });

  it("rejects an empty path as a usage error", () => {
    expect(() => parseOverride("=5")).toThrow(UsageError);
    expect(() => parseOverride("=5")).toThrow(
      '--set =5: expected PATH=VALUE, like "site.replicas.replica1.syncInterval=10m"',
    );
  });
});

describe("applyOverrides", () => {
  describe("the documented examples", () => {
    it("sets a replica's syncInterval by the replica's name (site.replicas.replica1.syncInterval=10m)", () => {
      const s = applyOverrides(baseline(), ["site.replicas.replica1.syncInterval=10m"]);
      expect(s.site.replicas[0]!.syncInterval).toBe(600);
    });

    it("sets a device group's count by index (devices.0.count=5000)", () => {
      expect(applyOverrides(baseline(), ["devices.0.count=5000"]).devices[0]!.count).toBe(5000);
    });

    it("sets a device group's location by the group's name (devices.hq-windows.location=internet)", () => {
      expect(applyOverrides(baseline(), ["devices.hq-windows.location=internet"]).devices[0]!.location).toBe(
        "internet",
      );
    });

    it("applies the three examples together", () => {
      const s = applyOverrides(baseline(), [
        "site.replicas.replica1.syncInterval=10m",
        "devices.0.count=5000",
        "devices.hq-windows.location=internet",
      ]);
      expect(s.site.replicas[0]!.syncInterval).toBe(600);
      expect(s.devices[0]!.count).toBe(5000);
      expect(s.devices[0]!.location).toBe("internet");
    });

    it("walks into a server whose name contains dots", () => {
      const s = applyOverrides(baseline(), [`site.servers.${SERVER}.roles.managementPoint.https=false`]);
      expect(s.site.servers[0]!.roles.managementPoint?.https).toBe(false);
      expect(s.site.servers[0]!.roles.distributionPoint?.https).toBe(true);
    });
  });

  describe("paths", () => {
    it("finds the right element among several by name", () => {
      const s = applyOverrides(larger(), [
        "site.servers.cm02.corp.contoso.com.roles.managementPoint.database=replica2",
        "site.replicas.replica2.syncInterval=1m",
        "devices.macs.count=7",
      ]);
      expect(s.site.servers.map((x) => x.roles.managementPoint?.database)).toEqual(["replica1", "replica2"]);
      expect(s.site.replicas.map((r) => r.syncInterval)).toEqual([300, 60]);
      expect(s.devices.map((g) => g.count)).toEqual([1000, 7]);
    });

    it("reaches the same element by index and by name", () => {
      const byIndex = applyOverrides(larger(), ["devices.1.count=9", "site.servers.1.outages=[]"]);
      const byName = applyOverrides(larger(), [
        "devices.macs.count=9",
        "site.servers.cm02.corp.contoso.com.outages=[]",
      ]);
      expect(byName).toStrictEqual(byIndex);
    });

    it("sets an element of a list by index", () => {
      expect(applyOverrides(baseline(), ["expectations.1=devices.connected >= 1"]).expectations).toEqual([
        "devices.neverConnected == 0",
        "devices.connected >= 1",
      ]);
    });

    it("sets a field that the scenario leaves absent", () => {
      const s = applyOverrides(baseline(), ["site.replicas.replica1.syncOffset=2m"]);
      expect(s.site.replicas[0]!.syncOffset).toBe(120);
      const pinned = applyOverrides(baseline(), [`devices.hq-windows.managementPoint=${SERVER}`]);
      expect(pinned.devices[0]!.managementPoint).toBe(SERVER);
    });

    it("replaces a whole object or list with a JSON value", () => {
      const s = applyOverrides(baseline(), [
        'devices.0.enrollment={"pattern":"burst","at":"10m"}',
        'devices.0.polling=[{"every":"1m"}]',
      ]);
      expect(s.devices[0]!.enrollment).toEqual({
        pattern: "burst",
        at: 600,
        delay: 0,
        retryAfter: 600,
        maxAttempts: 3,
      });
      expect(s.devices[0]!.polling).toEqual([{ every: 60 }]);
    });

    it("replaces a top-level field", () => {
      expect(applyOverrides(baseline(), ["duration=90m"]).duration).toBe(5400);
      expect(applyOverrides(baseline(), ["seed=42"]).seed).toBe(42);
    });
  });

  describe("values", () => {
    it("reads a duration string as a duration", () => {
      expect(applyOverrides(baseline(), ["devices.0.jitter=250ms"]).devices[0]!.jitter).toBe(0.25);
      expect(applyOverrides(baseline(), ["duration=2h15m"]).duration).toBe(8100);
    });

    it("reads a plain number as seconds where a duration is expected", () => {
      expect(applyOverrides(baseline(), ["duration=5400"]).duration).toBe(5400);
    });

    it("reads true and false as booleans", () => {
      expect(applyOverrides(baseline(), ["devices.0.content=true"]).devices[0]!.content).toBe(true);
    });

    it("keeps a JSON string that is quoted", () => {
      expect(applyOverrides(baseline(), ['description="10"']).description).toBe("10");
    });

    it("sets the empty string", () => {
      expect(applyOverrides(baseline(), ["description="]).description).toBe("");
    });
  });

  describe("order and purity", () => {
    it("applies overrides in order, the last one winning", () => {
      expect(applyOverrides(baseline(), ["duration=1h", "duration=2h"]).duration).toBe(7200);
    });

    it("validates only the final result, so overrides may pass through invalid states", () => {
      const s = applyOverrides(baseline(), [
        "site.replicas.replica1.syncOffset=8m",
        "site.replicas.replica1.syncInterval=10m",
      ]);
      expect(s.site.replicas[0]).toMatchObject({ syncInterval: 600, syncOffset: 480 });
    });

    it("returns the scenario unchanged when there are no overrides", () => {
      const s = baseline();
      expect(applyOverrides(s, [])).toStrictEqual(baseline());
    });

    it("does not modify the scenario it is given", () => {
      const s = baseline();
      applyOverrides(s, [
        "devices.0.count=5",
        "site.replicas.replica1.syncInterval=10m",
        `site.servers.${SERVER}.outages=[]`,
      ]);
      expect(s).toStrictEqual(baseline());
    });

    it("does not modify the scenario it is given when an override fails", () => {
      const s = baseline();
      expect(() => applyOverrides(s, ["devices.0.count=5", "devices.0.count=zero"])).toThrow(ScenarioError);
      expect(s).toStrictEqual(baseline());
    });

    it("accepts parsed overrides as well as text", () => {
      const s = applyOverrides(baseline(), [parseOverride("devices.0.count=12")]);
      expect(s.devices[0]!.count).toBe(12);
    });

    it("gives a valid scenario that loads again to itself", () => {
      const s = applyOverrides(baseline(), [
        "devices.0.count=5000",
        "site.replicas.replica1.syncInterval=10m",
      ]);
      expect(loadScenario(JSON.parse(JSON.stringify(s)))).toStrictEqual(s);
    });
  });

  describe("paths that name nothing", () => {
    it.each([
      ["devices.1.count=5", "devices.1", '; "devices" has "hq-windows"'],
      ["devices.nope.count=5", "devices.nope", '; "devices" has "hq-windows"'],
      [
        "site.replicas.replica9.syncInterval=1m",
        "site.replicas.replica9",
        '; did you mean "site.replicas.replica1"?',
      ],
      [
        "site.servers.cm01.roles.managementPoint.https=false",
        "site.servers.cm01",
        '; "site.servers" has "cm01.corp.contoso.com"',
      ],
      ["devices.0.count.value=1", "devices.0.count.value", ""],
      ["devices.-1.count=1", "devices.-1", '; "devices" has "hq-windows"'],
      ["nothing.at.all=1", "nothing", ""],
    ])("rejects %s, naming the first step that names nothing", (text, failedAt, hint) => {
      const error = overrideError(baseline(), [text], `--set ${text}`);
      expect(error.path).toEqual([]);
      expect(error.message).toBe(`--set ${text}: "${failedAt}" names nothing in the scenario${hint}`);
    });

    it("names the failing override among several", () => {
      overrideError(baseline(), ["devices.0.count=5", "devices.9.count=5"], "--set devices.9.count=5");
    });

    it("rejects a field the scenario does not have, naming the override", () => {
      const error = overrideError(baseline(), ["site.bogus=1"], "--set site.bogus=1");
      expect(error).toBeInstanceOf(ScenarioError);
    });

    it("rejects a misspelled field of a device group, naming the override", () => {
      overrideError(baseline(), ["devices.0.cuont=5"], "--set devices.0.cuont=5");
    });
  });

  describe("invalid values", () => {
    it("reports a value of the wrong type with the override, the path and what was expected", () => {
      const error = overrideError(baseline(), ["devices.0.count=zero"], "--set devices.0.count=zero");
      expect(error.path).toEqual(["devices", 0, "count"]);
      expect(error.message).toBe(
        '--set devices.0.count=zero: devices[0].count: expected a number, got "zero"',
      );
    });

    it("reports an invalid duration with the override", () => {
      const error = overrideError(
        baseline(),
        ["devices.hq-windows.enrollment.to=soon"],
        "--set devices.hq-windows.enrollment.to=soon",
      );
      expect(error.message).toBe(
        '--set devices.hq-windows.enrollment.to=soon: devices[0].enrollment.to: expected a duration like "30m", got "soon"',
      );
    });

    it("reports an invalid value set on a server named with dots", () => {
      const text = `site.servers.${SERVER}.roles.managementPoint.connections=everywhere`;
      const error = overrideError(baseline(), [text], `--set ${text}`);
      expect(error.path).toEqual(["site", "servers", 0, "roles", "managementPoint", "connections"]);
    });

    it("reports a value that breaks a cross-field rule under the path it set", () => {
      const error = overrideError(
        baseline(),
        ["site.replicas.replica1.syncOffset=10m"],
        "--set site.replicas.replica1.syncOffset=10m",
      );
      expect(error.message).toBe(
        "--set site.replicas.replica1.syncOffset=10m: site.replicas[0].syncOffset: expected syncOffset < syncInterval",
      );
    });

    it("reports an emptied list with the override", () => {
      const error = overrideError(baseline(), ["devices=[]"], "--set devices=[]");
      expect(error.message).toBe("--set devices=[]: devices: expected at least 1 item(s)");
    });

    it("names the override that is wrong, not an earlier valid one", () => {
      overrideError(
        baseline(),
        ["devices.0.count=5", "devices.0.jitter=soon"],
        "--set devices.0.jitter=soon",
      );
    });

    it("reports a broken reference elsewhere as a ScenarioError at the place that broke", () => {
      const error = scenarioErrorOf(() => applyOverrides(baseline(), ["site.replicas.replica1.name=r2"]));
      expect(error.path).toEqual(["site", "servers", 0, "roles", "managementPoint", "database"]);
      expect(error.detail).toBe('expected "site" or a replica name ("r2"), got "replica1"');
    });

    it("reads a number with a leading zero as a string, which a seed rejects", () => {
      const error = overrideError(baseline(), ["seed=007"], "--set seed=007");
      expect(error.detail).toBe('expected a number, got "007"');
    });
  });

  describe("prototype keys", () => {
    it.each([
      "__proto__.polluted=1",
      "__proto__=1",
      "devices.0.__proto__=null",
      '__proto__={"polluted":1}',
      "constructor.prototype.polluted=1",
      "site.constructor.prototype.polluted=1",
      'devices.0.__proto__={"polluted":1}',
      "devices.0.__proto__.polluted=1",
      "site.servers.0.roles.__proto__.polluted=1",
      "toString=1",
      "site.hasOwnProperty=1",
    ])("rejects %s as naming nothing, without touching Object.prototype", (text) => {
      let thrown: unknown;
      try {
        applyOverrides(baseline(), [text]);
      } catch (error) {
        thrown = error;
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
      expect(Object.prototype.toString.call([])).toBe("[object Array]");
      expect(thrown).toBeInstanceOf(ScenarioError);
      expect((thrown as ScenarioError).source).toBe(`--set ${text}`);
    });
  });

  describe("properties", () => {
    it("sets any valid count, by index or by name", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (count, byName) => {
          const path = byName ? "devices.hq-windows.count" : "devices.0.count";
          expect(applyOverrides(baseline(), [`${path}=${count}`]).devices[0]!.count).toBe(count);
        }),
        { numRuns: 50 },
      );
    });

    it("rejects any count below 1 with the override as source", () => {
      fc.assert(
        fc.property(fc.integer({ min: -1_000_000, max: 0 }), (count) => {
          const text = `devices.0.count=${count}`;
          const error = overrideError(baseline(), [text], `--set ${text}`);
          expect(error.message).toBe(
            `--set ${text}: devices[0].count: expected an integer >= 1, got ${count}`,
          );
        }),
        { numRuns: 50 },
      );
    });

    it("sets any positive duration written as hours, minutes and seconds", () => {
      fc.assert(
        fc.property(fc.nat(48), fc.nat(59), fc.nat(59), (h, m, s) => {
          fc.pre(h + m + s > 0);
          const seconds = h * 3600 + m * 60 + s;
          expect(applyOverrides(baseline(), [`duration=${h}h${m}m${s}s`]).duration).toBe(seconds);
        }),
        { numRuns: 50 },
      );
    });
  });
});

describe("applyOverrides on what the file said", () => {
  const file = {
    name: "t",
    duration: "3h",
    site: {
      servers: [
        {
          name: "cm01.corp.contoso.com",
          certificate: { issuer: "Root" },
          roles: {
            managementPoint: {
              https: true,
              allowMobileDevicesAndMacs: true,
              connections: "intranetAndInternet",
            },
          },
        },
      ],
    },
    devices: [{ name: "w", platform: "windows", count: 1, addresses: "10.0.0.0/24" }],
  };

  it("refills platform defaults when the platform is overridden", () => {
    const mac = applyOverrides(loadScenario(file), ["devices.0.platform=macos"]);
    expect(mac.devices[0]?.polling).toEqual([{ every: 3600 }]);
    expect(mac.devices[0]?.connectionRetries.count).toBe(0);
  });

  it("recomputes a certificate's default names when internetFqdn is overridden", () => {
    const s = applyOverrides(loadScenario(file), [
      "site.servers.cm01.corp.contoso.com.internetFqdn=cm01.contoso.com",
    ]);
    expect(s.site.servers[0]?.certificate?.names).toEqual(["cm01.corp.contoso.com", "cm01.contoso.com"]);
  });

  it("edits one entry of a default array the file left out", () => {
    const s = applyOverrides(loadScenario(file), ["devices.0.polling.1.every=30m"]);
    expect(s.devices[0]?.polling).toEqual([{ every: 180, until: 900 }, { every: 1800 }]);
  });

  it("creates an object the file left out, keeping the other defaults", () => {
    const s = applyOverrides(loadScenario(file), ["devices.0.enrollment.pattern=burst"]);
    expect(s.devices[0]?.enrollment).toMatchObject({ pattern: "burst", at: 0, maxAttempts: 3 });
  });

  it("sets a poll profile by name, and edits one phase of a profile a file names", () => {
    const intune = applyOverrides(loadScenario(file), [parseOverride("devices.w.polling=intune-estimate")]);
    expect(intune.devices[0]?.polling).toEqual([
      { every: 180, until: 900 },
      { every: 900, until: 8100 },
      { every: 28800 },
    ]);
    // The written form keeps the name, and an edit under it edits the profile's phases.
    const faster = applyOverrides(intune, ["devices.w.polling.1.every=10m"]);
    expect(faster.devices[0]?.polling).toEqual([
      { every: 180, until: 900 },
      { every: 600, until: 8100 },
      { every: 28800 },
    ]);
    expect(() => applyOverrides(loadScenario(file), ["devices.w.polling=hourly"])).toThrow(
      /--set devices\.w\.polling=hourly: devices\[0\]\.polling: expected a poll profile/,
    );
  });

  it("chains: a second override applies to the first one's result", () => {
    const once = applyOverrides(loadScenario(file), ["devices.0.platform=macos"]);
    const twice = applyOverrides(once, ["devices.0.count=5"]);
    expect(twice.devices[0]).toMatchObject({ platform: "macos", count: 5, polling: [{ every: 3600 }] });
  });
});

describe("a group named like a prototype key", () => {
  it("is reachable by --set through its name", () => {
    const data = JSON.parse(BASELINE_TEXT) as { devices: { name: string }[] };
    data.devices[0]!.name = "constructor";
    const scenario = applyOverrides(loadScenario(data), ["devices.constructor.count=7"]);
    expect(scenario.devices[0]!.count).toBe(7);
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });
});

describe("server names in override paths", () => {
  it("match without regard to case (DNS names), to the declared server", () => {
    const upper = applyOverrides(baseline(), [
      "site.servers.CM01.Corp.Contoso.com.roles.managementPoint.database=site",
    ]);
    expect(upper.site.servers[0]?.name).toBe(SERVER);
    expect(upper.site.servers[0]?.roles.managementPoint?.database).toBe("site");
    // Under both spellings it is one field given twice.
    expect(
      overrideError(
        baseline(),
        [
          `site.servers.${SERVER}.roles.managementPoint.database=site`,
          "site.servers.CM01.corp.contoso.com.roles.managementPoint.database=replica1",
        ],
        "--set site.servers.CM01.corp.contoso.com.roles.managementPoint.database=replica1",
      ).message,
    ).toContain("name the same field");
  });

  it("name the element a misspelt one most likely meant, whole, and other lists keep their case", () => {
    const set = "site.servers.cm03.corp.contoso.com.roles.managementPoint.database=site";
    expect(overrideError(baseline(), [set], `--set ${set}`).message).toBe(
      `--set ${set}: "site.servers.cm03.corp.contoso.com" names nothing in the scenario; did you mean "site.servers.${SERVER}"?`,
    );
    const replica = "site.replicas.Replica1.syncInterval=5m";
    expect(overrideError(baseline(), [replica], `--set ${replica}`).message).toBe(
      `--set ${replica}: "site.replicas.Replica1" names nothing in the scenario; did you mean "site.replicas.replica1"?`,
    );
    const far = "site.servers.zz.roles.x=1";
    expect(overrideError(larger(), [far], `--set ${far}`).message).toBe(
      `--set ${far}: "site.servers.zz" names nothing in the scenario; "site.servers" has "${SERVER}", "cm02.corp.contoso.com"`,
    );
  });
});
