// Expectations over a result: the one evaluation `run` makes, which `check` makes too over a run in which
// nothing happened, so a path is refused by both or by neither; "did you mean" for a path that names nothing.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScenarioError, UsageError } from "../../src/errors.js";
import { compileSite } from "../../src/model/site.js";
import {
  checkExpectations,
  evaluateExpectations,
  parseExpectation,
  readMetric,
} from "../../src/results/expectations.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { loadScenario } from "../../src/scenario/load.js";
import { labelOf } from "../../src/scenario/path.js";
import { simulate } from "../../src/simulate.js";
import { handTally, plainRun, runWithLoad } from "../helpers/loadTallies.js";

const scenario = (name: string, expectations?: string[]) => {
  const data = JSON.parse(
    readFileSync(new URL(`../../scenarios/${name}.json`, import.meta.url), "utf8"),
  ) as Record<string, unknown>;
  return loadScenario(expectations === undefined ? data : { ...data, expectations });
};

/** Every path of a document that holds a number or null (array elements by name, as expectations read them). */
function numberPaths(node: unknown, prefix = ""): string[] {
  const at = (key: string) => (prefix === "" ? key : `${prefix}.${key}`);
  if (Array.isArray(node))
    return node.flatMap((el: unknown, i) => numberPaths(el, at(labelOf(el) ?? String(i))));
  if (node !== null && typeof node === "object")
    return Object.entries(node).flatMap(([key, value]) => numberPaths(value, at(key)));
  return typeof node === "number" || node === null ? [prefix] : [];
}

/** The paths an expectation can read: all but the expectations' own results, evaluated after the numbers. */
const measuredPaths = (result: object) => numberPaths(result).filter((p) => !p.startsWith("expectations."));

describe("readMetric", () => {
  const result = simulate(scenario("baseline"));

  it("names the nearest path of the document when a path names nothing", () => {
    expect(() => readMetric(result, "timeToFirstSuccess.p99")).toThrow(
      'path "timeToFirstSuccess.p99": "timeToFirstSuccess" names nothing in the result; did you mean "timeToFirstSuccessSeconds.p99"?',
    );
    expect(() => readMetric(result, "groups.hq-windows.devices.conected")).toThrow(
      'did you mean "groups.hq-windows.devices.connected"?',
    );
    // A misspelt reason: the reasons that did not occur are suggested too.
    expect(() => readMetric(result, "attempts.failedByReason.server-dwn")).toThrow(
      'did you mean "attempts.failedByReason.server-down"?',
    );
    // Nothing near: no guess.
    expect(() => readMetric(result, "qqqqqq.zzzzzz")).toThrow(/names nothing in the result$/);
  });

  it("reads 0 for a histogram count no device had, as for a reason that did not occur", () => {
    expect(result.failedAttemptsBeforeSuccess.histogram["7"]).toBeUndefined();
    expect(readMetric(result, "failedAttemptsBeforeSuccess.histogram.7")).toBe(0);
    expect(readMetric(result, "groups.hq-windows.failedAttemptsBeforeSuccess.histogram.7")).toBe(0);
    expect(() => readMetric(result, "failedAttemptsBeforeSuccess.histogram.x")).toThrow(UsageError);
  });
});

describe("checkExpectations", () => {
  for (const name of ["baseline", "mixed-windows-macos", "two-dmps"]) {
    it(`accepts every path ${name}'s run document holds, without running it`, () => {
      const s = scenario(name);
      const paths = measuredPaths(simulate(s));
      expect(paths.length).toBeGreaterThan(40);
      expect(() => {
        checkExpectations(
          compileSite(s, s.seed),
          paths.map((p) => `${p} >= 0`),
        );
      }).not.toThrow();
    });
  }

  it("refuses a path of the scenario's own as run does: a ScenarioError at expectations[i]", () => {
    const s = scenario("baseline", ["devices.total > 0", "timeToFirstSuccess.p99 <= 6m"]);
    const refusal = (work: () => unknown): ScenarioError => {
      try {
        work();
      } catch (error) {
        if (error instanceof ScenarioError) return error;
      }
      throw new Error("expected a ScenarioError");
    };
    const checked = refusal(() => {
      checkExpectations(compileSite(s, s.seed));
    });
    const ran = refusal(() => simulate(s));
    expect(checked.path).toEqual(["expectations", 1]);
    expect(checked.message).toBe(ran.message);
    expect(checked.detail).toContain('did you mean "timeToFirstSuccessSeconds.p99"?');
  });

  it("refuses an added path (--expect) with a UsageError, and content paths where no group fetches content", () => {
    const s = scenario("baseline");
    const site = compileSite(s, s.seed);
    expect(() => {
      checkExpectations(site, ["devices.bogus == 0"]);
    }).toThrow(UsageError);
    expect(() => {
      checkExpectations(site, ["content.attempted == 0"]);
    }).toThrow(/names nothing/);
    const c = scenario("mixed-windows-macos");
    expect(() => {
      checkExpectations(compileSite(c, c.seed), ["content.attempted >= 0"]);
    }).not.toThrow();
  });
});

describe("load paths", () => {
  const withLoad = buildRunResult(
    runWithLoad([
      handTally("managementPoint", "cm01.corp.contoso.com", 8, 10800, {
        busySeconds: 8 * 10800 * 0.25,
        waits: [0, 0.5, 2],
        responses: [0.1, 0.7, 2.4],
      }),
      handTally("managementPoint", "cm01", 2, 10800),
      handTally("database", "site", 4, 10800, { refused: 3, requests: 3 }),
      handTally("database", "replica1", 4, 10800),
    ]),
  );

  it("reads a finite server's numbers by its name, dots and all, the longest name first", () => {
    expect(readMetric(withLoad, "load.managementPoints.cm01.corp.contoso.com.utilisation")).toBe(0.25);
    expect(readMetric(withLoad, "load.managementPoints.cm01.corp.contoso.com.waitSeconds.p99")).toBe(2);
    expect(readMetric(withLoad, "load.managementPoints.cm01.workers")).toBe(2);
    expect(readMetric(withLoad, "load.databases.site.refused")).toBe(3);
    expect(readMetric(withLoad, "load.databases.site.waitSeconds.p50")).toBeNull();
    const [passed, failed] = evaluateExpectations(withLoad, [
      parseExpectation("load.databases.site.utilisation <= 0.8"),
      parseExpectation("load.managementPoints.cm01.corp.contoso.com.responseSeconds.max < 2s"),
    ]);
    expect(passed).toEqual({ expression: "load.databases.site.utilisation <= 0.8", actual: 0, passed: true });
    expect(failed?.passed).toBe(false);
    expect(failed?.actual).toBe(2.4);
  });

  it("refuses a server that has no load entry, with the nearest one", () => {
    expect(() => readMetric(withLoad, "load.databases.replica2.utilisation")).toThrow(
      'path "load.databases.replica2.utilisation": "load.databases.replica2" names nothing in the result; did you mean "load.databases.replica1.utilisation"?',
    );
  });

  it("refuses a load path in a run without capacity as it refuses any unknown path", () => {
    const plain = buildRunResult(plainRun());
    expect(() => readMetric(plain, "load.databases.site.utilisation")).toThrow(
      /^path "load\.databases\.site\.utilisation": "load" names nothing in the result/,
    );
    expect(() => readMetric(plain, "load.databases.site.utilisation")).toThrow(UsageError);
  });
});
