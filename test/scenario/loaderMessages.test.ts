// Messages that find the mistake: misspelt fields named with the nearest known one, JSON with comments,
// repeated keys, dates that do not exist, UTF-16 files.
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenarioText } from "../../src/scenario/load.js";
import { isIsoInstant } from "../../src/scenario/primitives.js";
import {
  BASELINE_TEXT,
  baselineData,
  baselineWith,
  expectScenarioError,
  scenarioErrorOf,
  type Data,
} from "./helpers.js";

describe("an unknown field", () => {
  it("is named with the nearest known field, and the field it was meant to be is not also reported missing", () => {
    const data = baselineData();
    data.devcies = data.devices;
    delete data.devices;
    const error = scenarioErrorOf(() => loadScenario(data));
    expect(error.message).toBe('unknown field "devcies" (did you mean "devices"?)');
    expect(error.problems).toHaveLength(1);
  });

  it("is named with the nearest field of its own object, deep inside", () => {
    expectScenarioError(
      () => loadScenario(baselineWith(["devices", 0, "enrollment", "retryafter"], "5m")),
      ["devices", 0, "enrollment"],
      'devices[0].enrollment: unknown field "retryafter" (did you mean "retryAfter"?)',
    );
    expectScenarioError(
      () => loadScenario(baselineWith(["site", "servers", 0, "roles", "managementPoint", "databse"], "site")),
      ["site", "servers", 0, "roles", "managementPoint"],
      'site.servers[0].roles.managementPoint: unknown field "databse" (did you mean "database"?)',
    );
  });

  it("finds the fields of the enrollment pattern the block names", () => {
    expectScenarioError(
      () => loadScenario(baselineWith(["devices", 0, "enrollment"], { pattern: "poisson", ratePerMinut: 2 })),
      ["devices", 0, "enrollment"],
      'devices[0].enrollment: unknown field "ratePerMinut" (did you mean "ratePerMinute"?)',
    );
  });

  it("suggests nothing when no field is near", () => {
    expectScenarioError(() => loadScenario(baselineWith(["zzzzzz"], 1)), [], 'unknown field "zzzzzz"');
  });
});

describe("JSON text", () => {
  it("accepts // and /* */ comments, also before the first brace", () => {
    const text = `// a site with comments\n/* block */ ${BASELINE_TEXT.replace('"name"', '// the name\n  "name"')}`;
    expect(parseScenarioText(text)).toEqual(JSON.parse(BASELINE_TEXT));
    expect(loadScenario(text).name).toBe("baseline");
  });

  it("keeps // inside strings", () => {
    expect(parseScenarioText('{ "a": "http://x" // c\n}', "json")).toEqual({ a: "http://x" });
  });

  it("refuses a key repeated in one object, with its place", () => {
    expect(() => parseScenarioText('{\n  "name": "a",\n  "name": "b"\n}')).toThrow(
      'not valid JSON at line 3, column 3: the key "name" appears twice in one object',
    );
  });

  it("accepts the same key in different objects", () => {
    expect(parseScenarioText('{ "a": { "x": 1 }, "b": { "x": 2 } }')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it("accepts trailing commas, as editors do in .json settings files, and still refuses an empty element", () => {
    expect(parseScenarioText('{ "a": [1,], }')).toEqual({ a: [1] });
    expect(() => parseScenarioText('{ "a": 1,, }')).toThrow(/^not valid JSON at line 1, column 10/);
  });

  it("keeps a __proto__ key an own field, which the loader refuses as unknown", () => {
    const data = parseScenarioText('{ "__proto__": { "polluted": 1 } }') as Data;
    expect(Object.hasOwn(data, "__proto__")).toBe(true);
    expect(({} as Data).polluted).toBeUndefined();
  });
});

describe("UTF-16 files", () => {
  it("are named as such, with or without a byte order mark", () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASELINE_TEXT, "utf16le")]);
    expect(() => parseScenarioText(utf16le.toString("utf8"))).toThrow("the file is UTF-16: save it as UTF-8");
    const noBom = Buffer.from(BASELINE_TEXT, "utf16le").toString("utf8");
    expect(() => parseScenarioText(noBom)).toThrow("the file is UTF-16: save it as UTF-8");
  });
});

describe("instants", () => {
  it.each([
    "2026-02-30T00:00:00Z",
    "2025-02-29T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-01-01T00:60:00Z",
    "2026-01-00T00:00:00Z",
    "2026-01-01T00:00:00+24:00",
  ])("refuses %s, which names no instant (not rolled over to the next month)", (start) => {
    expectScenarioError(
      () => loadScenario(baselineWith(["start"], start)),
      ["start"],
      `start: expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got ${JSON.stringify(start)}`,
    );
  });

  it.each([
    "2024-02-29T00:00:00Z",
    "2026-12-31T23:59:59.999Z",
    "2026-01-05T08:00+01:00",
    "2026-06-30T00:00:00-05:30",
  ])("accepts %s", (text) => {
    expect(isIsoInstant(text)).toBe(true);
  });
});
