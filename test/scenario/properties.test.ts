// Properties of loading scenarios: only ScenarioError escapes, the normalized form is a fixed point,
// and prototype keys in the input never reach Object.prototype.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { stringify as toYaml } from "yaml";
import { formatPath, ScenarioError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { BASELINE_TEXT, baselineData, getAt, setAt, SPEC_EXAMPLE_TEXT, type Segment } from "./helpers.js";

/** Runs `fn`; passes when it returns or throws a ScenarioError, fails with the error otherwise. */
function onlyScenarioErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ScenarioError)) {
      throw new Error(`expected only ScenarioError, got ${String(error)}`, { cause: error });
    }
  }
}

/** Every path of the baseline's data, objects, arrays and leaves alike, the root included. */
function allPaths(root: unknown): Segment[][] {
  const paths: Segment[][] = [];
  const visit = (node: unknown, path: Segment[]): void => {
    paths.push(path);
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, [...path, i]);
      });
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
    }
  };
  visit(root, []);
  return paths;
}

const BASELINE_PATHS = allPaths(baselineData());
const BASELINE_OBJECT_PATHS = BASELINE_PATHS.filter((p) => {
  const node = getAt(baselineData(), p);
  return node !== null && typeof node === "object" && !Array.isArray(node);
});

/** Values of every kind, including the exotic ones a library might call with. */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: "binary",
});

describe("loadScenario on arbitrary input", () => {
  // Random text can hold YAML tags and directives; the yaml parser warns about them on the process.
  let emitWarning: MockInstance<typeof process.emitWarning>;
  beforeAll(() => {
    emitWarning = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
  });
  afterAll(() => {
    emitWarning.mockRestore();
  });

  it("throws nothing but ScenarioError for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        onlyScenarioErrors(() => loadScenario(value));
      }),
      { numRuns: 500 },
    );
  });

  it("throws nothing but ScenarioError for any value at all", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        onlyScenarioErrors(() => loadScenario(value));
      }),
      { numRuns: 500 },
    );
  });

  it("throws nothing but ScenarioError for any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.json()),
        (text) => {
          onlyScenarioErrors(() => loadScenario(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("throws nothing but ScenarioError for strings made of JSON and YAML punctuation", () => {
    const punctuation = fc.constantFrom(..."{}[]:,-?|>&*!%@`'\"#\n \t\\0123456789abcdefxyz".split(""));
    fc.assert(
      fc.property(fc.array(punctuation, { maxLength: 200 }), (chars) => {
        onlyScenarioErrors(() => loadScenario(chars.join("")));
      }),
      { numRuns: 500 },
    );
  });

  it("throws nothing but ScenarioError for the baseline with any value at any place", () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASELINE_PATHS.filter((p) => p.length > 0)), anyValue, (path, value) => {
        const data = baselineData();
        setAt(data, path, value);
        onlyScenarioErrors(() => loadScenario(data));
      }),
      { numRuns: 1000 },
    );
  });

  it("throws nothing but ScenarioError for the baseline's text with a random cut and insertion", () => {
    fc.assert(
      fc.property(
        fc.nat(BASELINE_TEXT.length),
        fc.nat(40),
        fc.string({ maxLength: 20 }),
        (at, cut, insert) => {
          const text = BASELINE_TEXT.slice(0, at) + insert + BASELINE_TEXT.slice(at + cut);
          onlyScenarioErrors(() => loadScenario(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("throws nothing but ScenarioError for the baseline as YAML with a random cut and insertion", () => {
    const yaml = toYaml(baselineData());
    fc.assert(
      fc.property(fc.nat(yaml.length), fc.nat(40), fc.string({ maxLength: 20 }), (at, cut, insert) => {
        onlyScenarioErrors(() => loadScenario(yaml.slice(0, at) + insert + yaml.slice(at + cut)));
      }),
      { numRuns: 500 },
    );
  });

  it("names the place of every error inside the input", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASELINE_PATHS.filter((p) => p.length > 0)),
        fc.jsonValue(),
        (path, value) => {
          const data = baselineData();
          setAt(data, path, value);
          try {
            loadScenario(data);
          } catch (error) {
            if (!(error instanceof ScenarioError)) throw error;
            const where = error.path.length === 0 ? "" : `${formatPath(error.path)}: `;
            const lines = error.message.split("\n");
            expect(lines[0]).toBe(`${where}${error.detail}`);
            expect(lines).toHaveLength(error.problems.length);
            for (const p of error.problems)
              expect(p.detail).toMatch(
                /^(expected|missing|unknown field|duplicate|expectation "|and \d+ more)/,
              );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the normalized form", () => {
  const duration = fc.oneof(
    fc
      .tuple(fc.nat(3), fc.nat(23), fc.nat(59), fc.nat(59))
      .filter(([d, h, m, s]) => d + h + m + s > 0)
      .map(([d, h, m, s]) => `${d}d${h}h${m}m${s}s`),
    fc.integer({ min: 1, max: 500_000 }).map(String),
    fc.integer({ min: 1, max: 3_600_000 }).map((ms) => `${ms}ms`),
  );

  const overrides = fc
    .record(
      {
        count: fc.integer({ min: 1, max: 1_000_000 }),
        duration,
        syncInterval: duration,
        jitter: fc.integer({ min: 0, max: 600_000 }).map((ms) => `${ms}ms`),
        location: fc.constantFrom("intranet", "internet"),
        content: fc.boolean(),
        seed: fc.nat(),
        enrollment: fc.constantFrom(
          '{"pattern":"even","from":"1m","to":"2h"}',
          '{"pattern":"burst","at":"10m"}',
          '{"pattern":"poisson","from":0,"ratePerMinute":2.5}',
          '{"delay":"30s"}',
        ),
      },
      { requiredKeys: ["count", "duration"] },
    )
    .map((r) =>
      Object.entries(r).map(([key, value]) => {
        switch (key) {
          case "count":
            return `devices.0.count=${value}`;
          case "duration":
            return `duration=${value}`;
          case "syncInterval":
            return `site.replicas.replica1.syncInterval=${value}`;
          case "enrollment":
            return `devices.hq-windows.enrollment=${value}`;
          case "seed":
            return `seed=${value}`;
          default:
            return `devices.hq-windows.${key}=${value}`;
        }
      }),
    );

  function reloaded(scenario: Scenario): Scenario {
    return loadScenario(JSON.stringify(scenario));
  }

  it("loads the baseline again, through JSON text, to a deep-equal scenario", () => {
    const s = loadScenario(BASELINE_TEXT);
    expect(reloaded(s)).toStrictEqual(s);
  });

  it("loads the example of scenario.md again to a deep-equal scenario", () => {
    const s = loadScenario(SPEC_EXAMPLE_TEXT);
    expect(reloaded(s)).toStrictEqual(s);
  });

  it("is a fixed point of loading for the baseline with random count and duration overrides", () => {
    fc.assert(
      fc.property(overrides, (sets) => {
        const s = applyOverrides(loadScenario(BASELINE_TEXT), sets);
        const again = reloaded(s);
        expect(again).toStrictEqual(s);
        expect(reloaded(again)).toStrictEqual(s);
      }),
    );
  });

  it("is a fixed point through YAML text too", () => {
    fc.assert(
      fc.property(overrides, (sets) => {
        const s = applyOverrides(loadScenario(BASELINE_TEXT), sets);
        expect(loadScenario(toYaml(s))).toStrictEqual(s);
      }),
    );
  });

  it("keeps the overridden count and duration in seconds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.nat(23),
        fc.nat(59),
        fc.integer({ min: 1, max: 59 }),
        (count, h, m, s) => {
          const scenario = applyOverrides(loadScenario(BASELINE_TEXT), [
            `devices.0.count=${count}`,
            `duration=${h}h${m}m${s}s`,
          ]);
          expect(scenario.devices[0]!.count).toBe(count);
          expect(scenario.duration).toBe(h * 3600 + m * 60 + s);
          expect(reloaded(scenario)).toStrictEqual(scenario);
        },
      ),
    );
  });

  it("holds durations only as numbers of seconds", () => {
    fc.assert(
      fc.property(overrides, (sets) => {
        const s = applyOverrides(loadScenario(BASELINE_TEXT), sets);
        expect(typeof s.duration).toBe("number");
        expect(typeof s.site.replicas[0]!.syncInterval).toBe("number");
        expect(typeof s.devices[0]!.jitter).toBe("number");
        for (const p of s.devices[0]!.polling) expect(typeof p.every).toBe("number");
      }),
    );
  });
});

describe("prototype keys in the input", () => {
  const DANGEROUS = ["__proto__", "constructor", "prototype"] as const;
  const PLACEHOLDER = "zzPlaceholderKeyzz";
  const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  function expectPristinePrototypes(): void {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeKeys);
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(Array.prototype).not.toHaveProperty("polluted");
    expect(Object.prototype.toString.call([])).toBe("[object Array]");
  }

  /** The baseline text with `key: value` added to the object at `path`, as JSON or YAML. */
  function textWith(path: Segment[], key: string, value: unknown, format: "json" | "yaml"): string {
    const data = baselineData();
    setAt(data, [...path, PLACEHOLDER], value);
    const text = format === "json" ? JSON.stringify(data) : toYaml(data);
    return text.replace(PLACEHOLDER, key);
  }

  it("rejects a top-level __proto__ key in JSON text without polluting Object.prototype", () => {
    const text = `{"__proto__":{"polluted":1},${BASELINE_TEXT.trim().slice(1)}`;
    const error = (() => {
      try {
        loadScenario(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expectPristinePrototypes();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe('unknown field "__proto__"');
  });

  it("rejects a top-level __proto__ key in YAML text without polluting Object.prototype", () => {
    const error = (() => {
      try {
        loadScenario(`__proto__:\n  polluted: 1\n${toYaml(baselineData())}`);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expectPristinePrototypes();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toBe('unknown field "__proto__"');
  });

  it("rejects constructor.prototype keys without polluting Object.prototype", () => {
    const text = `{"constructor":{"prototype":{"polluted":1}},${BASELINE_TEXT.trim().slice(1)}`;
    expect(() => loadScenario(text)).toThrow(ScenarioError);
    expectPristinePrototypes();
  });

  it("rejects an own __proto__ key in parsed data without polluting Object.prototype", () => {
    const data = JSON.parse(`{"__proto__":{"polluted":1},${BASELINE_TEXT.trim().slice(1)}`) as unknown;
    expect(() => loadScenario(data)).toThrow(ScenarioError);
    expectPristinePrototypes();
  });

  it("rejects any prototype key at any object of the scenario, as an unknown field at that place", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASELINE_OBJECT_PATHS),
        fc.constantFrom(...DANGEROUS),
        fc.oneof(fc.constant({ polluted: 1 }), fc.constant({ prototype: { polluted: 1 } }), fc.jsonValue()),
        fc.constantFrom("json" as const, "yaml" as const),
        (path, key, value, format) => {
          const text = textWith(path, key, value, format);
          let thrown: unknown;
          try {
            loadScenario(text);
          } catch (error) {
            thrown = error;
          }
          expectPristinePrototypes();
          expect(thrown).toBeInstanceOf(ScenarioError);
          const error = thrown as ScenarioError;
          expect(error.path).toEqual(path);
          expect(error.detail).toBe(`unknown field ${JSON.stringify(key)}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  /** `PATH=VALUE` texts that set a prototype key somewhere in the baseline. */
  const prototypeOverrides = fc
    .tuple(
      fc.constantFrom(...BASELINE_OBJECT_PATHS),
      fc.constantFrom(...DANGEROUS),
      fc.constantFrom("", ".polluted", ".prototype.polluted"),
      fc.constantFrom("1", '{"polluted":1}', "polluted", "null"),
    )
    .map(([path, key, rest, value]) => {
      const prefix = path.map(String).join(".");
      return `${prefix === "" ? "" : `${prefix}.`}${key}${rest}=${value}`;
    });

  it("leaves Object.prototype untouched by overrides that name prototype keys", () => {
    fc.assert(
      fc.property(prototypeOverrides, (text) => {
        onlyScenarioErrors(() => applyOverrides(loadScenario(BASELINE_TEXT), [text]));
        expectPristinePrototypes();
      }),
      { numRuns: 300 },
    );
  });

  it("rejects every override that names a prototype key, since it names nothing in the scenario", () => {
    fc.assert(
      fc.property(prototypeOverrides, (text) => {
        expect(() => applyOverrides(loadScenario(BASELINE_TEXT), [text])).toThrow(ScenarioError);
      }),
      { numRuns: 300 },
    );
  });
});
