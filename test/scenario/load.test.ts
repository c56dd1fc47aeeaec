import { afterEach, describe, expect, it, vi } from "vitest";
import { stringify as toYaml } from "yaml";
import { ScenarioError } from "../../src/errors.js";
import { LOAD_LIMITS, loadScenario, MAX_PROBLEMS, parseScenarioText } from "../../src/scenario/load.js";
import {
  BASELINE_TEXT,
  baselineData,
  baselineWith,
  baselineWithout,
  expectScenarioError,
  minimalData,
  pushAt,
  scenarioErrorOf,
  setAt,
  SPEC_EXAMPLE_TEXT,
  type Data,
  type Segment,
} from "./helpers.js";

/** The baseline written by hand as YAML, with comments, the way a person would. */
const BASELINE_YAML = `# The documented topology, as YAML.
$schema: ../scenario.schema.json
name: baseline
description: >-
  The documented topology: one primary site server holding all four on-prem MDM roles on HTTPS,
  its device management point reading a database replica that synchronizes every 5 minutes,
  and 1,000 Windows 10 devices enrolling uniformly over an hour. Shows the documented surprise:
  a newly enrolled device fails until the replica's next sync, usually one or two connection attempts.
seed: 1
start: "2026-01-05T08:00:00Z"
duration: 3h
site:
  code: PS1
  replicas:
    - name: replica1
      syncInterval: 5m
  servers:
    - name: cm01.corp.contoso.com
      certificate:
        issuer: Contoso Root CA
        notBefore: "2025-06-01T00:00:00Z"
        notAfter: "2027-06-01T00:00:00Z"
      roles:
        enrollmentPoint: { https: true }
        enrollmentProxyPoint: { https: true, connections: intranet }
        distributionPoint: { https: true, connections: intranet, allowMobileDevices: true }
        managementPoint:
          https: true
          connections: intranet
          allowMobileDevicesAndMacs: true
          database: replica1 # reads the replica, not the site database
  boundaries:
    - { name: HQ, type: ipv4Range, value: 10.1.0.1-10.1.255.254 }
  boundaryGroups:
    - name: HQ
      boundaries: [HQ]
      servers: [cm01.corp.contoso.com]
devices:
  - name: hq-windows
    platform: windows
    count: 1000
    location: intranet
    addresses: 10.1.2.1-10.1.5.254
    trustedRoots: [Contoso Root CA]
    enrollment: { pattern: uniform, from: 0s, to: 1h }
expectations:
  - devices.neverConnected == 0
  - failedAttemptsBeforeSuccess.max <= 2
`;

/** Expects loading the baseline with one field replaced to fail at `path` with `message`. */
function expectReplaced(
  at: readonly Segment[],
  value: unknown,
  path: readonly Segment[],
  message: string,
): void {
  expectScenarioError(() => loadScenario(baselineWith(at, value)), path, message);
}

describe("parseScenarioText", () => {
  it("parses JSON text", () => {
    expect(parseScenarioText(BASELINE_TEXT)).toEqual(baselineData());
  });

  it("parses YAML text with the same structure", () => {
    expect(parseScenarioText(toYaml(baselineData()))).toEqual(baselineData());
  });

  it("skips a byte order mark", () => {
    expect(parseScenarioText(`\uFEFF${BASELINE_TEXT}`)).toEqual(baselineData());
    expect(parseScenarioText("\uFEFFname: x\n")).toEqual({ name: "x" });
  });

  it("reads JSON text as YAML when told the format is yaml", () => {
    expect(parseScenarioText('{"name": "x"}', "yaml")).toEqual({ name: "x" });
  });

  it("refuses YAML text when told the format is json", () => {
    const error = scenarioErrorOf(() => parseScenarioText("name: x\n", "json"));
    expect(error.message).toMatch(/^not valid JSON/);
  });

  it("reports invalid JSON with its line and column", () => {
    const error = scenarioErrorOf(() => parseScenarioText('{\n  "name": "x",\n:}'));
    expect(error.path).toEqual([]);
    expect(error.message).toMatch(/^not valid JSON at line 3, column 1: /);
  });

  it("reports an unexpected character in JSON with its line and column", () => {
    const error = scenarioErrorOf(() => parseScenarioText('{\n  "a": 1,\n  "b": x\n}'));
    expect(error.message).toMatch(/^not valid JSON at line 3, column 8: /);
  });

  it("reports truncated JSON", () => {
    const error = scenarioErrorOf(() => parseScenarioText('{"name": '));
    expect(error.message).toMatch(/^not valid JSON/);
  });

  it("reports invalid YAML with its line and column", () => {
    const error = scenarioErrorOf(() => parseScenarioText("name: x\n\tsite: 1\n"));
    expect(error.path).toEqual([]);
    expect(error.message).toMatch(/^not valid YAML: .*line 2, column 1/);
  });

  it("rejects duplicate keys in YAML", () => {
    const error = scenarioErrorOf(() => parseScenarioText("name: a\nname: b\n"));
    expect(error.message).toMatch(/^not valid YAML: Map keys must be unique/);
  });

  it("rejects a YAML stream of several documents", () => {
    const error = scenarioErrorOf(() => parseScenarioText("name: a\n---\nname: b\n"));
    expect(error.message).toMatch(/^not valid YAML/);
  });

  it("resolves a few YAML aliases", () => {
    expect(parseScenarioText("a: &x 1\nb: *x\n")).toEqual({ a: 1, b: 1 });
  });

  it("rejects a YAML alias bomb instead of expanding it", () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      text += `${next}: &${next} [${Array.from({ length: 9 }, () => `*${prev}`).join(",")}]\n`;
    }
    const error = scenarioErrorOf(() => parseScenarioText(text));
    expect(error.message).toMatch(/^not valid YAML/);
  });

  describe("limits", () => {
    it(`limits nesting to ${LOAD_LIMITS.maxDepth} levels`, () => {
      expect(LOAD_LIMITS.maxDepth).toBe(64);
      const deepest = "[".repeat(64) + "]".repeat(64);
      expect(parseScenarioText(deepest)).toBeInstanceOf(Array);
      const tooDeep = "[".repeat(65) + "]".repeat(65);
      expectScenarioError(() => parseScenarioText(tooDeep), [], "nesting deeper than 64 levels");
    });

    it("rejects 100000 nested arrays with a ScenarioError, not a RangeError", () => {
      expectScenarioError(() => loadScenario("[".repeat(100_000)), [], "nesting deeper than 64 levels");
    });

    it("rejects 100000 nested objects with a ScenarioError", () => {
      expectScenarioError(() => loadScenario('{"a":'.repeat(100_000)), [], "nesting deeper than 64 levels");
    });

    it("rejects deeply nested YAML flow collections with a ScenarioError", () => {
      expectScenarioError(
        () => loadScenario(`name: ${"[".repeat(100_000)}`),
        [],
        "nesting deeper than 64 levels",
      );
    });

    it("rejects deeply nested YAML block sequences with a ScenarioError", () => {
      scenarioErrorOf(() => loadScenario("- ".repeat(100_000)));
    });

    it("rejects deeply nested YAML block mappings with a ScenarioError", () => {
      const text = Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
      scenarioErrorOf(() => loadScenario(text));
    });

    it("applies the same nesting limit to YAML block collections", () => {
      const text = Array.from({ length: 100 }, (_, i) => `${" ".repeat(i)}a:`).join("\n");
      expectScenarioError(() => parseScenarioText(text), [], "nesting deeper than 64 levels");
    });

    it("does not count brackets inside JSON strings", () => {
      const error = scenarioErrorOf(() => loadScenario(`{"name": "${"[".repeat(100_000)}"}`));
      expect(error.message).not.toContain("nesting");
      expect(error.path).toEqual(["duration"]);
    });

    it("does not end a JSON string at an escaped quote", () => {
      const error = scenarioErrorOf(() => loadScenario(`{"name": "\\"${"[".repeat(100)}"}`));
      expect(error.message).not.toContain("nesting");
    });

    it("rejects text larger than 10 MiB", () => {
      expect(LOAD_LIMITS.maxBytes).toBe(10 * 1024 * 1024);
      expectScenarioError(
        () => parseScenarioText(" ".repeat(10 * 1024 * 1024 + 1)),
        [],
        "the file is larger than 10 MiB",
      );
    });

    it("reads text just under 10 MiB", () => {
      expect(parseScenarioText(`${" ".repeat(10 * 1024 * 1024 - 100)}{"name":"x"}`)).toEqual({ name: "x" });
    });
  });
});

describe("loadScenario", () => {
  describe("valid input", () => {
    it("loads the bundled baseline from JSON text", () => {
      const s = loadScenario(BASELINE_TEXT);
      expect(s.name).toBe("baseline");
      expect(s.duration).toBe(10_800);
      expect(s.site.servers.map((x) => x.name)).toEqual(["cm01.corp.contoso.com"]);
      expect(s.devices.map((g) => [g.name, g.count])).toEqual([["hq-windows", 1000]]);
    });

    it("loads the same scenario from JSON text, YAML text and parsed data", () => {
      const fromJson = loadScenario(BASELINE_TEXT);
      expect(loadScenario(BASELINE_YAML)).toStrictEqual(fromJson);
      expect(loadScenario(toYaml(baselineData()))).toStrictEqual(fromJson);
      expect(loadScenario(baselineData())).toStrictEqual(fromJson);
    });

    it("loads the example of scenario.md", () => {
      const s = loadScenario(SPEC_EXAMPLE_TEXT);
      expect(s.name).toBe("baseline");
      expect(s.expectations).toEqual(["timeToFirstSuccessSeconds.p99 <= 6m", "devices.neverConnected == 0"]);
      expect(s.site.servers[0]!.internetFqdn).toBe("cm01.contoso.com");
    });

    it("accepts the editors' $schema reference", () => {
      expect(loadScenario(BASELINE_TEXT).$schema).toBe("../scenario.schema.json");
    });

    it("does not modify the data it is given", () => {
      const data = baselineData();
      loadScenario(data);
      expect(data).toStrictEqual(baselineData());
    });

    it("accepts an internet Windows group without addresses", () => {
      const data = baselineWithout(["devices", 0, "addresses"]);
      setAt(data, ["devices", 0, "location"], "internet");
      expect(loadScenario(data).devices[0]!.addresses).toBeUndefined();
    });

    it("accepts an intranet macOS group without addresses", () => {
      const data = baselineData();
      pushAt(data, ["devices"], { name: "macs", platform: "macos", count: 3 });
      expect(loadScenario(data).devices[1]!.location).toBe("intranet");
    });

    it("accepts a managementPoint pin naming a server with an MP role", () => {
      const s = loadScenario(baselineWith(["devices", 0, "managementPoint"], "cm01.corp.contoso.com"));
      expect(s.devices[0]!.managementPoint).toBe("cm01.corp.contoso.com");
    });

    it('accepts database "site" without any replica', () => {
      const data = baselineWith(["site", "servers", 0, "roles", "managementPoint", "database"], "site");
      setAt(data, ["site", "replicas"], []);
      expect(loadScenario(data).site.servers[0]!.roles.managementPoint?.database).toBe("site");
    });

    it("accepts polling entries whose until strictly increases", () => {
      const polling = [{ every: "1m", until: "5m" }, { every: "3m", until: "15m" }, { every: "1h" }];
      expect(loadScenario(baselineWith(["devices", 0, "polling"], polling)).devices[0]!.polling).toEqual([
        { every: 60, until: 300 },
        { every: 180, until: 900 },
        { every: 3600 },
      ]);
    });

    it("accepts a single polling entry without until", () => {
      expect(
        loadScenario(baselineWith(["devices", 0, "polling"], [{ every: "30m" }])).devices[0]!.polling,
      ).toEqual([{ every: 1800 }]);
    });

    it("accepts an enrollment block without a pattern as uniform", () => {
      expect(
        loadScenario(baselineWith(["devices", 0, "enrollment"], { delay: "1m" })).devices[0]!.enrollment,
      ).toEqual({ pattern: "uniform", from: 0, to: 3600, delay: 60, retryAfter: 600, maxAttempts: 3 });
    });

    it("accepts a start instant with an offset", () => {
      expect(loadScenario(baselineWith(["start"], "2026-01-05T08:00:00+02:00")).start).toBe(
        "2026-01-05T08:00:00+02:00",
      );
    });

    it("accepts seed 0", () => {
      expect(loadScenario(baselineWith(["seed"], 0)).seed).toBe(0);
    });
  });

  describe("the shape of its errors", () => {
    it("throws a ScenarioError whose message is the path, a colon and what was expected", () => {
      const error = scenarioErrorOf(() =>
        loadScenario(baselineWith(["devices", 0, "enrollment", "to"], "soon")),
      );
      expect(error.name).toBe("ScenarioError");
      expect(error.path).toEqual(["devices", 0, "enrollment", "to"]);
      expect(error.detail).toBe('expected a duration like "30m", got "soon"');
      expect(error.message).toBe('devices[0].enrollment.to: expected a duration like "30m", got "soon"');
      expect(error.source).toBeUndefined();
    });

    it("gives the same message for the same mistake in YAML", () => {
      const yaml = BASELINE_YAML.replace(
        "enrollment: { pattern: uniform, from: 0s, to: 1h }",
        "enrollment: { to: soon }",
      );
      expectScenarioError(
        () => loadScenario(yaml),
        ["devices", 0, "enrollment", "to"],
        'devices[0].enrollment.to: expected a duration like "30m", got "soon"',
      );
    });

    it("reports every problem, one a line, the first as its path and detail", () => {
      expectScenarioError(
        () => loadScenario("{}"),
        ["name"],
        [
          "name: missing (expected a string)",
          '  duration: missing (expected a duration > 0 like "30m")',
          "  site: missing (expected an object)",
          "  devices: missing (expected an array)",
        ].join("\n"),
      );
    });

    it("lists two problems of different places", () => {
      const data = baselineWith(["seed"], -1);
      setAt(data, ["site", "code"], "TOOLONG");
      const error = scenarioErrorOf(() => loadScenario(data));
      expect(error.message).toBe(
        'seed: expected an integer >= 0, got -1\n  site.code: expected 3 letters or digits, got "TOOLONG"',
      );
      expect(error.problems.map((p) => p.path)).toEqual([["seed"], ["site", "code"]]);
    });

    it("lists at most MAX_PROBLEMS problems and counts the rest", () => {
      const data = baselineData();
      const devices = data.devices as Data[];
      for (let i = 0; i < 30; i++) devices.push({ ...devices[0], name: `g${i}`, count: 0 });
      const error = scenarioErrorOf(() => loadScenario(data));
      expect(error.problems).toHaveLength(MAX_PROBLEMS + 1);
      expect(error.problems[MAX_PROBLEMS]).toEqual({ path: [], detail: "and 10 more problems" });
      expect(error.message.split("\n")).toHaveLength(MAX_PROBLEMS + 1);
    });
  });

  describe("the whole document", () => {
    it.each([
      [null, "expected an object, got null"],
      [42, "expected an object, got 42"],
      [[], "expected an object, got an array"],
      [true, "expected an object, got true"],
    ])("rejects %j at the top level", (input, message) => {
      expectScenarioError(() => loadScenario(input), [], message);
    });

    it("rejects empty text", () => {
      expectScenarioError(() => loadScenario(""), [], "expected an object, got null");
    });

    it("rejects a YAML scalar", () => {
      expectScenarioError(() => loadScenario("just words"), [], 'expected an object, got "just words"');
    });
  });

  describe("unknown fields", () => {
    it("rejects an unknown top-level field", () => {
      expectReplaced(["bogus"], 1, [], 'unknown field "bogus"');
    });

    it("names every unknown field of one object", () => {
      const data = baselineWith(["bogus"], 1);
      setAt(data, ["other"], 2);
      expectScenarioError(() => loadScenario(data), [], 'unknown field "bogus"\n  unknown field "other"');
    });

    it("rejects a misspelled site field instead of falling back to its default", () => {
      expectReplaced(
        ["site", "replica"],
        [],
        ["site"],
        'site: unknown field "replica" (did you mean "replicas"?)',
      );
    });

    it("rejects an unknown field in a device group with the group's path", () => {
      expectReplaced(["devices", 0, "bogus"], 1, ["devices", 0], 'devices[0]: unknown field "bogus"');
    });

    it("rejects an unknown role", () => {
      expectReplaced(
        ["site", "servers", 0, "roles", "softwareUpdatePoint"],
        {},
        ["site", "servers", 0, "roles"],
        'site.servers[0].roles: unknown field "softwareUpdatePoint"',
      );
    });

    it("rejects a field that belongs to another enrollment pattern", () => {
      expectReplaced(
        ["devices", 0, "enrollment"],
        { pattern: "burst", from: "5m" },
        ["devices", 0, "enrollment"],
        'devices[0].enrollment: unknown field "from" (it belongs with pattern "uniform", "even" or "poisson")',
      );
    });

    it("rejects an unknown field in a replica, a certificate, an outage and a polling entry", () => {
      expectReplaced(
        ["site", "replicas", 0, "interval"],
        "5m",
        ["site", "replicas", 0],
        'site.replicas[0]: unknown field "interval"',
      );
      expectReplaced(
        ["site", "servers", 0, "certificate", "subject"],
        "x",
        ["site", "servers", 0, "certificate"],
        'site.servers[0].certificate: unknown field "subject"',
      );
      expectReplaced(
        ["site", "servers", 0, "outages"],
        [{ from: "1m", to: "2m", why: "patching" }],
        ["site", "servers", 0, "outages", 0],
        'site.servers[0].outages[0]: unknown field "why"',
      );
      expectReplaced(
        ["devices", 0, "polling"],
        [{ every: "1h", jitter: "1m" }],
        ["devices", 0, "polling", 0],
        'devices[0].polling[0]: unknown field "jitter" (it belongs on devices[0])',
      );
    });
  });

  describe("missing required fields", () => {
    it.each<[Segment[], string]>([
      [["name"], "name: missing (expected a string)"],
      [["site"], "site: missing (expected an object)"],
      [["devices"], "devices: missing (expected an array)"],
      [["site", "servers"], "site.servers: missing (expected an array)"],
      [["site", "servers", 0, "name"], "site.servers[0].name: missing (expected a string)"],
      [["site", "servers", 0, "roles"], "site.servers[0].roles: missing (expected an object)"],
      [
        ["site", "servers", 0, "certificate", "issuer"],
        "site.servers[0].certificate.issuer: missing (expected a string)",
      ],
      [
        ["site", "servers", 0, "roles", "distributionPoint", "https"],
        "site.servers[0].roles.distributionPoint.https: missing (expected true or false)",
      ],
      [
        ["site", "servers", 0, "roles", "managementPoint", "https"],
        "site.servers[0].roles.managementPoint.https: missing (expected true or false)",
      ],
      [["site", "replicas", 0, "name"], "site.replicas[0].name: missing (expected a string)"],
      [["site", "boundaries", 0, "value"], "site.boundaries[0].value: missing (expected a string)"],
      [["devices", 0, "name"], "devices[0].name: missing (expected a string)"],
      [["devices", 0, "count"], "devices[0].count: missing (expected a number)"],
    ])("reports a missing %j", (path, message) => {
      expectScenarioError(() => loadScenario(baselineWithout(path)), path, message);
    });

    it("reports a missing duration with what was expected", () => {
      expectScenarioError(
        () => loadScenario(baselineWithout(["duration"])),
        ["duration"],
        'duration: missing (expected a duration > 0 like "30m")',
      );
    });

    it("reports a missing platform with its choices", () => {
      expectScenarioError(
        () => loadScenario(baselineWithout(["devices", 0, "platform"])),
        ["devices", 0, "platform"],
        'devices[0].platform: missing (expected "windows" or "macos" or "configmgr-client")',
      );
    });

    it("reports a missing boundary type with its choices", () => {
      expectScenarioError(
        () => loadScenario(baselineWithout(["site", "boundaries", 0, "type"])),
        ["site", "boundaries", 0, "type"],
        'site.boundaries[0].type: missing (expected "ipv4Range" or "ipSubnet" or "adSite" or "ipv6Prefix" or "vpn")',
      );
    });

    it("reports an outage without its end", () => {
      expectReplaced(
        ["site", "servers", 0, "outages"],
        [{ from: "1m" }],
        ["site", "servers", 0, "outages", 0, "to"],
        'site.servers[0].outages[0].to: missing (expected a duration like "30m")',
      );
    });

    it("reports a polling entry without every", () => {
      expectReplaced(
        ["devices", 0, "polling"],
        [{}],
        ["devices", 0, "polling", 0, "every"],
        'devices[0].polling[0].every: missing (expected a duration > 0 like "30m")',
      );
    });

    it("reports a poisson enrollment without ratePerMinute", () => {
      expectReplaced(
        ["devices", 0, "enrollment"],
        { pattern: "poisson" },
        ["devices", 0, "enrollment", "ratePerMinute"],
        "devices[0].enrollment.ratePerMinute: missing (expected a number)",
      );
    });
  });

  describe("wrong types", () => {
    it.each<[Segment[], unknown, string]>([
      [["name"], 5, "name: expected a string, got 5"],
      [["description"], 5, "description: expected a string, got 5"],
      [["seed"], "x", 'seed: expected a number, got "x"'],
      [["start"], 5, "start: expected a string, got 5"],
      [["site"], null, "site: expected an object, got null"],
      [["site"], [], "site: expected an object, got an array"],
      [["devices"], {}, "devices: expected an array, got an object"],
      [["expectations"], "x", 'expectations: expected an array, got "x"'],
      [["expectations", 0], 5, "expectations[0]: expected a string, got 5"],
      [["devices", 0, "count"], "5", 'devices[0].count: expected a number, got "5"'],
      [["devices", 0, "content"], "yes", 'devices[0].content: expected true or false, got "yes"'],
      [
        ["devices", 0, "trustedRoots"],
        "Contoso",
        'devices[0].trustedRoots: expected an array, got "Contoso"',
      ],
      [["devices", 0, "addresses"], 5, "devices[0].addresses: expected a string, got 5"],
      [["devices", 0, "enrollment"], null, "devices[0].enrollment: expected an object, got null"],
      [["devices", 0, "enrollment"], "soon", 'devices[0].enrollment: expected an object, got "soon"'],
      [
        ["site", "servers", 0, "roles", "managementPoint", "https"],
        "yes",
        'site.servers[0].roles.managementPoint.https: expected true or false, got "yes"',
      ],
    ])("reports %j set to %j", (path, value, message) => {
      expectReplaced(path, value, path, message);
    });
  });

  describe("bad values", () => {
    it.each<[Segment[], unknown, string]>([
      [
        ["devices", 0, "enrollment", "to"],
        "soon",
        'devices[0].enrollment.to: expected a duration like "30m", got "soon"',
      ],
      [
        ["devices", 0, "jitter"],
        "5 minutes",
        'devices[0].jitter: expected a duration like "30m", got "5 minutes"',
      ],
      [
        ["devices", 0, "firstPollDelay"],
        -1,
        'devices[0].firstPollDelay: expected a duration like "30m", got -1',
      ],
      [
        ["devices", 0, "firstPollDelay"],
        true,
        'devices[0].firstPollDelay: expected a duration like "30m", got true',
      ],
      [["duration"], 0, "duration: expected a duration > 0, got 0"],
      [["duration"], "0s", 'duration: expected a duration > 0, got "0s"'],
      [["duration"], "5400", 'duration: expected a duration > 0 like "30m", got "5400"'],
      [["duration"], -1, 'duration: expected a duration > 0 like "30m", got -1'],
      [
        ["site", "replicas", 0, "syncInterval"],
        0,
        "site.replicas[0].syncInterval: expected a duration > 0, got 0",
      ],
      [["devices", 0, "count"], 0, "devices[0].count: expected an integer >= 1, got 0"],
      [
        ["devices", 0, "enrollment", "maxAttempts"],
        0,
        "devices[0].enrollment.maxAttempts: expected an integer >= 1, got 0",
      ],
      [["seed"], -1, "seed: expected an integer >= 0, got -1"],
      [
        ["devices", 0, "platform"],
        "linux",
        'devices[0].platform: expected "windows" or "macos" or "configmgr-client", got "linux"',
      ],
      [
        ["devices", 0, "location"],
        "cloud",
        'devices[0].location: expected "intranet" or "internet", got "cloud"',
      ],
      [["site", "type"], "tertiary", 'site.type: expected "primary" or "secondary", got "tertiary"'],
      [["site", "code"], "TOOLONG", 'site.code: expected 3 letters or digits, got "TOOLONG"'],
      [["site", "code"], "P1", 'site.code: expected 3 letters or digits, got "P1"'],
      [["site", "code"], "P-1", 'site.code: expected 3 letters or digits, got "P-1"'],
      [["name"], "", "name: expected a non-empty name"],
      [
        ["start"],
        "yesterday",
        'start: expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got "yesterday"',
      ],
      [
        ["start"],
        "2026-01-05",
        'start: expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got "2026-01-05"',
      ],
      [
        ["start"],
        "2026-13-45T08:00:00Z",
        'start: expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got "2026-13-45T08:00:00Z"',
      ],
      [
        ["site", "servers", 0, "certificate", "notAfter"],
        "2027-06-01",
        'site.servers[0].certificate.notAfter: expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got "2027-06-01"',
      ],
      [
        ["site", "servers", 0, "certificate", "crl"],
        "ftp",
        'site.servers[0].certificate.crl: expected "http" or "ldap", got "ftp"',
      ],
      [
        ["site", "servers", 0, "roles", "managementPoint", "connections"],
        "everywhere",
        'site.servers[0].roles.managementPoint.connections: expected "intranet" or "internet" or "intranetAndInternet", got "everywhere"',
      ],
      [
        ["site", "boundaries", 0, "type"],
        "ipv4",
        'site.boundaries[0].type: expected "ipv4Range" or "ipSubnet" or "adSite" or "ipv6Prefix" or "vpn", got "ipv4"',
      ],
      [
        ["devices", 0, "addresses"],
        "10.1.2.300-10.1.2.4",
        'devices[0].addresses: expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got "10.1.2.300-10.1.2.4"',
      ],
      [
        ["devices", 0, "addresses"],
        "10.1.5.254-10.1.2.1",
        'devices[0].addresses: expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got "10.1.5.254-10.1.2.1"',
      ],
      [
        ["devices", 0, "addresses"],
        "10.1.0.0/33",
        'devices[0].addresses: expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got "10.1.0.0/33"',
      ],
      [
        ["site", "boundaries", 0, "value"],
        "HQ subnet",
        'site.boundaries[0].value: expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got "HQ subnet"',
      ],
      [["devices", 0, "polling"], [], "devices[0].polling: expected at least 1 item(s)"],
      [["devices"], [], "devices: expected at least 1 item(s)"],
      [["site", "servers"], [], "site.servers: expected at least 1 item(s)"],
      [["site", "servers", 0, "roles"], {}, "site.servers[0].roles: expected at least one role"],
    ])("reports %j set to %j", (path, value, message) => {
      expectReplaced(path, value, path, message);
    });

    it("reports an unknown connectionRetries on", () => {
      expectReplaced(
        ["devices", 0, "connectionRetries"],
        { on: "always" },
        ["devices", 0, "connectionRetries", "on"],
        'devices[0].connectionRetries.on: expected "connection" or "any", got "always"',
      );
    });

    it("reports a negative connectionRetries count", () => {
      expectReplaced(
        ["devices", 0, "connectionRetries"],
        { count: -1 },
        ["devices", 0, "connectionRetries", "count"],
        "devices[0].connectionRetries.count: expected an integer >= 0, got -1",
      );
    });

    it("reports a non-integer count", () => {
      const error = scenarioErrorOf(() => loadScenario(baselineWith(["devices", 0, "count"], 1.5)));
      expect(error.path).toEqual(["devices", 0, "count"]);
      expect(error.message).toMatch(/^devices\[0\]\.count: expected an integer.*, got 1\.5$/);
    });

    it("reports a non-finite number", () => {
      const error = scenarioErrorOf(() => loadScenario(baselineWith(["duration"], Number.POSITIVE_INFINITY)));
      expect(error.path).toEqual(["duration"]);
      expect(error.message).toMatch(/^duration: expected .*got Infinity$/);
    });

    it("shortens a long offending value in the message", () => {
      expectReplaced(
        ["site", "code"],
        "x".repeat(100),
        ["site", "code"],
        `site.code: expected 3 letters or digits, got "${"x".repeat(57)}..."`,
      );
    });

    it("names an unknown enrollment pattern and the known ones", () => {
      expectReplaced(
        ["devices", 0, "enrollment"],
        { pattern: "wave" },
        ["devices", 0, "enrollment", "pattern"],
        'devices[0].enrollment.pattern: expected pattern "uniform", "even", "burst" or "poisson", got "wave"',
      );
    });

    it("reports a poisson rate that is not positive", () => {
      expectReplaced(
        ["devices", 0, "enrollment"],
        { pattern: "poisson", ratePerMinute: 0 },
        ["devices", 0, "enrollment", "ratePerMinute"],
        "devices[0].enrollment.ratePerMinute: expected a number > 0, got 0",
      );
    });

    it("reports an outage that ends before it starts", () => {
      expectReplaced(
        ["site", "servers", 0, "outages"],
        [{ from: "10m", to: "5m" }],
        ["site", "servers", 0, "outages", 0],
        "site.servers[0].outages[0]: expected `to` after `from`",
      );
      expectReplaced(
        ["site", "replicas", 0, "outages"],
        [{ from: "10m", to: "10m" }],
        ["site", "replicas", 0, "outages", 0],
        "site.replicas[0].outages[0]: expected `to` after `from`",
      );
    });
  });

  describe("cross-field rules", () => {
    it.each<[string, Segment[], Data]>([
      ["server", ["site", "servers"], { name: "cm01.corp.contoso.com", roles: { enrollmentPoint: {} } }],
      ["replica", ["site", "replicas"], { name: "replica1" }],
      ["boundary", ["site", "boundaries"], { name: "HQ", type: "adSite", value: "x" }],
      ["boundary group", ["site", "boundaryGroups"], { name: "HQ" }],
      ["device group", ["devices"], { name: "hq-windows", platform: "macos", count: 1 }],
    ])("rejects a duplicate %s name at the second one", (what, list, element) => {
      const data = baselineData();
      pushAt(data, list, element);
      const name = element.name as string;
      expectScenarioError(
        () => loadScenario(data),
        [...list, 1, "name"],
        `${[...list].join(".")}[1].name: duplicate ${what} name ${JSON.stringify(name)}`,
      );
    });

    it("rejects a management point database that names no replica, listing the choices", () => {
      expectReplaced(
        ["site", "servers", 0, "roles", "managementPoint", "database"],
        "replica2",
        ["site", "servers", 0, "roles", "managementPoint", "database"],
        'site.servers[0].roles.managementPoint.database: expected "site" or a replica name ("replica1"), got "replica2" (did you mean "replica1"?)',
      );
    });

    it("rejects a boundary group naming an unknown boundary", () => {
      expectReplaced(
        ["site", "boundaryGroups", 0, "boundaries"],
        ["HQ", "Branch"],
        ["site", "boundaryGroups", 0, "boundaries", 1],
        'site.boundaryGroups[0].boundaries[1]: expected the name of a boundary, got "Branch"',
      );
    });

    it("rejects a boundary group naming an unknown server", () => {
      expectReplaced(
        ["site", "boundaryGroups", 0, "servers"],
        ["cm02.corp.contoso.com"],
        ["site", "boundaryGroups", 0, "servers", 0],
        'site.boundaryGroups[0].servers[0]: expected the name of a server, got "cm02.corp.contoso.com" (did you mean "cm01.corp.contoso.com"?)',
      );
    });

    it("rejects a managementPoint pin naming no server", () => {
      expectReplaced(
        ["devices", 0, "managementPoint"],
        "cm02",
        ["devices", 0, "managementPoint"],
        'devices[0].managementPoint: expected the name of a server with a management point, got "cm02"',
      );
    });

    it("rejects a managementPoint pin naming a server without an MP role", () => {
      const data = baselineWith(["devices", 0, "managementPoint"], "dp02.corp.contoso.com");
      pushAt(data, ["site", "servers"], {
        name: "dp02.corp.contoso.com",
        roles: { distributionPoint: { https: true } },
      });
      expectScenarioError(
        () => loadScenario(data),
        ["devices", 0, "managementPoint"],
        'devices[0].managementPoint: expected the name of a server with a management point, got "dp02.corp.contoso.com"',
      );
    });

    it("requires addresses on intranet Windows groups", () => {
      expectScenarioError(
        () => loadScenario(baselineWithout(["devices", 0, "addresses"])),
        ["devices", 0, "addresses"],
        "devices[0].addresses: expected an IPv4 range: intranet Windows groups need `addresses`",
      );
    });

    it("requires addresses on Windows groups that default to intranet", () => {
      const data = baselineWithout(["devices", 0, "addresses"]);
      delete (data.devices as Data[])[0]!.location;
      expectScenarioError(
        () => loadScenario(data),
        ["devices", 0, "addresses"],
        "devices[0].addresses: expected an IPv4 range: intranet Windows groups need `addresses`",
      );
    });

    it("requires until on every polling entry but the last", () => {
      expectReplaced(
        ["devices", 0, "polling"],
        [{ every: "3m" }, { every: "1h" }],
        ["devices", 0, "polling", 0],
        "devices[0].polling[0]: expected `until` on every polling entry but the last",
      );
    });

    it("rejects until on the last polling entry", () => {
      expectReplaced(
        ["devices", 0, "polling"],
        [
          { every: "3m", until: "15m" },
          { every: "1h", until: "2h" },
        ],
        ["devices", 0, "polling", 1, "until"],
        "devices[0].polling[1].until: expected no `until` on the last polling entry",
      );
      expectReplaced(
        ["devices", 0, "polling"],
        [{ every: "1h", until: "2h" }],
        ["devices", 0, "polling", 0, "until"],
        "devices[0].polling[0].until: expected no `until` on the last polling entry",
      );
    });

    it("rejects an until equal to the previous one", () => {
      expectReplaced(
        ["devices", 0, "polling"],
        [{ every: "3m", until: "15m" }, { every: "5m", until: "15m" }, { every: "1h" }],
        ["devices", 0, "polling", 1, "until"],
        "devices[0].polling[1].until: expected `until` greater than 900s (strictly increasing), got 900s",
      );
    });

    it("rejects an until smaller than the previous one", () => {
      expectReplaced(
        ["devices", 0, "polling"],
        [{ every: "1m", until: "30m" }, { every: "3m", until: "15m" }, { every: "1h" }],
        ["devices", 0, "polling", 1, "until"],
        "devices[0].polling[1].until: expected `until` greater than 1800s (strictly increasing), got 900s",
      );
    });

    it("rejects a syncOffset equal to the syncInterval", () => {
      expectReplaced(
        ["site", "replicas", 0, "syncOffset"],
        "5m",
        ["site", "replicas", 0, "syncOffset"],
        "site.replicas[0].syncOffset: expected syncOffset < syncInterval",
      );
    });

    it("compares syncOffset with the default syncInterval of 5m", () => {
      const data = baselineWith(["site", "replicas", 0], { name: "replica1", syncOffset: "6m" });
      expectScenarioError(
        () => loadScenario(data),
        ["site", "replicas", 0, "syncOffset"],
        "site.replicas[0].syncOffset: expected syncOffset < syncInterval",
      );
    });

    it("reports broken references in the same pass as malformed fields, in file order", () => {
      const data = baselineWith(["devices", 0, "managementPoint"], "nowhere");
      setAt(data, ["devices", 0, "count"], 0);
      expect(scenarioErrorOf(() => loadScenario(data)).message.split("\n")).toEqual([
        "devices[0].count: expected an integer >= 1, got 0",
        '  devices[0].managementPoint: expected the name of a server with a management point, got "nowhere"',
      ]);
    });

    it("reports every broken reference, counting the rest", () => {
      const data = baselineWith(["devices", 0, "managementPoint"], "nowhere");
      setAt(data, ["site", "boundaryGroups", 0, "servers"], ["nowhere"]);
      const error = scenarioErrorOf(() => loadScenario(data));
      expect(error.message).toBe(
        [
          'site.boundaryGroups[0].servers[0]: expected the name of a server, got "nowhere"',
          '  devices[0].managementPoint: expected the name of a server with a management point, got "nowhere"',
        ].join("\n"),
      );
    });
  });

  describe("YAML surprises", () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it("reads an unquoted YAML duration and range as strings", () => {
      const s = loadScenario(BASELINE_YAML);
      expect(s.duration).toBe(10_800);
      expect(s.devices[0]!.addresses).toBe("10.1.2.1-10.1.5.254");
    });

    it("reports an unknown YAML tag as part of the one error, without writing a process warning", () => {
      const emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
      scenarioErrorOf(() => loadScenario("name: !custom baseline\n"));
      expect(emitWarning).not.toHaveBeenCalled();
    });
  });

  it("loads a minimal scenario with only the required fields", () => {
    expect(loadScenario(minimalData()).devices[0]).toMatchObject({ name: "g", platform: "macos", count: 1 });
  });

  it("throws only ScenarioError for the documented mistakes", () => {
    expect(() => loadScenario(baselineWith(["duration"], "soon"))).toThrow(ScenarioError);
  });
});

describe("a file with many problems", () => {
  it("finds which cross-field problems a field problem covers by lookup: 20,000 of each in bounded time", () => {
    // Every group named alike (a cross-field problem each) with a bad count (a field problem each): each
    // cross-field problem was compared with every field problem.
    const devices = Array.from({ length: 20_000 }, () => ({ name: "d", platform: "windows", count: -1 }));
    const started = performance.now();
    let error: unknown;
    try {
      loadScenario({
        name: "many",
        duration: "1h",
        site: { servers: [{ name: "cm01.corp.contoso.com" }] },
        devices,
      });
    } catch (e) {
      error = e;
    }
    // 1.3 s here, 7.9 s before.
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(error).toBeInstanceOf(ScenarioError);
  });
});
