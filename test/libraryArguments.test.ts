// Every public function and class on bad arguments: a UsageError naming the function and the argument (a
// ScenarioError for a scenario that is not one), never a TypeError, a RangeError or a silent undefined.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../src/errors.js";
import * as mdmsim from "../src/index.js";
import { declarationOf } from "../src/libraryArguments.js";
import * as testing from "../src/testing/index.js";
import { shardFiles } from "./helpers/data.js";
import { singleServer } from "./helpers/scenarios.js";
import { usageError } from "./helpers/usageError.js";

// A small site: every call below is milliseconds.
const scenario = singleServer({ duration: "1h", group: { count: 3 } });
// The same site as a file would hold it (its loaded form, as JSON: durations in seconds).
const written = JSON.parse(JSON.stringify(scenario)) as unknown;
const result = mdmsim.simulate(scenario, { perDevice: true, trace: "w-1" });
const side = { scenario: "s", file: "s.json", with: {} };
const shards = shardFiles(scenario, { vary: ["devices.0.count=2,3"], runs: 2 }, 2);

/** A valid call of each public function and class, by name: what the property spoils one piece of. */
const VALID: Readonly<Record<string, readonly unknown[]>> = {
  loadScenario: [written],
  parseScenarioText: [JSON.stringify(written), "json"],
  applyOverrides: [scenario, ["devices.0.count=2"], undefined],
  parseOverride: ["devices.0.count=2", "--set"],
  scenarioJsonSchema: [],
  parseDuration: ["2h15m"],
  formatDuration: [75],
  expectedVisibilityDelay: [{ syncInterval: 300, applyDelay: 10 }],
  parseExpectation: ["devices.enrolled == 3"],
  evaluateExpectations: [result, [mdmsim.parseExpectation("devices.enrolled == 3")]],
  replicaClosedForm: [scenario.devices[0], { syncInterval: 300, applyDelay: 0 }],
  parseVary: ["devices.0.count=1,2"],
  studentTQuantile: [0.975, 5],
  simulate: [scenario, { seed: 2, perDevice: true, expectations: ["devices.enrolled >= 0"] }],
  checkScenario: [scenario],
  reachability: [scenario, 60],
  runSweep: [
    scenario,
    {
      vary: ["devices.0.count=2,3"],
      runs: 2,
      study: { source: "s.json", study: { axes: [{ path: "duration", values: ["1h", "2h"] }], skip: [] } },
    },
  ],
  runCompare: [scenario, written, { a: side, b: side }, { runs: 2 }],
  mergeShards: [shards],
  renderRunTable: [result, { columns: 100, color: false }],
  ScenarioError: ["bad", ["devices", 0], "a.json", [{ path: [], detail: "worse" }]],
  UsageError: ["bad", { argument: "runs", value: "x", function: "f" }],
  scenarioArbitrary: [{ maxGroups: 2, platforms: ["windows"] }],
  successAfterVisibility: [result],
  visibilityWithinSyncWindow: [scenario, result],
  firstPollAfterVisibilitySucceeds: [scenario, result],
  noMacOnReplicaDmp: [scenario, result],
};

/** What may be thrown besides a UsageError: a ScenarioError, by the functions that take a scenario. */
const TAKES_SCENARIO = new Set([
  "loadScenario",
  "parseScenarioText",
  "applyOverrides",
  "simulate",
  "checkScenario",
  "reachability",
  "runSweep",
  "runCompare",
  "visibilityWithinSyncWindow",
  "firstPollAfterVisibilitySucceeds",
  "noMacOnReplicaDmp",
]);

/** The exported values that are data, not functions. */
const DATA = ["DEFAULT_METRICS", "DEFAULT_RUNS", "REASONS", "RUN_LIMITS"];

const exported = (module: object): [string, unknown][] =>
  Object.entries(module).filter(([name]) => !DATA.includes(name));
const PUBLIC = new Map<string, unknown>([...exported(mdmsim), ...exported(testing)]);
const isClass = (name: string): boolean => name === "ScenarioError" || name === "UsageError";

/** Calls a public function or constructs a public class with `args`. */
function call(name: string, args: readonly unknown[]): unknown {
  const target = PUBLIC.get(name) as (...a: unknown[]) => unknown;
  if (isClass(name)) return new (target as unknown as new (...a: unknown[]) => unknown)(...args);
  return target(...args);
}

/** What a call did: returned, or which error it threw. */
function outcome(name: string, args: readonly unknown[]): "returned" | "UsageError" | "ScenarioError" {
  try {
    call(name, args);
    return "returned";
  } catch (error) {
    if (error instanceof UsageError) return "UsageError";
    if (error instanceof ScenarioError && TAKES_SCENARIO.has(name)) return "ScenarioError";
    throw error;
  }
}

describe("the public surface is declared", () => {
  it("every exported function and class has its arguments' declaration, and a valid call here", () => {
    for (const [name, value] of PUBLIC) {
      expect(typeof value, name).toBe("function");
      const declaration = declarationOf(value);
      expect(declaration, `${name} has no declaration of its arguments`).toBeDefined();
      expect(declaration?.name).toBe(name);
      expect(Object.hasOwn(VALID, name), `${name} has no valid call in this test`).toBe(true);
    }
    expect(Object.keys(VALID).sort()).toEqual([...PUBLIC.keys()].sort());
  });

  it("the valid calls return normally", () => {
    for (const [name, args] of Object.entries(VALID)) expect(outcome(name, args), name).toBe("returned");
  });
});

describe("the reproductions", () => {
  it.each<[string, () => unknown, string]>([
    ["renderRunTable(null)", () => mdmsim.renderRunTable(null as never), "renderRunTable: result: expected"],
    ["parseVary(null)", () => mdmsim.parseVary(null as never), "parseVary: text: expected"],
    ["parseScenarioText(5)", () => mdmsim.parseScenarioText(5 as never), "parseScenarioText: text: expected"],
    [
      "evaluateExpectations(null, null)",
      () => mdmsim.evaluateExpectations(null, null as never),
      "evaluateExpectations: result: expected",
    ],
    [
      "replicaClosedForm(null)",
      () => mdmsim.replicaClosedForm(null as never, null as never),
      "replicaClosedForm: group: expected",
    ],
    [
      "expectedVisibilityDelay(null)",
      () => mdmsim.expectedVisibilityDelay(null as never),
      "expectedVisibilityDelay: replica: expected",
    ],
    ["parseDuration({})", () => mdmsim.parseDuration({} as never), "parseDuration: value: expected"],
    [
      "simulate(s, { maxEvents: -1 })",
      () => mdmsim.simulate(scenario, { maxEvents: -1 }),
      "simulate: maxEvents: expected a number >= 1, got -1",
    ],
    [
      "studentTQuantile(2, 5)",
      () => mdmsim.studentTQuantile(2, 5),
      "studentTQuantile: p: expected a probability in (0.5, 1), got 2",
    ],
    [
      "successAfterVisibility(a result without perDevice)",
      () => testing.successAfterVisibility(mdmsim.simulate(scenario)),
      "successAfterVisibility: result: expected a run's result with perDevice",
    ],
    [
      "new ScenarioError('x', null)",
      () => new mdmsim.ScenarioError("x", null as never),
      "ScenarioError: path: expected a list of keys and indexes, got null",
    ],
    [
      "new UsageError('x', null)",
      () => new mdmsim.UsageError("x", null as never),
      "UsageError: about: expected",
    ],
  ])("%s is a UsageError naming the function and the argument", (_what, work, message) => {
    const error = usageError(work);
    expect(error.message.startsWith(message), error.message).toBe(true);
    expect(error.about?.function).toBe(message.split(":")[0]);
  });

  it("scenarioArbitrary refuses constraints fast-check would throw a plain Error on", () => {
    expect(usageError(() => testing.scenarioArbitrary({ maxGroups: 0 })).message).toBe(
      "scenarioArbitrary: constraints.maxGroups: expected an integer >= 1, got 0",
    );
    expect(usageError(() => testing.scenarioArbitrary({ platforms: [] })).about).toEqual({
      argument: "constraints.platforms",
      function: "scenarioArbitrary",
    });
    expect(usageError(() => testing.scenarioArbitrary({ maxGroup: 2 } as never)).message).toContain(
      'constraints.maxGroup: no such option (did you mean "maxGroups"?)',
    );
  });

  it("maxEvents below 1 is the caller's mistake in a sweep and a comparison too", () => {
    const vary = ["devices.0.count=2,3"];
    expect(usageError(() => mdmsim.runSweep(scenario, { vary, maxEvents: 0 })).message).toBe(
      "runSweep: maxEvents: expected a number >= 1, got 0",
    );
    expect(
      usageError(() => mdmsim.runCompare(scenario, scenario, { a: side, b: side }, { maxEvents: -5 }))
        .message,
    ).toBe("runCompare: maxEvents: expected a number >= 1, got -5");
  });

  it("a study that is not one is refused, not a TypeError from the grid", () => {
    const vary = ["devices.0.count=2,3"];
    for (const study of [{ source: "s.json" }, { source: "s.json", study: { axes: [] } }])
      expect(usageError(() => mdmsim.runSweep(scenario, { vary, study } as never)).message).toMatch(
        /^runSweep: study: expected \{ study, source \}/,
      );
    const study = {
      source: "s.json",
      study: { axes: [{ path: "devices.0.count", values: [2, 3] }], skip: [] },
    };
    expect(mdmsim.runSweep(scenario, { vary: [], study, runs: 2 }).variants).toHaveLength(2);
  });

  it("a study is read as its file format allows (no skip), and a bad one is refused at its place", () => {
    const study = { source: "s.json", study: { axes: [{ path: "devices.0.count", values: [2, 3] }] } };
    expect(mdmsim.runSweep(scenario, { vary: [], study, runs: 2 } as never).variants).toHaveLength(2);
    const zip = { axes: [{ zip: [{ path: "devices.0.count", values: [2] }] }] };
    const error = usageError(() =>
      mdmsim.runSweep(scenario, { vary: [], study: { source: "s.json", study: zip } } as never),
    );
    expect(error.message).toContain("s.json: axes[0].zip: expected at least two axes to zip together");
    expect(error.about).toEqual({ argument: "study", function: "runSweep" });
  });

  it("renderRunTable refuses widths its layout cannot fill (1 column: a RangeError; 1.5: no end)", () => {
    for (const columns of [1, 1.5, 9])
      expect(usageError(() => mdmsim.renderRunTable(result, { columns })).message).toContain(
        "renderRunTable: columns: expected a whole number of columns >= 10",
      );
    expect(mdmsim.renderRunTable(result, { columns: 10 })).toContain("mdmsim\nrun: test");
  });

  it("a wrong kind of value at the end of a run's result is refused too, not a TypeError", () => {
    const spoilt = { ...result, groups: [{ ...result.groups[0], attempts: null }] };
    expect(usageError(() => mdmsim.renderRunTable(spoilt as never)).message).toMatch(
      /^renderRunTable: result: expected a run's result/,
    );
    const parsed = JSON.parse(JSON.stringify(result)) as mdmsim.RunResult;
    expect(mdmsim.renderRunTable(parsed)).toBe(mdmsim.renderRunTable(result));
  });

  it("keeps what valid calls return", () => {
    expect(mdmsim.parseDuration("nonsense")).toBeUndefined();
    expect(mdmsim.parseDuration(-1)).toBeUndefined();
    expect(mdmsim.parseDuration("2h15m")).toBe(8100);
    expect(mdmsim.formatDuration(Number.NaN)).toBe("NaN");
    expect(mdmsim.studentTQuantile(0.975, 5)).toBeCloseTo(2.5706, 4);
    expect(mdmsim.parseVary.name).toBe("parseVary");
  });
});

// Hostile values: the kinds a caller gets wrong, prototype keys, and anything fast-check makes.
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, 0, -1, 1.5, Number.NaN, Infinity, -Infinity, 1e300, "", "x", true, []),
  fc.constantFrom(
    {},
    JSON.parse('{"__proto__": {"polluted": 1}}') as unknown,
    { constructor: 5, prototype: null },
    Object.create(null) as unknown,
    [null],
    [{}],
    () => 1,
    10n,
  ),
  fc.anything({ maxDepth: 2 }),
);

/** A deep copy of JSON-like data (functions and class instances kept as they are). */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    Object.defineProperty(out, key, { value: copy(v), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Spoils `args` where `choices` lead: the argument itself, or a field or element deep in it, replaced or removed. */
function spoil(
  args: readonly unknown[],
  choices: readonly number[],
  value: unknown,
  remove: boolean,
): unknown[] {
  const out = args.map(copy);
  const index = (choices[0] ?? 0) % Math.max(1, out.length + 1);
  if (index === out.length || choices.length === 1) {
    out[index] = value;
    return out;
  }
  let node: unknown = out[index];
  for (let depth = 1; depth < choices.length; depth++) {
    if (node === null || typeof node !== "object") break;
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) break;
    const key = keys[(choices[depth] ?? 0) % keys.length] ?? "";
    const next = container[key];
    const last = depth === choices.length - 1 || next === null || typeof next !== "object";
    if (last) {
      if (remove && !Array.isArray(container)) Reflect.deleteProperty(container, key);
      else container[key] = value;
      break;
    }
    node = next;
  }
  return out;
}

// The slow calls (a sweep, a comparison) get fewer runs.
const RUNS: Readonly<Record<string, number>> = { runSweep: 40, runCompare: 40, simulate: 80 };

describe("hostile arguments", () => {
  it.each(Object.keys(VALID))(
    "%s returns or throws UsageError (ScenarioError for a scenario), nothing else",
    (name) => {
      const seen = { returned: 0, UsageError: 0, ScenarioError: 0 };
      const valid = VALID[name] ?? [];
      fc.assert(
        fc.property(
          fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
          hostile,
          fc.boolean(),
          (choices, value, remove) => {
            seen[outcome(name, spoil(valid, choices, value, remove))]++;
          },
        ),
        { numRuns: RUNS[name] ?? 200 },
      );
      // The function was reached, and refused something (its declaration's checks ran).
      expect(seen.returned + seen.UsageError + seen.ScenarioError).toBe(RUNS[name] ?? 200);
      if (name !== "scenarioJsonSchema")
        expect(seen.UsageError + seen.ScenarioError, JSON.stringify(seen)).toBeGreaterThan(0);
    },
  );
});
