// The JSON Schema and the loader agree, checked with a real validator (ajv): every bundled scenario and
// every loader output is valid; every broken file the loader refuses is refused by the schema too, unless
// its rule is one the schema's description lists as the loader's alone.
import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOADER_ONLY_CHECKS, scenarioJsonSchema } from "../../src/scenario/jsonSchema.js";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";
import { baselineData, baselineWith, pushAt, type Data, type Segment } from "./helpers.js";

const schema = scenarioJsonSchema();
const valid = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
const folder = new URL("../../scenarios/", import.meta.url);

function duplicateGroup(): Data {
  const data = baselineData();
  pushAt(data, ["devices"], (data.devices as Data[])[0]);
  return data;
}

function loads(data: unknown): boolean {
  try {
    loadScenario(data);
    return true;
  } catch {
    return false;
  }
}

describe("the JSON Schema, validated by ajv", () => {
  const files = readdirSync(folder).filter((f) => /\.(json|ya?ml)$/.test(f));

  it.each(files)("accepts the bundled %s and the loader's output of it", (file) => {
    const data = parseScenarioText(readFileSync(new URL(file, folder), "utf8"));
    expect(valid(data), JSON.stringify(valid.errors)).toBe(true);
    // A loaded scenario is itself a valid file (durations in seconds, defaults filled in).
    expect(valid(JSON.parse(JSON.stringify(loadScenario(data)))), JSON.stringify(valid.errors)).toBe(true);
  });

  it("accepts every generated scenario and its loaded form", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ misconfigurations: true }), (raw) => {
        expect(valid(raw), JSON.stringify(valid.errors)).toBe(true);
        expect(valid(JSON.parse(JSON.stringify(loadScenario(raw))))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  const edit = (path: Segment[], value: unknown): Data => baselineWith(path, value);
  const mp = ["site", "servers", 0, "roles", "managementPoint"];

  // Files the loader refuses and JSON Schema can refuse too.
  it.each<[string, Data]>([
    ["a zero duration", edit(["duration"], "0s")],
    ["a zero number of seconds", edit(["duration"], 0)],
    ["a zero sync interval", edit(["site", "replicas", 0, "syncInterval"], "0m")],
    ["a zero polling interval", edit(["devices", 0, "polling"], [{ every: 0 }])],
    ["a negative duration", edit(["devices", 0, "jitter"], -1)],
    ["a date without a time", edit(["start"], "2026-01-01")],
    ["a date without a zone", edit(["start"], "2026-01-01T00:00:00")],
    ["month 13", edit(["start"], "2026-13-01T00:00:00Z")],
    ["hour 24", edit(["start"], "2026-01-01T24:00:00Z")],
    ["a certificate date in words", edit(["site", "servers", 0, "certificate", "notAfter"], "next year")],
    ["no roles", edit(["site", "servers", 0, "roles"], {})],
    ["addresses that are not a range", edit(["devices", 0, "addresses"], "10.1.0")],
    ["addresses with an octet over 255", edit(["devices", 0, "addresses"], "10.1.0.1-10.1.0.256")],
    ["addresses with a prefix over 32", edit(["devices", 0, "addresses"], "10.1.0.0/33")],
    ["an ipv4Range boundary with a name for a value", edit(["site", "boundaries", 0, "value"], "HQ")],
    ["an expectation without an operator", edit(["expectations"], ["devices.neverConnected"])],
    ["an expectation with a word for a value", edit(["expectations"], ["devices.neverConnected == none"])],
    ["an expectation with =", edit(["expectations"], ["devices.neverConnected = 0"])],
    ["a site code of 4 letters", edit(["site", "code"], "PS12")],
    ["a misspelt field", edit(["devcies"], [])],
    ["a count of 0", edit(["devices", 0, "count"], 0)],
    ["a null management point", edit(mp, null)],
  ])("refuses %s, as the loader does", (_what, data) => {
    expect(loads(data)).toBe(false);
    expect(valid(data)).toBe(false);
  });

  // Files the loader accepts: the schema must too, including the edge values of each pattern.
  it.each<[string, Data]>([
    ["a CIDR /0", edit(["devices", 0, "addresses"], "0.0.0.0/0")],
    ["a single-address range", edit(["devices", 0, "addresses"], "10.1.0.1-10.1.0.1")],
    ["spaces around the dash", edit(["devices", 0, "addresses"], "10.1.0.1 - 10.1.0.9")],
    [
      "an adSite boundary with a name for a value",
      edit(["site", "boundaries", 0], { name: "HQ", type: "adSite", value: "HQ" }),
    ],
    ["a fractional duration", edit(["devices", 0, "jitter"], "1.5s")],
    ["a duration of 0 where 0 is allowed", edit(["devices", 0, "jitter"], "0s")],
    ["an instant with an offset", edit(["start"], "2026-01-05T08:00+01:00")],
    ["an expectation on a duration", edit(["expectations"], ["timeToFirstSuccessSeconds.p99 <= 6m"])],
    ["an expectation with an exponent", edit(["expectations"], ["attempts.failed < 1e3"])],
    ["a negative expectation value", edit(["expectations"], ["devices.connected > -1"])],
    ["an enrollment without a pattern", edit(["devices", 0, "enrollment"], { delay: "1m" })],
    ["a null certificate", edit(["site", "servers", 0, "certificate"], null)],
  ])("accepts %s, as the loader does", (_what, data) => {
    expect(loads(data)).toBe(true);
    expect(valid(data), JSON.stringify(valid.errors)).toBe(true);
  });

  // Files only the loader refuses: each rule is one the schema's description lists.
  it.each<[string, Data, string]>([
    ["30 February", edit(["start"], "2026-02-30T00:00:00Z"), "no 30 February"],
    ["a backwards range", edit(["devices", 0, "addresses"], "10.1.0.9-10.1.0.1"), "runs backwards"],
    [
      "an outage that ends before it starts",
      edit(["site", "servers", 0, "outages"], [{ from: "2h", to: "1h" }]),
      "`to` is after its `from`",
    ],
    ["a sync offset past the interval", edit(["site", "replicas", 0, "syncOffset"], "6m"), "syncOffset"],
    ["a duplicate group name", duplicateGroup(), "names are unique"],
    ["a database that names no replica", edit([...mp, "database"], "replica9"), "`database`"],
    [
      "an expectation whose number is infinite",
      edit(["expectations"], ["devices.connected < 1e999"]),
      "finite",
    ],
  ])("refuses %s in the loader only, and the description says so", (_what, data, words) => {
    expect(loads(data)).toBe(false);
    expect(valid(data)).toBe(true);
    expect(schema.description).toContain(words);
  });

  it("lists every loader-only rule in its description", () => {
    for (const rule of LOADER_ONLY_CHECKS) expect(schema.description).toContain(rule);
  });
});
