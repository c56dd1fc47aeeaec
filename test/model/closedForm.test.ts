import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { replicaClosedForm } from "../../src/model/closedForm.js";
import { POLL_PROFILE_NAMES, POLL_PROFILES, isPollProfileName } from "../../src/scenario/pollProfiles.js";
import { simulate } from "../../src/simulate.js";
import { singleServer } from "../helpers/scenarios.js";

const windows = { firstPollDelay: 0, polling: [{ every: 180, until: 900 }, { every: 3600 }] };

describe("replicaClosedForm", () => {
  it("gives 1.40 failed polls and 252 s for configmgr-assumed (the Windows groups' default) on a 5-minute replica", () => {
    const form = replicaClosedForm(windows, { syncInterval: 300, applyDelay: 0 });
    // Polls at 0, 180, 360: P(V > 0) = 1, P(V > 180) = 0.4, P(V > 360) = 0.
    expect(form.failedPolls).toBeCloseTo(1.4, 12);
    expect(form.timeToFirstSuccess).toBeCloseTo(180 + 180 * 0.4, 12);
  });

  it("counts the apply delay: nothing is visible before D", () => {
    const form = replicaClosedForm(
      { firstPollDelay: 0, polling: [{ every: 60 }] },
      { syncInterval: 0, applyDelay: 90 },
    );
    expect(form.failedPolls).toBe(2); // polls at 0 and 60
    expect(form.timeToFirstSuccess).toBe(120);
  });
});

/** One row of docs/model.md's table of the poll profiles on a replica. */
interface ProfileFigures {
  readonly profile: string;
  /** Mean time to first success (s) and mean failed polls, by sync interval (s). */
  readonly figures: readonly { interval: number; timeToFirstSuccess: number; failedPolls: number }[];
}

function documentedFigures(): ProfileFigures[] {
  const text = readFileSync(new URL("../../docs/model.md", import.meta.url), "utf8");
  const section = text.slice(text.indexOf("### The profiles on a replica"));
  const row = /^\| `([a-z-]+)` \| ([\d.]+) s \| ([\d.]+) \| ([\d.]+) s \| ([\d.]+) \|$/gm;
  return [...section.matchAll(row)].map((m) => ({
    profile: m[1] ?? "",
    figures: [
      { interval: 300, timeToFirstSuccess: Number(m[2]), failedPolls: Number(m[3]) },
      { interval: 1200, timeToFirstSuccess: Number(m[4]), failedPolls: Number(m[5]) },
    ],
  }));
}

/** Mean and its standard error. */
function meanAndError(values: readonly number[]): { mean: number; error: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

describe("docs/model.md's figures of the poll profiles on a replica", () => {
  const rows = documentedFigures();

  it("has a row for every profile", () => {
    expect(rows.map((r) => r.profile)).toEqual([...POLL_PROFILE_NAMES]);
    expect(rows.find((r) => r.profile === "intune-estimate")?.figures[1]?.timeToFirstSuccess).toBe(855);
    expect(rows.find((r) => r.profile === "configmgr-assumed")?.figures[1]?.timeToFirstSuccess).toBe(1530);
  });

  const cases = rows.flatMap((r) => r.figures.map((f) => ({ profile: r.profile, ...f })));
  it.each(cases)(
    "$profile at a $interval s replica: $timeToFirstSuccess s and $failedPolls failed polls, by the closed form and by run",
    ({ profile, interval, timeToFirstSuccess, failedPolls }) => {
      if (!isPollProfileName(profile)) throw new Error(`not a profile: ${profile}`);
      const form = replicaClosedForm(
        { firstPollDelay: 0, polling: [...POLL_PROFILES[profile].phases] },
        { syncInterval: interval, applyDelay: 0 },
      );
      expect(form.timeToFirstSuccess).toBeCloseTo(timeToFirstSuccess, 9);
      expect(form.failedPolls).toBeCloseTo(failedPolls, 9);

      // run: commits spread evenly over 40 sync intervals (so V is uniform on [0, P]), every device
      // connected well before the end; the measured means within 4 standard errors of the figures.
      const devices = 20_000;
      const window = 40 * interval;
      const scenario = singleServer({
        duration: window + 3 * 3600,
        replica: { syncInterval: interval, syncOffset: interval / 3, applyDelay: 0 },
        group: {
          count: devices,
          addresses: "10.1.0.0/16",
          enrollment: { pattern: "uniform", from: 0, to: window },
          polling: profile,
        },
      });
      const result = simulate(scenario, { perDevice: true });
      expect(result.devices.connected).toBe(devices);
      expect(result.groups[0]?.pollingProfile).toBe(profile);
      const records = result.perDevice ?? [];
      const ttfs = meanAndError(records.map((d) => (d.firstSuccessAt ?? NaN) - (d.committedAt ?? NaN)));
      const failed = meanAndError(records.map((d) => d.failedBeforeSuccess));
      expect(ttfs.mean).toBeCloseTo(result.timeToFirstSuccessSeconds.mean ?? NaN, 2);
      expect(failed.mean).toBeCloseTo(result.failedAttemptsBeforeSuccess.mean ?? NaN, 2);
      expect(Math.abs(ttfs.mean - timeToFirstSuccess)).toBeLessThanOrEqual(
        Math.max(4 * ttfs.error, 1e-6 * timeToFirstSuccess),
      );
      expect(Math.abs(failed.mean - failedPolls)).toBeLessThanOrEqual(Math.max(4 * failed.error, 1e-6));
    },
    60_000,
  );
});
