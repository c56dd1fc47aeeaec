// The named poll schedules: the table, the name of a group's phases, and `polling` given as a name.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import {
  isPollProfileName,
  phasesJson,
  phasesText,
  POLL_PROFILE_NAMES,
  POLL_PROFILES,
  pollingWords,
  pollProfileName,
} from "../../src/scenario/pollProfiles.js";
import { PLATFORM_DEFAULTS } from "../../src/scenario/schema.js";
import { baselineWith, minimalData, scenarioErrorOf } from "./helpers.js";

const MINUTE = 60;
const HOUR = 3600;

describe("POLL_PROFILES", () => {
  it("holds the four schedules, phases in seconds from the commit", () => {
    expect(POLL_PROFILE_NAMES).toEqual([
      "configmgr-assumed",
      "intune-estimate",
      "dmclient-default",
      "configmgr-client",
    ]);
    expect(POLL_PROFILES["configmgr-assumed"].phases).toEqual([
      { every: 3 * MINUTE, until: 15 * MINUTE },
      { every: HOUR },
    ]);
    expect(POLL_PROFILES["intune-estimate"].phases).toEqual([
      { every: 3 * MINUTE, until: 15 * MINUTE },
      { every: 15 * MINUTE, until: 2 * HOUR + 15 * MINUTE },
      { every: 8 * HOUR },
    ]);
    // A poll at the commit and 10 more 15 minutes apart (the last at 150 minutes), then hourly.
    expect(POLL_PROFILES["dmclient-default"].phases).toEqual([
      { every: 15 * MINUTE, until: 150 * MINUTE },
      { every: HOUR },
    ]);
    expect(POLL_PROFILES["configmgr-client"].phases).toEqual([{ every: HOUR }]);
  });

  it("labels configmgr-assumed an assumption, not Windows' own default, and gives every profile a source", () => {
    expect(POLL_PROFILES["configmgr-assumed"].description).toMatch(
      /^an assumption, not Windows' own default/,
    );
    expect(POLL_PROFILES["configmgr-assumed"].source).toContain("Polling interval for modern devices");
    expect(POLL_PROFILES["configmgr-assumed"].source).toContain("usually two connection attempts");
    expect(POLL_PROFILES["intune-estimate"].source).toContain("device-profile-troubleshoot");
    expect(POLL_PROFILES["dmclient-default"].source).toContain("DMClient CSP");
    expect(POLL_PROFILES["configmgr-client"].source).toContain("Client policy polling interval");
  });

  it("is where the platform defaults take their phases from", () => {
    expect(PLATFORM_DEFAULTS.windows.polling).toBe(POLL_PROFILES["configmgr-assumed"].phases);
    expect(PLATFORM_DEFAULTS.macos.polling).toBe(POLL_PROFILES["configmgr-client"].phases);
  });
});

describe("pollProfileName", () => {
  it("names the profile whose phases a list equals, and nothing for any other list", () => {
    for (const name of POLL_PROFILE_NAMES) {
      expect(pollProfileName(POLL_PROFILES[name].phases.map((p) => ({ ...p })))).toBe(name);
    }
    expect(pollProfileName([{ every: 120, until: 900 }, { every: 3600 }])).toBeUndefined();
    expect(pollProfileName([{ every: 180, until: 900 }])).toBeUndefined();
    expect(pollProfileName([{ every: 3600 }, { every: 3600 }])).toBeUndefined();
    expect(pollProfileName([{ every: 3600, until: undefined }])).toBe("configmgr-client");
  });

  it("tells names from other strings", () => {
    expect(isPollProfileName("intune-estimate")).toBe(true);
    expect(isPollProfileName("intune")).toBe(false);
    expect(isPollProfileName(3600)).toBe(false);
  });
});

describe("phases in words and as --set text", () => {
  it("reads a schedule and writes it back as durations", () => {
    expect(phasesText(POLL_PROFILES["intune-estimate"].phases)).toBe(
      "every 3m until 15m, every 15m until 2h15m, then every 8h",
    );
    expect(phasesText(POLL_PROFILES["configmgr-client"].phases)).toBe("every 1h");
    expect(phasesJson(POLL_PROFILES["configmgr-assumed"].phases)).toBe(
      '[{"every":"3m","until":"15m"},{"every":"1h"}]',
    );
    expect(pollingWords(POLL_PROFILES["configmgr-assumed"].phases)).toMatch(
      /^configmgr-assumed \(every 3m until 15m, then every 1h; an assumption, not Windows' own default/,
    );
    expect(pollingWords([{ every: 120 }])).toBe("custom (every 2m)");
  });
});

describe("devices[].polling as a profile's name", () => {
  it("loads each name as its profile's phases, so a loaded scenario still holds a list", () => {
    for (const name of POLL_PROFILE_NAMES) {
      const scenario = loadScenario(baselineWith(["devices", 0, "polling"], name));
      expect(scenario.devices[0]!.polling).toEqual(POLL_PROFILES[name].phases);
      // A loaded scenario is itself a valid input, with the same phases.
      expect(loadScenario(JSON.parse(JSON.stringify(scenario))).devices[0]!.polling).toEqual(
        POLL_PROFILES[name].phases,
      );
    }
  });

  it("gives a platform's default the phases of its profile", () => {
    const windows = loadScenario(
      minimalData({ name: "w", platform: "windows", count: 1, location: "internet" }),
    );
    expect(pollProfileName(windows.devices[0]!.polling)).toBe("configmgr-assumed");
    const macs = loadScenario(minimalData());
    expect(pollProfileName(macs.devices[0]!.polling)).toBe("configmgr-client");
  });

  it("refuses another string, listing the profiles and guessing the one meant", () => {
    const misspelt = scenarioErrorOf(() =>
      loadScenario(baselineWith(["devices", 0, "polling"], "intune-estimat")),
    );
    expect(misspelt.path).toEqual(["devices", 0, "polling"]);
    expect(misspelt.message).toBe(
      'devices[0].polling: expected a poll profile ("configmgr-assumed", "intune-estimate", "dmclient-default", "configmgr-client") or a list of phases like [{"every":"3m","until":"15m"},{"every":"1h"}], got "intune-estimat" (did you mean "intune-estimate"?)',
    );
    expect(
      scenarioErrorOf(() => loadScenario(baselineWith(["devices", 0, "polling"], "intune"))).message,
    ).toMatch(/got "intune" \(did you mean "intune-estimate"\?\)$/);
    expect(
      scenarioErrorOf(() => loadScenario(baselineWith(["devices", 0, "polling"], "hourly"))).message,
    ).toMatch(/got "hourly"$/);
    expect(
      scenarioErrorOf(() => loadScenario(baselineWith(["devices", 0, "polling"], 3600))).message,
    ).toMatch(/^devices\[0\]\.polling: expected a poll profile \(.*\) or a list of phases .*, got 3600$/);
  });

  it("still reports a list's own problems at their places", () => {
    const error = scenarioErrorOf(() =>
      loadScenario(baselineWith(["devices", 0, "polling"], [{ evry: "3m" }, { every: "0s" }])),
    );
    expect(error.message.split("\n")).toEqual([
      "devices[0].polling[0]: expected `until` on every polling entry but the last",
      '  devices[0].polling[0]: unknown field "evry" (did you mean "every"?)',
      '  devices[0].polling[0].every: missing (expected a duration > 0 like "30m")',
      '  devices[0].polling[1].every: expected a duration > 0, got "0s"',
    ]);
  });
});
