import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/jsonSchema.js";
import { loadScenario } from "../../src/scenario/load.js";
import {
  baselineData,
  baselineWith,
  baselineWithout,
  SPEC_EXAMPLE_TEXT,
  type Data,
  type Segment,
} from "./helpers.js";

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// A real validator (ajv, draft 2020-12, strict: an unknown keyword in the schema fails loudly).
const ajv = new Ajv2020({ strict: true, allErrors: true });
const compiled = new Map<Schema, ValidateFunction>();

/**
 * Validates a value with ajv.
 * @returns the violations as `$.path: what`; empty when the value is valid
 */
function validate(schema: Schema, value: unknown): string[] {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = ajv.compile(schema);
    compiled.set(schema, check);
  }
  if (check(value)) return [];
  return (check.errors ?? []).map((e) => {
    const at = e.instancePath
      .split("/")
      .slice(1)
      .map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`))
      .join("");
    return `$${at}: ${e.keyword === "enum" ? "not in enum" : (e.message ?? e.keyword)}`;
  });
}

/** The sub-schema that describes the value at `path` (arrays step through `items`). */
function schemaAt(schema: Schema, path: readonly Segment[]): Schema {
  let node: unknown = schema;
  for (const segment of path) {
    const current = node as Schema;
    node =
      typeof segment === "number" ? current.items : (current.properties as Schema | undefined)?.[segment];
  }
  if (!isObject(node)) throw new Error(`no schema at ${path.join(".")}`);
  return node;
}

describe("scenarioJsonSchema", () => {
  const schema = scenarioJsonSchema();

  it("declares JSON Schema draft 2020-12", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("has a title and a description", () => {
    expect(schema.title).toBe("mdmsim scenario");
    expect(schema.description).toEqual(expect.any(String));
  });

  it("describes an object with properties name, duration, site and devices", () => {
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties as Schema)).toEqual(
      expect.arrayContaining(["name", "duration", "site", "devices"]),
    );
  });

  it("lists every top-level field of scenario.md and nothing else but $schema", () => {
    expect(Object.keys(schema.properties as Schema).sort()).toEqual(
      [
        "$schema",
        "deployments",
        "description",
        "devices",
        "duration",
        "expectations",
        "mpRefresh",
        "name",
        "seed",
        "site",
        "start",
      ].sort(),
    );
  });

  it("requires exactly name, duration, site and devices at the top level", () => {
    expect([...(schema.required as string[])].sort()).toEqual(["devices", "duration", "name", "site"]);
  });

  it("forbids unknown fields in every object it describes", () => {
    const open: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          visit(n, `${at}/${i}`);
        });
      }
      if (!isObject(node)) return;
      if (node.type === "object" && node.additionalProperties !== false) open.push(at);
      for (const [key, child] of Object.entries(node)) {
        if (key === "properties" && isObject(child)) {
          for (const [name, sub] of Object.entries(child)) visit(sub, `${at}/properties/${name}`);
        } else if (key !== "enum" && key !== "const" && key !== "default") visit(child, `${at}/${key}`);
      }
    };
    visit(schema, "#");
    expect(open).toEqual([]);
  });

  it("lists the fields of scenario.md's tables for site, servers, roles and device groups", () => {
    const keys = (path: Segment[]) => Object.keys(schemaAt(schema, path).properties as Schema).sort();
    expect(keys(["site"])).toEqual([
      "boundaries",
      "boundaryGroups",
      "code",
      "database",
      "defaultBoundaryGroup",
      "replicas",
      "servers",
      "type",
    ]);
    expect(keys(["site", "replicas", 0])).toEqual([
      "applyDelay",
      "capacity",
      "name",
      "outages",
      "serverOutages",
      "syncCost",
      "syncInterval",
      "syncOffset",
    ]);
    expect(keys(["site", "database"])).toEqual(["capacity", "outages"]);
    expect(keys(["site", "servers", 0])).toEqual(["certificate", "internetFqdn", "name", "outages", "roles"]);
    expect(keys(["site", "servers", 0, "roles"])).toEqual([
      "distributionPoint",
      "enrollmentPoint",
      "enrollmentProxyPoint",
      "managementPoint",
    ]);
    expect(keys(["site", "boundaries", 0])).toEqual(["name", "type", "value"]);
    expect(keys(["site", "boundaryGroups", 0])).toEqual(["boundaries", "name", "servers"]);
    expect(keys(["devices", 0])).toEqual([
      "addresses",
      "connectionRetries",
      "content",
      "count",
      "enrollment",
      "firstPollDelay",
      "jitter",
      "location",
      "managementPoint",
      "mpRefresh",
      "name",
      "platform",
      "polling",
      "registration",
      "requestTimeout",
      "trustedRoots",
      "userDeployments",
    ]);
  });

  it("lists the documented choices of every enumeration", () => {
    const choices = (path: Segment[]) => schemaAt(schema, path).enum;
    expect(choices(["site", "type"])).toEqual(["primary", "secondary"]);
    expect(choices(["site", "boundaries", 0, "type"])).toEqual([
      "ipv4Range",
      "ipSubnet",
      "adSite",
      "ipv6Prefix",
      "vpn",
    ]);
    expect(choices(["site", "servers", 0, "roles", "managementPoint", "connections"])).toEqual([
      "intranet",
      "internet",
      "intranetAndInternet",
    ]);
    expect(choices(["devices", 0, "platform"])).toEqual(["windows", "macos", "configmgr-client"]);
    expect(choices(["devices", 0, "location"])).toEqual(["intranet", "internet"]);
    expect(choices(["devices", 0, "connectionRetries", "on"])).toEqual(["connection", "any"]);
  });

  it("shows the documented defaults that are the same for every platform", () => {
    const defaultAt = (path: Segment[]) => schemaAt(schema, path).default;
    expect(defaultAt(["description"])).toBe("");
    expect(defaultAt(["seed"])).toBe(1);
    expect(defaultAt(["start"])).toBe("2026-01-01T00:00:00Z");
    expect(defaultAt(["expectations"])).toEqual([]);
    expect(defaultAt(["site", "code"])).toBe("PS1");
    expect(defaultAt(["site", "type"])).toBe("primary");
    expect(defaultAt(["site", "servers", 0, "roles", "managementPoint", "database"])).toBe("site");
    expect(defaultAt(["site", "servers", 0, "roles", "managementPoint", "allowMobileDevicesAndMacs"])).toBe(
      false,
    );
    expect(defaultAt(["site", "servers", 0, "roles", "distributionPoint", "allowMobileDevices"])).toBe(false);
    expect(defaultAt(["site", "servers", 0, "roles", "enrollmentPoint", "https"])).toBe(true);
    expect(defaultAt(["devices", 0, "location"])).toBe("intranet");
    expect(defaultAt(["devices", 0, "content"])).toBe(false);
  });

  it("describes durations as a number of seconds or a duration string", () => {
    const duration = schemaAt(schema, ["duration"]);
    expect(validate(duration, 5400)).toEqual([]);
    for (const text of ["250ms", "30s", "5m", "2h", "1d", "2h15m"])
      expect(validate(duration, text)).toEqual([]);
    expect(validate(duration, "soon")).not.toEqual([]);
    expect(validate(duration, "5")).not.toEqual([]);
    expect(validate(duration, true)).not.toEqual([]);
  });

  it("is plain JSON (it survives JSON.stringify unchanged)", () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it("is the same every time", () => {
    expect(scenarioJsonSchema()).toEqual(schema);
  });

  describe("validating scenarios", () => {
    it("accepts the bundled baseline", () => {
      expect(validate(schema, baselineData())).toEqual([]);
    });

    it("accepts the example of scenario.md", () => {
      expect(validate(schema, JSON.parse(SPEC_EXAMPLE_TEXT))).toEqual([]);
    });

    it("accepts every enrollment pattern", () => {
      for (const enrollment of [
        { pattern: "uniform", from: "0s", to: "1h" },
        { pattern: "even", from: "0s", to: "1h" },
        { pattern: "burst", at: "10m" },
        { pattern: "poisson", from: "0s", ratePerMinute: 3 },
      ]) {
        expect(validate(schema, baselineWith(["devices", 0, "enrollment"], enrollment))).toEqual([]);
      }
    });

    it("accepts a null certificate", () => {
      expect(validate(schema, baselineWith(["site", "servers", 0, "certificate"], null))).toEqual([]);
    });

    it.each<[string, Data]>([
      ["an unknown top-level field", baselineWith(["bogus"], 1)],
      ["an unknown device field", baselineWith(["devices", 0, "bogus"], 1)],
      ["a missing name", baselineWithout(["name"])],
      ["a missing duration", baselineWithout(["duration"])],
      [
        "a missing management point https",
        baselineWithout(["site", "servers", 0, "roles", "managementPoint", "https"]),
      ],
      ["a bad platform", baselineWith(["devices", 0, "platform"], "linux")],
      ["a bad duration string", baselineWith(["devices", 0, "enrollment", "to"], "soon")],
      ["a count below 1", baselineWith(["devices", 0, "count"], 0)],
      ["a fractional count", baselineWith(["devices", 0, "count"], 1.5)],
      ["a negative seed", baselineWith(["seed"], -1)],
      ["an empty device list", baselineWith(["devices"], [])],
      ["an empty server list", baselineWith(["site", "servers"], [])],
      ["a four-letter site code", baselineWith(["site", "code"], "PS12")],
      ["an unknown enrollment pattern", baselineWith(["devices", 0, "enrollment"], { pattern: "wave" })],
      [
        "a poisson pattern without its rate",
        baselineWith(["devices", 0, "enrollment"], { pattern: "poisson" }),
      ],
      ["a bad crl", baselineWith(["site", "servers", 0, "certificate", "crl"], "ftp")],
    ])("rejects %s, as loadScenario does", (_what, data) => {
      expect(validate(schema, data)).not.toEqual([]);
      expect(() => loadScenario(data)).toThrow();
    });

    it("accepts every scenario that loadScenario accepts among random edits of the baseline", () => {
      const edit = (path: Segment[], value: fc.Arbitrary<unknown>) =>
        value.map((v): [Segment[], unknown] => [path, v]);
      const edits = fc.oneof(
        edit(
          ["devices", 0, "count"],
          fc.oneof(fc.integer({ min: -2, max: 100_000 }), fc.double(), fc.string()),
        ),
        edit(
          ["duration"],
          fc.oneof(fc.constantFrom("1h", "2h15m", "0s", "soon", "5"), fc.integer({ min: -5, max: 10_000 })),
        ),
        edit(["site", "code"], fc.string({ maxLength: 4 })),
        edit(["devices", 0, "location"], fc.constantFrom("intranet", "internet", "cloud")),
        edit(["seed"], fc.oneof(fc.integer({ min: -3, max: 1_000_000 }), fc.double())),
        edit(
          ["devices", 0, "jitter"],
          fc.oneof(fc.constantFrom("250ms", "1m", "-1s"), fc.double({ min: 0, max: 100, noNaN: true })),
        ),
        edit(["devices", 0, "bogus"], fc.jsonValue()),
      );
      fc.assert(
        fc.property(edits, ([path, value]) => {
          const data = baselineWith(path, value);
          let loads = true;
          try {
            loadScenario(data);
          } catch {
            loads = false;
          }
          if (loads) expect(validate(schema, data)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });

    it("points its violations at the offending place", () => {
      expect(validate(schema, baselineWith(["devices", 0, "platform"], "linux"))).toEqual([
        "$.devices[0].platform: not in enum",
      ]);
    });
  });
});

describe("scenarioJsonSchema agrees with the loader", () => {
  it("does not require an enrollment pattern (the loader defaults it to uniform)", () => {
    const found: unknown[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === "object") {
        const record = node as { properties?: { pattern?: { const?: unknown } }; required?: unknown };
        if (record.properties?.pattern?.const === "uniform") found.push(record.required);
        Object.values(node).forEach(walk);
      }
    };
    walk(scenarioJsonSchema());
    expect(found.length).toBeGreaterThan(0);
    for (const required of found) expect(required ?? []).not.toContain("pattern");
  });

  it("gives numeric durations a minimum of 0", () => {
    const text = JSON.stringify(scenarioJsonSchema());
    expect(text).toContain('"minimum":0');
  });

  it("takes a group's polling as a poll profile's name or a list of phases, as the loader does", () => {
    const schema = scenarioJsonSchema();
    const polling = (value: unknown) => baselineWith(["devices", 0, "polling"], value);
    for (const value of [
      "configmgr-assumed",
      "intune-estimate",
      "dmclient-default",
      "configmgr-client",
      [{ every: "2m", until: "15m" }, { every: "1h" }],
    ]) {
      expect(validate(schema, polling(value))).toEqual([]);
      expect(() => loadScenario(polling(value))).not.toThrow();
    }
    for (const value of ["intune", "", 3600, [], [{ evry: "3m" }]]) {
      expect(validate(schema, polling(value)).length).toBeGreaterThan(0);
      expect(() => loadScenario(polling(value))).toThrow();
    }
    // Each name is described in the schema (editors show it), with its source.
    const branches = (schemaAt(schema, ["devices", 0, "polling"]).anyOf ?? []) as Schema[];
    expect(branches.map((b) => b.const).filter((c) => c !== undefined)).toEqual([
      "configmgr-assumed",
      "intune-estimate",
      "dmclient-default",
      "configmgr-client",
    ]);
    expect(branches[0]?.description).toMatch(/An assumption, not Windows' own default.*Source: /);
  });
});
