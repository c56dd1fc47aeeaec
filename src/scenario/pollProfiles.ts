// The named poll schedules a device group's `polling` may give instead of a list of phases: the one table of
// their phases, what each is and where its numbers come from. The scenario schema, the platform defaults,
// `explain`, run, compare, the report and the studio all read it here.
import { formatDuration } from "./duration.js";

/** One polling phase in seconds: `every` until `until` after the commit (the last phase has no `until`). */
export interface PollPhase {
  readonly every: number;
  readonly until?: number | undefined;
}

/** A named poll schedule. */
export interface PollProfile {
  /** The phases, in seconds from the commit. */
  readonly phases: readonly PollPhase[];
  /** What the schedule is, in one line (an assumption says so). */
  readonly description: string;
  /** The published articles its numbers come from. */
  readonly source: string;
}

/** The profile names, in the order they are listed. */
export const POLL_PROFILE_NAMES = [
  "configmgr-assumed",
  "intune-estimate",
  "dmclient-default",
  "configmgr-client",
] as const;

/** A profile's name. */
export type PollProfileName = (typeof POLL_PROFILE_NAMES)[number];

/** The profiles: phases, description and source of each. */
export const POLL_PROFILES: Readonly<Record<PollProfileName, PollProfile>> = {
  "configmgr-assumed": {
    phases: [{ every: 180, until: 900 }, { every: 3600 }],
    description:
      "an assumption, not Windows' own default: ConfigMgr's documented 60-minute polling interval after a first 15 minutes of 3-minute polls, chosen so that a 5-minute replica costs the documented two attempts in five minutes",
    source:
      'About client settings (Configuration Manager), "Polling interval for modern devices": 60 minutes; Install site system roles for on-premises MDM: a new device fails on a replica "for the first five minutes after enrollment, which is usually two connection attempts"',
  },
  "intune-estimate": {
    phases: [{ every: 180, until: 900 }, { every: 900, until: 8100 }, { every: 28800 }],
    description:
      "Intune's published estimate for Windows 10 after enrollment: every 3 minutes for 15 minutes, every 15 minutes for 2 hours, then about every 8 hours",
    source: "Troubleshoot device profiles in Microsoft Intune (device-profile-troubleshoot)",
  },
  "dmclient-default": {
    phases: [{ every: 900, until: 9000 }, { every: 3600 }],
    description:
      "Windows' DMClient CSP defaults (a poll at the commit, then 10 retries 15 minutes apart, the second set off), then ConfigMgr's 60-minute interval: that tail is mdmsim's, since after its first set Windows falls back to the server's schedule",
    source:
      'DMClient CSP: IntervalForFirstSetOfRetries 15, NumberOfFirstRetries 10, second set disabled; About client settings (Configuration Manager), "Polling interval for modern devices": 60 minutes',
  },
  "configmgr-client": {
    phases: [{ every: 3600 }],
    description:
      "ConfigMgr's client policy polling interval, 60 minutes: the Configuration Manager client's and macOS default",
    source: 'About client settings (Configuration Manager), "Client policy polling interval": 60 minutes',
  },
};

/** Whether a value is a profile's name. */
export function isPollProfileName(value: unknown): value is PollProfileName {
  return typeof value === "string" && (POLL_PROFILE_NAMES as readonly string[]).includes(value);
}

const samePhases = (a: readonly PollPhase[], b: readonly PollPhase[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p.every === q.every && p.until === q.until;
  });

/** The profile whose phases are exactly these, or undefined for a list that is no profile. */
export function pollProfileName(phases: readonly PollPhase[]): PollProfileName | undefined {
  return POLL_PROFILE_NAMES.find((name) => samePhases(POLL_PROFILES[name].phases, phases));
}

/** Phases in words: "every 3m until 15m, then every 1h". */
export function phasesText(phases: readonly PollPhase[]): string {
  return phases
    .map((p, i) => {
      const every = `${i === phases.length - 1 && i > 0 ? "then " : ""}every ${formatDuration(p.every)}`;
      return p.until === undefined ? every : `${every} until ${formatDuration(p.until)}`;
    })
    .join(", ");
}

/** Phases as `--set` and a file write them: `[{"every":"3m","until":"15m"},{"every":"1h"}]`. */
export function phasesJson(phases: readonly PollPhase[]): string {
  return JSON.stringify(
    phases.map((p) => ({
      every: formatDuration(p.every),
      ...(p.until !== undefined ? { until: formatDuration(p.until) } : {}),
    })),
  );
}

/**
 * A group's schedule in words, for captions and pages: the profile with its phases and description, or
 * "custom" with its phases.
 */
export function pollingWords(phases: readonly PollPhase[]): string {
  const name = pollProfileName(phases);
  return name === undefined
    ? `custom (${phasesText(phases)})`
    : `${name} (${phasesText(phases)}; ${POLL_PROFILES[name].description})`;
}
