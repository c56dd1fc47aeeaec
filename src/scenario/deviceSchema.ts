// A device group of the scenario schema (schema.ts): its enrollment pattern, polling (a profile's name or
// phases), connection retries, and the platform defaults, declared here once and described from this
// declaration.
import * as z from "zod";
import { isRecord } from "../isRecord.js";
import { nearest } from "./nearest.js";
import { formatDuration } from "./duration.js";
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
/** How long the site takes to write a ConfigMgr client's registration record (an assumption: docs/clients.md). */
const DEFAULT_REGISTRATION_DELAY = "2m";

/** The fields every enrollment (or registration) pattern has; `delay` defaults to `delayDefault`. */
const enrollmentCommon = (delayDefault: string, delayMeaning: string) => ({
  delay: described(duration.prefault(delayDefault), delayMeaning),
  retryAfter: described(duration.prefault("10m"), "Wait after a failed try before the next one"),
  maxAttempts: described(
    int(1).prefault(3),
    "Tries in all before the device gives up (counted as enrollment failed)",
  ),
});

/** The patterns of an enrollment block (MDM devices) or a registration block (ConfigMgr clients). */
const arrivalSchema = (common: ReturnType<typeof enrollmentCommon>, what: string) => {
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
          ...common,
        })
        .refine(endsAfterStart, {
          error: "expected `to` after `from` (enrollments fall in [from, to))",
          path: ["to"],
          // Only once `from` and `to` parsed: a bad duration is reported once, as itself.
          when: (payload) => payload.issues.length === 0,
        }),
      description,
    );

  return described(
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
                ...common,
              }),
              "burst: every device at the same instant",
            ),
            described(
              z.strictObject({
                pattern: described(
                  z.literal("poisson"),
                  "poisson: arrivals at a constant rate from `from` on",
                ),
                from: described(duration.prefault("0s"), "When arrivals start"),
                ratePerMinute: described(
                  z
                    .number()
                    .positive({ error: (iss) => `expected a number > 0, got ${showValue(iss.input)}` }),
                  "Mean arrivals per minute (exponential gaps)",
                ),
                ...common,
              }),
              "poisson: a Poisson arrival process",
            ),
          ],
          {
            error: (iss) => {
              const input: unknown = iss.input;
              const pattern = isRecord(input) && "pattern" in input ? input.pattern : input;
              const guess =
                typeof pattern === "string"
                  ? nearest(pattern, ["uniform", "even", "burst", "poisson"])
                  : undefined;
              return `expected pattern "uniform", "even", "burst" or "poisson", got ${showValue(pattern)}${guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`}`;
            },
          },
        ),
      )
      .optional(),
    what,
  );
};

const EnrollmentSchema = arrivalSchema(
  enrollmentCommon("0s", "From a successful enrollment to its record in the site database (the commit)"),
  'When the group\'s MDM devices enroll and how they retry: `pattern` "uniform" (default), "even", "burst" or "poisson", with that pattern\'s fields; absent: uniform over the first hour',
);

const RegistrationSchema = arrivalSchema(
  enrollmentCommon(
    DEFAULT_REGISTRATION_DELAY,
    "From a successful registration at a management point to the client's record in the site database (the commit); the default is an assumption",
  ),
  "ConfigMgr clients only: when the clients register at a management point and how they retry, with the patterns of `enrollment`; absent: uniform over the first hour",
);

/** What an absent block means: the pattern's defaults. */
const DEFAULT_ENROLLMENT = parseDefault(EnrollmentSchema);
const DEFAULT_REGISTRATION = parseDefault(RegistrationSchema);

function parseDefault<T>(schema: z.ZodType<T | undefined>): T {
  const parsed = schema.parse({});
  if (parsed === undefined) throw new Error("an arrival pattern has no default");
  return parsed;
}

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
export const PLATFORM_DEFAULTS: Readonly<Record<Platform, PlatformDefaults>> = {
  windows: { polling: POLL_PROFILES["configmgr-assumed"].phases, retryCount: 3, retryBackoff: 16 },
  macos: { polling: POLL_PROFILES["configmgr-client"].phases, retryCount: 0, retryBackoff: 16 },
  // An assumption (docs/clients.md): five extra tries 30 s apart and doubling, so a poll at a management
  // point that is down fails five times within ten minutes, which is what makes a client fall back.
  "configmgr-client": { polling: POLL_PROFILES["configmgr-client"].phases, retryCount: 5, retryBackoff: 30 },
};

/** The platforms, in the order they are listed. */
export const PLATFORMS = ["windows", "macos", "configmgr-client"] as const;

/** A device group's platform: an on-prem MDM device (Windows or macOS) or a ConfigMgr client. */
export type Platform = (typeof PLATFORMS)[number];

/** Whether a platform is the Configuration Manager client on a Windows computer (not an MDM device). */
export const isConfigMgrClient = (g: { readonly platform: Platform }): boolean =>
  g.platform === "configmgr-client";

/**
 * A ConfigMgr client registers and an MDM device enrolls: each block belongs to one kind of device. The block
 * a group of `platform` has that belongs to the other kind, with what was expected; undefined when none.
 */
export function strayBlock(
  platform: string,
  blocks: { readonly enrollment?: unknown; readonly registration?: unknown },
): { readonly key: "enrollment" | "registration"; readonly message: string } | undefined {
  const client = platform === "configmgr-client";
  if ((client ? blocks.enrollment : blocks.registration) === undefined) return undefined;
  return client
    ? {
        key: "enrollment",
        message:
          "expected `registration`: a configmgr-client group registers at a management point and does not enroll",
      }
    : {
        key: "registration",
        message: `expected \`enrollment\`: only configmgr-client groups register (this group's platform is ${platform})`,
      };
}

/** A platform's defaults: its polling phases (seconds), its connection retry count and first backoff (s). */
export interface PlatformDefaults {
  readonly polling: readonly PollPhase[];
  readonly retryCount: number;
  readonly retryBackoff: number;
}

const perPlatform = (show: (d: PlatformDefaults) => string): string =>
  PLATFORMS.map((p) => `${p} ${show(PLATFORM_DEFAULTS[p])}`).join(", ");
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
      duration.optional(),
      `Wait before the first extra try; each later one waits twice as long; absent: ${perPlatform((d) => formatDuration(d.retryBackoff))}`,
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
        z.enum(PLATFORMS),
        "windows: Windows 10 on-prem MDM devices (OMA-DM, intranet only); macos: macOS Configuration Manager clients (internet-only clients); configmgr-client: Windows computers with the Configuration Manager client (intranet or internet)",
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
      registration: RegistrationSchema,
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
      userDeployments: described(
        z.boolean().prefault(false),
        "ConfigMgr clients: whether their users install user-available deployments from Software Center (which a management point on a replica does not serve)",
      ),
      mpRefresh: described(
        positiveDuration.optional(),
        "ConfigMgr clients: how often a client that fell back to another management point looks again for one of its own boundary group; absent: the scenario's `mpRefresh`",
      ),
    })
    .transform(({ polling, connectionRetries, enrollment, registration, ...group }, ctx) => {
      const defaults = PLATFORM_DEFAULTS[group.platform];
      const client = isConfigMgrClient(group);
      const stray = strayBlock(group.platform, { enrollment, registration });
      if (stray !== undefined)
        ctx.issues.push({ code: "custom", path: [stray.key], message: stray.message, input: undefined });
      // `enrollment` is the arrival pattern the engines read for both kinds; a client's is its registration.
      const arrival =
        (client ? registration : enrollment) ?? (client ? DEFAULT_REGISTRATION : DEFAULT_ENROLLMENT);
      return {
        ...group,
        enrollment: arrival,
        ...(client ? { registration: arrival } : {}),
        polling: (typeof polling === "string"
          ? POLL_PROFILES[polling].phases
          : (polling ?? defaults.polling)
        ).map((p): { every: number; until?: number } =>
          p.until === undefined ? { every: p.every } : { every: p.every, until: p.until },
        ),
        connectionRetries: {
          ...connectionRetries,
          count: connectionRetries.count ?? defaults.retryCount,
          initialBackoff: connectionRetries.initialBackoff ?? defaults.retryBackoff,
        },
      };
    }),
  "A group of devices that share a platform, a location and a configuration",
);
