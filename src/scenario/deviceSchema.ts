// A device group of the scenario schema (schema.ts): its enrollment pattern, polling (a profile's name or
// phases), connection retries, and the platform defaults, declared here once and described from this
// declaration.
import * as z from "zod";
import { isRecord } from "../isRecord.js";
import { nearest } from "./nearest.js";
import {
  phasesJson,
  phasesText,
  POLL_PROFILE_NAMES,
  POLL_PROFILES,
  pollProfileName,
  type PollPhase,
  type PollProfileName,
} from "./pollProfiles.js";
import {
  described,
  duration,
  endsAfterStart,
  int,
  ipv4Range,
  name,
  positiveDuration,
  showValue,
} from "./primitives.js";

/** How long a device waits for an answer when its group does not say (an assumption: docs/load.md). */
const DEFAULT_REQUEST_TIMEOUT = "60s";

const enrollmentCommon = {
  delay: described(
    duration.prefault("0s"),
    "From a successful enrollment to its record in the site database (the commit)",
  ),
  retryAfter: described(duration.prefault("10m"), "Wait after a failed enrollment before the next try"),
  maxAttempts: described(
    int(1).prefault(3),
    "Enrollment tries in all before the device gives up (counted as enrollment failed)",
  ),
};

const spanPattern = <P extends "uniform" | "even">(pattern: P, description: string) =>
  described(
    z
      .strictObject({
        // The loader fills in "uniform" when a block names no pattern: the JSON Schema says so there.
        pattern: z
          .literal(pattern)
          .meta(pattern === "uniform" ? { description, default: "uniform" } : { description }),
        from: described(duration.prefault("0s"), "Start of the enrollment window"),
        to: described(duration.prefault("1h"), "End of the enrollment window (not included); after `from`"),
        ...enrollmentCommon,
      })
      .refine(endsAfterStart, {
        error: "expected `to` after `from` (enrollments fall in [from, to))",
        path: ["to"],
        // Only once `from` and `to` parsed: a bad duration is reported once, as itself.
        when: (payload) => payload.issues.length === 0,
      }),
    description,
  );

const EnrollmentSchema = described(
  z
    .preprocess(
      // "uniform" is the default pattern, so `{ "delay": "1m" }` alone is a valid enrollment block.
      (value) => (isRecord(value) && !("pattern" in value) ? { pattern: "uniform", ...value } : value),
      z.discriminatedUnion(
        "pattern",
        [
          spanPattern(
            "uniform",
            "uniform (the default): each device at an independent random time in [from, to)",
          ),
          spanPattern("even", "even: device i (from 0) at from + i × (to − from) / count"),
          described(
            z.strictObject({
              pattern: described(z.literal("burst"), "burst: every device at once"),
              at: described(duration.prefault("0s"), "When every device enrolls"),
              ...enrollmentCommon,
            }),
            "burst: every device at the same instant",
          ),
          described(
            z.strictObject({
              pattern: described(z.literal("poisson"), "poisson: arrivals at a constant rate from `from` on"),
              from: described(duration.prefault("0s"), "When arrivals start"),
              ratePerMinute: described(
                z.number().positive({ error: (iss) => `expected a number > 0, got ${showValue(iss.input)}` }),
                "Mean arrivals per minute (exponential gaps)",
              ),
              ...enrollmentCommon,
            }),
            "poisson: a Poisson arrival process",
          ),
        ],
        {
          error: (iss) => {
            const input: unknown = iss.input;
            const pattern = isRecord(input) && "pattern" in input ? input.pattern : input;
            return `expected pattern "uniform", "even", "burst" or "poisson", got ${showValue(pattern)}`;
          },
        },
      ),
    )
    .prefault({}),
  'When the group\'s devices enroll and how they retry: `pattern` "uniform" (default), "even", "burst" or "poisson", with that pattern\'s fields; absent: uniform over the first hour',
);

const PollingEntrySchema = described(
  z.strictObject({
    every: described(positiveDuration, "The interval between polls in this phase"),
    until: described(
      duration.optional(),
      "Time since the commit at which this phase ends; only the last entry has none",
    ),
  }),
  "One polling phase",
);

/** Defaults that depend on the group's platform: declared here only, described from here. */
export const PLATFORM_DEFAULTS: Readonly<Record<"windows" | "macos", PlatformDefaults>> = {
  windows: { polling: POLL_PROFILES["configmgr-assumed"].phases, retryCount: 3 },
  macos: { polling: POLL_PROFILES["configmgr-client"].phases, retryCount: 0 },
};

/** A platform's defaults: its polling phases (seconds) and its connection retry count. */
export interface PlatformDefaults {
  readonly polling: readonly PollPhase[];
  readonly retryCount: number;
}

const perPlatform = (show: (d: PlatformDefaults) => string): string =>
  `windows ${show(PLATFORM_DEFAULTS.windows)}, macos ${show(PLATFORM_DEFAULTS.macos)}`;
const showPolling = (d: PlatformDefaults) => {
  const profile = pollProfileName(d.polling);
  return profile !== undefined ? JSON.stringify(profile) : phasesJson(d.polling);
};

const profileSchema = <N extends PollProfileName>(profile: N) => {
  const { phases, description, source } = POLL_PROFILES[profile];
  return described(
    z.literal(profile),
    `Polls ${phasesText(phases)}. ${description.charAt(0).toUpperCase()}${description.slice(1)}. Source: ${source}`,
  );
};

/** The profile a misspelt or shortened name most likely meant ("intune" → "intune-estimate"). */
function profileGuess(text: string): string | undefined {
  const starting = POLL_PROFILE_NAMES.filter((n) => text.length >= 3 && n.startsWith(text.toLowerCase()));
  return nearest(text, POLL_PROFILE_NAMES) ?? (starting.length === 1 ? starting[0] : undefined);
}

/** The message for a `polling` value that is neither a profile's name nor a list of phases. */
function pollingMessage(input: unknown): string {
  const names = POLL_PROFILE_NAMES.map((n) => JSON.stringify(n)).join(", ");
  const guess = typeof input === "string" ? profileGuess(input) : undefined;
  return `expected a poll profile (${names}) or a list of phases like [{"every":"3m","until":"15m"},{"every":"1h"}], got ${showValue(input)}${guess !== undefined ? ` (did you mean ${JSON.stringify(guess)}?)` : ""}`;
}

const PollingSchema = described(
  z
    .union(
      [
        ...POLL_PROFILE_NAMES.map(profileSchema),
        z.array(PollingEntrySchema).min(1, { error: "expected at least one polling entry" }),
      ],
      { error: (iss) => pollingMessage(iss.input) },
    )
    .optional(),
  `How the devices poll after the commit: a profile's name (its phases and source below) or a list of phases, each \`{ every, until }\` with \`until\` strictly increasing and absent on the last. Absent: ${perPlatform(showPolling)}. A loaded scenario holds the phases; docs/model.md compares the profiles`,
);

const ConnectionRetriesSchema = described(
  z.strictObject({
    count: described(
      int(0).optional(),
      `Extra tries after a failed one within a poll; absent: ${perPlatform((d) => String(d.retryCount))}`,
    ),
    initialBackoff: described(
      duration.prefault("16s"),
      "Wait before the first extra try; each later one waits twice as long",
    ),
    on: described(
      z.enum(["connection", "any"]).prefault("connection"),
      '"connection": retry after connection-level failures only (not device-not-in-replica); "any": after every failure',
    ),
  }),
  "How a device retries within one poll",
).prefault({});

/** A device group: what its devices share. */
export const DeviceGroupSchema = described(
  z
    .strictObject({
      name: described(name, "The group's name; its devices are <name>-1, <name>-2, …"),
      platform: described(
        z.enum(["windows", "macos"]),
        "windows: Windows 10 on-prem MDM devices (OMA-DM, intranet only); macos: macOS Configuration Manager clients (internet-only clients)",
      ),
      count: described(int(1), "How many devices the group has"),
      location: described(
        z.enum(["intranet", "internet"]).prefault("intranet"),
        "Where the devices are; a macOS client counts as internet toward DPs and DMPs wherever it is",
      ),
      addresses: described(
        ipv4Range.optional(),
        "The devices' IPv4 addresses (device i gets first + i mod size), matched against ipv4Range boundaries; required for intranet Windows groups",
      ),
      trustedRoots: described(
        z.array(z.string()).optional(),
        "The root CAs the devices trust; absent: every issuer",
      ),
      enrollment: EnrollmentSchema,
      polling: PollingSchema,
      firstPollDelay: described(duration.prefault("0s"), "From the commit to the first poll"),
      jitter: described(
        duration.prefault("0s"),
        "Each interval between polls is lengthened by a random draw in [0, jitter)",
      ),
      connectionRetries: ConnectionRetriesSchema,
      requestTimeout: described(
        positiveDuration.prefault(DEFAULT_REQUEST_TIMEOUT),
        "How long a device waits for an answer to one try before it gives up (request-timeout); matters only where a role or database has a `capacity`. The default is an assumption",
      ),
      managementPoint: described(
        z.string().optional(),
        "Pins the group's DMP: the name of a server with a management point; absent: one is chosen per device",
      ),
      content: described(
        z.boolean().prefault(false),
        "Whether the devices also fetch content from a distribution point",
      ),
    })
    .transform(({ polling, connectionRetries, ...group }) => {
      const defaults = PLATFORM_DEFAULTS[group.platform];
      return {
        ...group,
        polling: (typeof polling === "string"
          ? POLL_PROFILES[polling].phases
          : (polling ?? defaults.polling)
        ).map((p): { every: number; until?: number } =>
          p.until === undefined ? { every: p.every } : { every: p.every, until: p.until },
        ),
        connectionRetries: { ...connectionRetries, count: connectionRetries.count ?? defaults.retryCount },
      };
    }),
  "A group of devices that share a platform, a location and a configuration",
);
