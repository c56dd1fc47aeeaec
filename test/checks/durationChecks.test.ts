// duration-in-seconds: an interval field written as a bare number under 60 is that many seconds, most likely
// minutes meant. Only the way the scenario is written tells (the loaded scenario holds seconds), so the
// check reads the scenario as its file and `--set` gave it.
import { describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { bareIntervals, durationInSeconds } from "../../src/checks/durationChecks.js";
import { checkScenario as libraryCheck } from "../../src/library.js";
import { loadScenario } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import type { ScenarioInput } from "../../src/scenario/schema.js";
import { checkInput } from "../helpers/checkInput.js";
import { baseDraft, group, mpOnReplica, type Draft } from "../helpers/ruleScenarios.js";

const replica = (d: Draft) => d.site.replicas![0]!;

/** The rules draft with its MP on replica r1 (offset drawn), mutated. */
function draft(...mutations: ((d: Draft) => void)[]): Draft {
  const d = baseDraft("windows");
  mpOnReplica(d);
  delete replica(d).syncOffset;
  for (const m of mutations) m(d);
  return d;
}

/** Every written interval a mistake could hide in, as bare numbers under a minute. */
const everyField = (d: Draft) => {
  replica(d).syncInterval = 5;
  replica(d).applyDelay = 2;
  group(d).enrollment = { pattern: "burst", at: "50s", retryAfter: 10 };
  group(d).polling = [{ every: 3, until: 15 }, { every: 1 }];
};

const found = (input: ScenarioInput | string) =>
  checkScenario(loadScenario(input)).filter((f) => f.id === "duration-in-seconds");

describe("duration-in-seconds", () => {
  it("reports each interval field written as a bare number under 60, at its override path", () => {
    const findings = found(draft(everyField));
    expect(findings.map((f) => f.path)).toEqual([
      "devices.w.enrollment.retryAfter",
      "devices.w.polling.0.every",
      "devices.w.polling.0.until",
      "devices.w.polling.1.every",
      "site.replicas.r1.applyDelay",
      "site.replicas.r1.syncInterval",
    ]);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(["warning"]));
  });

  it("shows the value with its unit and the likely intent", () => {
    const [sync] = found(draft((d) => (replica(d).syncInterval = 5))).filter((f) =>
      f.path.endsWith("syncInterval"),
    );
    expect(sync?.message).toBe(
      'replica "r1": syncInterval is 5, a number without a unit, which means 5 seconds ("5s"); "5m" (5 minutes) is the likelier intent',
    );
    expect(sync?.fix).toBe('Write the unit: "5m" for 5 minutes, or "5s" if 5 seconds is meant');
    const [one] = found(draft((d) => (group(d).polling = [{ every: 1 }])));
    expect(one?.message).toBe(
      'group "w": polling.0.every is 1, a number without a unit, which means 1 second ("1s"); "1m" (1 minute) is the likelier intent',
    );
  });

  it('never reports a value written with its unit ("5s"), nor a number of 60 or more, nor 0', () => {
    const units = draft((d) => {
      replica(d).syncInterval = "5s";
      replica(d).applyDelay = 0;
      group(d).enrollment = { pattern: "burst", at: "50s", retryAfter: 60 };
      group(d).polling = [{ every: "3s", until: 900 }, { every: 3600 }];
    });
    expect(found(units)).toEqual([]);
  });

  it("leaves jitter, retry backoff, first poll delay, commit delay, sync offset and the run's times alone", () => {
    const seconds = draft((d) => {
      replica(d).syncOffset = 30;
      group(d).jitter = 30;
      group(d).firstPollDelay = 5;
      group(d).connectionRetries = { count: 3, initialBackoff: 16 };
      group(d).enrollment = { pattern: "uniform", from: 0, to: 3000, delay: 5 };
      d.site.servers[0]!.outages = [{ from: 10, to: 20 }];
    });
    expect(found(seconds)).toEqual([]);
  });

  it("reads the mean of an apply delay written as a distribution", () => {
    const findings = found(
      draft((d) => {
        replica(d).applyDelay = { mean: 5, distribution: "exponential" };
      }),
    );
    expect(findings.map((f) => f.path)).toEqual(["site.replicas.r1.applyDelay.mean"]);
  });

  it("reads YAML as written too", () => {
    expect(found(toYaml(draft(everyField))).map((f) => f.path)).toHaveLength(6);
  });

  it("is raised by the library's checkScenario for a scenario as a file holds it", () => {
    const findings = libraryCheck(draft(everyField)).filter((f) => f.id === "duration-in-seconds");
    expect(findings).toHaveLength(6);
  });

  it("reports a --set value given as a bare number, not one given with its unit", () => {
    const loaded = loadScenario(draft());
    const bare = applyOverrides(loaded, ["site.replicas.r1.syncInterval=5"]);
    expect(
      checkScenario(bare)
        .filter((f) => f.id === "duration-in-seconds")
        .map((f) => f.path),
    ).toEqual(["site.replicas.r1.syncInterval"]);
    const withUnit = applyOverrides(loaded, ["site.replicas.r1.syncInterval=5s"]);
    expect(checkScenario(withUnit).filter((f) => f.id === "duration-in-seconds")).toEqual([]);
  });

  it("finds nothing in a scenario loadScenario did not make (no written form to read)", () => {
    const input = checkInput(loadScenario(draft(everyField)));
    expect(durationInSeconds.hits({ ...input, written: undefined })).toEqual([]);
    expect(bareIntervals(undefined, input.scenario)).toEqual([]);
  });
});
