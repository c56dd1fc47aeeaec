// The scenario schema: the single source of the types, the defaults, the validation and the JSON Schema.
// Durations are parsed to seconds on the way in, so a parsed scenario is itself a valid input.
import * as z from "zod";
import { DURATION_PATTERN, parseDuration } from "./duration.js";
import { parseIpv4Range } from "./ipv4.js";
import { parseExpectation } from "../results/expectations.js";

// A process parses a scenario once or a few hundred times (a sweep's variants): zod's JIT, which compiles
// each object schema with new Function on first use, costs more at that count than it saves.
z.config({ jitless: true });

/** How a value is shown inside an error message: JSON where possible, with its type otherwise. */
export function showValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  return "an object";
}

const durationSchema = (what: string, positive: boolean) =>
  z
    .union(
      [
        // Nonnegative here too, so the printed JSON Schema says so (the message stays the duration's).
        z
          .number()
          .nonnegative({ error: (iss) => `expected ${what} like "30m", got ${showValue(iss.input)}` }),
        z.string().regex(DURATION_PATTERN, {
          error: (iss) => `expected ${what} like "30m", got ${showValue(iss.input)}`,
        }),
      ],
      { error: (iss) => `expected ${what} like "30m", got ${showValue(iss.input)}` },
    )
    .transform((value, ctx): number => {
      const seconds = parseDuration(value);
      // Messages show the value as written ("0s"), not as parsed.
      if (seconds === undefined) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `expected ${what} like "30m", got ${showValue(value)}`,
        });
        return z.NEVER;
      }
      if (positive && seconds <= 0) {
        ctx.issues.push({
          code: "custom",
          input: value,
          message: `expected a duration > 0, got ${showValue(value)}`,
        });
        return z.NEVER;
      }
      return seconds;
    })
    .meta({ description: 'A duration: "250ms", "30s", "5m", "2h", "1d", "2h15m", or a number of seconds' });

// One instance of each, shared by every field: zod schemas are immutable, and building the scenario schema
// is part of every start (each duration is six zod objects).
const duration = durationSchema("a duration", false);
const positiveDuration = durationSchema("a duration > 0", true);

const isoInstant = z
  .string()
  .refine(
    (text) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
      !Number.isNaN(Date.parse(text)),
    {
      error: (iss) => `expected an ISO 8601 instant like "2026-01-01T00:00:00Z", got ${showValue(iss.input)}`,
    },
  )
  .meta({ description: "An ISO 8601 instant with a time zone" });

const ipv4Range = z
  .string()
  .refine((text) => parseIpv4Range(text) !== undefined, {
    error: (iss) =>
      `expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got ${showValue(iss.input)}`,
  })
  .meta({ description: 'An inclusive IPv4 range "10.1.0.1-10.1.255.254" or CIDR "10.1.0.0/16"' });

const name = z.string().min(1, { error: "expected a non-empty name" });
const intSchema = (min: number) =>
  z
    .number()
    .int({ error: (iss) => `expected an integer >= ${min}, got ${showValue(iss.input)}` })
    .min(min, {
      error: (iss) => `expected an integer >= ${min}, got ${showValue(iss.input)}`,
    });
const INTS = [intSchema(0), intSchema(1)] as const;
const int = (min: 0 | 1) => INTS[min];

const outage = z.strictObject({ from: duration, to: duration }).refine((o) => o.to > o.from, {
  error: "expected `to` after `from`",
});

/** How a role accepts client connections, as on its Communication or General tab. */
export const ConnectionsSchema = z.enum(["intranet", "internet", "intranetAndInternet"]);

const ReplicaSchema = z
  .strictObject({
    name,
    syncInterval: positiveDuration.default(300),
    syncOffset: duration.optional(),
    applyDelay: duration.default(0),
    outages: z.array(outage).default([]),
  })
  .refine((r) => r.syncOffset === undefined || r.syncOffset < r.syncInterval, {
    error: "expected syncOffset < syncInterval",
    path: ["syncOffset"],
  });

const CertificateSchema = z.strictObject({
  issuer: z.string(),
  names: z.array(z.string()).optional(),
  notBefore: isoInstant.optional(),
  notAfter: isoInstant.optional(),
  crl: z.enum(["http", "ldap"]).default("http"),
});

const RolesSchema = z
  .strictObject({
    enrollmentPoint: z.strictObject({ https: z.boolean().default(true) }).optional(),
    enrollmentProxyPoint: z
      .strictObject({ https: z.boolean().default(true), connections: ConnectionsSchema.default("intranet") })
      .optional(),
    distributionPoint: z
      .strictObject({
        https: z.boolean(),
        connections: ConnectionsSchema.default("intranet"),
        allowMobileDevices: z.boolean().default(false),
      })
      .optional(),
    managementPoint: z
      .strictObject({
        https: z.boolean(),
        connections: ConnectionsSchema.default("intranet"),
        allowMobileDevicesAndMacs: z.boolean().default(false),
        database: z.string().default("site"),
      })
      .optional(),
  })
  .refine((r) => Object.keys(r).length > 0, { error: "expected at least one role" });

const ServerSchema = z
  .strictObject({
    name,
    internetFqdn: z.string().optional(),
    certificate: CertificateSchema.nullable().optional(),
    outages: z.array(outage).default([]),
    roles: RolesSchema,
  })
  .transform((server) =>
    // A certificate object without `names` names the server: [name, internetFqdn].
    server.certificate != null && server.certificate.names === undefined
      ? {
          ...server,
          certificate: {
            ...server.certificate,
            names: [server.name, ...(server.internetFqdn !== undefined ? [server.internetFqdn] : [])],
          },
        }
      : server,
  );

const BoundarySchema = z.strictObject({
  name,
  type: z.enum(["ipv4Range", "ipSubnet", "adSite", "ipv6Prefix", "vpn"]),
  value: z.string(),
});

const BoundaryGroupSchema = z.strictObject({
  name,
  boundaries: z.array(z.string()).default([]),
  servers: z.array(z.string()).default([]),
});

const enrollmentCommon = {
  delay: duration.default(0),
  retryAfter: duration.default(600),
  maxAttempts: int(1).default(3),
};

/** An enrollment pattern over the span [from, to): `uniform` and `even`. */
const spanPattern = <P extends "uniform" | "even">(pattern: P) =>
  z
    .strictObject({
      pattern: z.literal(pattern),
      from: duration.default(0),
      to: duration.default(3600),
      ...enrollmentCommon,
    })
    .refine((e) => e.to > e.from, {
      error: "expected `to` after `from` (enrollments fall in [from, to))",
      path: ["to"],
      // Only once `from` and `to` parsed: a bad duration is reported once, as itself.
      when: (payload) => payload.issues.length === 0,
    });

const EnrollmentSchema = z.preprocess(
  // "uniform" is the default pattern, so `{ "delay": "1m" }` alone is a valid enrollment block.
  (value) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && !("pattern" in value)
      ? { pattern: "uniform", ...value }
      : value,
  z.discriminatedUnion(
    "pattern",
    [
      spanPattern("uniform"),
      spanPattern("even"),
      z.strictObject({ pattern: z.literal("burst"), at: duration.default(0), ...enrollmentCommon }),
      z.strictObject({
        pattern: z.literal("poisson"),
        from: duration.default(0),
        ratePerMinute: z
          .number()
          .positive({ error: (iss) => `expected a number > 0, got ${showValue(iss.input)}` }),
        ...enrollmentCommon,
      }),
    ],
    {
      error: (iss) => {
        const input: unknown = iss.input;
        const pattern =
          input !== null && typeof input === "object" && "pattern" in input ? input.pattern : input;
        return `expected pattern "uniform", "even", "burst" or "poisson", got ${showValue(pattern)}`;
      },
    },
  ),
);

const PollingEntrySchema = z.strictObject({ every: positiveDuration, until: duration.optional() });

const ConnectionRetriesSchema = z.strictObject({
  count: int(0).optional(),
  initialBackoff: duration.optional(),
  on: z.enum(["connection", "any"]).optional(),
});

const PLATFORM_DEFAULTS = {
  windows: {
    polling: [
      { every: 180, until: 900 },
      { every: 3600, until: undefined },
    ],
    connectionRetries: { count: 3, initialBackoff: 16, on: "connection" as const },
  },
  macos: {
    polling: [{ every: 3600, until: undefined }],
    connectionRetries: { count: 0, initialBackoff: 16, on: "connection" as const },
  },
};

const DeviceGroupSchema = z
  .strictObject({
    name,
    platform: z.enum(["windows", "macos"]),
    count: int(1),
    location: z.enum(["intranet", "internet"]).default("intranet"),
    addresses: ipv4Range.optional(),
    trustedRoots: z.array(z.string()).optional(),
    enrollment: EnrollmentSchema.default({
      pattern: "uniform",
      from: 0,
      to: 3600,
      delay: 0,
      retryAfter: 600,
      maxAttempts: 3,
    }),
    polling: z.array(PollingEntrySchema).min(1, { error: "expected at least one polling entry" }).optional(),
    firstPollDelay: duration.default(0),
    jitter: duration.default(0),
    connectionRetries: ConnectionRetriesSchema.optional(),
    managementPoint: z.string().optional(),
    content: z.boolean().default(false),
  })
  .transform((group) => {
    const defaults = PLATFORM_DEFAULTS[group.platform];
    const polling = (group.polling ?? defaults.polling).map((p): { every: number; until?: number } =>
      p.until === undefined ? { every: p.every } : p,
    );
    const retries = group.connectionRetries ?? {};
    return {
      ...group,
      polling,
      connectionRetries: {
        count: retries.count ?? defaults.connectionRetries.count,
        initialBackoff: retries.initialBackoff ?? defaults.connectionRetries.initialBackoff,
        on: retries.on ?? defaults.connectionRetries.on,
      },
    };
  });

const SiteSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Za-z0-9]{3}$/, {
      error: (iss) => `expected 3 letters or digits, got ${showValue(iss.input)}`,
    })
    .default("PS1"),
  type: z.enum(["primary", "secondary"]).default("primary"),
  replicas: z.array(ReplicaSchema).default([]),
  servers: z.array(ServerSchema).min(1, { error: "expected at least one server" }),
  boundaries: z.array(BoundarySchema).default([]),
  boundaryGroups: z.array(BoundaryGroupSchema).default([]),
});

const ScenarioObject = z.strictObject({
  $schema: z.string().optional().meta({ description: "Editors' JSON Schema reference; ignored" }),
  name,
  description: z.string().default(""),
  seed: int(0).default(1),
  start: isoInstant.default("2026-01-01T00:00:00Z"),
  duration: positiveDuration,
  site: SiteSchema,
  devices: z.array(DeviceGroupSchema).min(1, { error: "expected at least one device group" }),
  expectations: z.array(z.string()).default([]),
});

/** The scenario schema (zod): parsing applies defaults and turns every duration into seconds. */
// A transform (a pipe) runs only when every field parsed, so the cross-field rules see well-formed data.
export const ScenarioSchema = ScenarioObject.transform((scenario, ctx) => {
  checkReferences(scenario, (path, message) =>
    ctx.issues.push({ code: "custom", path, message, input: undefined }),
  );
  return scenario;
});

/** A scenario as written in a file (durations as strings or seconds, defaults absent). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario: defaults applied, durations in seconds, references checked. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A site system server of a validated scenario. */
export type Server = Scenario["site"]["servers"][number];
/** A device group of a validated scenario. */
export type DeviceGroup = Scenario["devices"][number];
/** A database replica of a validated scenario. */
export type Replica = Scenario["site"]["replicas"][number];
/** A server certificate object (absent means trusted by every device and naming the server). */
export type Certificate = NonNullable<Server["certificate"]>;
/** One outage window `[from, to)` in seconds. */
export type Outage = Server["outages"][number];
/** `intranet`, `internet` or `intranetAndInternet`. */
export type Connections = z.output<typeof ConnectionsSchema>;

type Report = (path: (string | number)[], message: string) => void;

function checkUnique(
  items: readonly { name: string }[],
  at: (string | number)[],
  what: string,
  report: Report,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) report([...at, i, "name"], `duplicate ${what} name ${showValue(item.name)}`);
    seen.add(item.name);
  });
}

// Cross-field rules: unique names, references that resolve, increasing `until`, addresses where required.
function checkReferences(s: z.output<typeof ScenarioObject>, report: Report): void {
  const { site } = s;
  checkUnique(site.servers, ["site", "servers"], "server", report);
  checkUnique(site.replicas, ["site", "replicas"], "replica", report);
  checkUnique(site.boundaries, ["site", "boundaries"], "boundary", report);
  checkUnique(site.boundaryGroups, ["site", "boundaryGroups"], "boundary group", report);
  checkUnique(s.devices, ["devices"], "device group", report);
  const replicaNames = site.replicas.map((r) => r.name);
  const serverNames = new Set(site.servers.map((x) => x.name));
  const boundaryNames = new Set(site.boundaries.map((b) => b.name));
  site.servers.forEach((server, i) => {
    const db = server.roles.managementPoint?.database;
    if (db !== undefined && db !== "site" && !replicaNames.includes(db)) {
      const known = ['"site"', ...replicaNames.map((n) => JSON.stringify(n))].join(", ");
      report(
        ["site", "servers", i, "roles", "managementPoint", "database"],
        `expected "site" or a replica name (${known}), got ${showValue(db)}`,
      );
    }
    server.outages.forEach((o, j) => {
      if (!(o.to > o.from)) report(["site", "servers", i, "outages", j], "expected `to` after `from`");
    });
  });
  site.boundaries.forEach((b, i) => {
    if (b.type === "ipv4Range" && parseIpv4Range(b.value) === undefined) {
      report(
        ["site", "boundaries", i, "value"],
        `expected an IPv4 range like "10.1.0.1-10.1.255.254" or "10.1.0.0/16", got ${showValue(b.value)}`,
      );
    }
  });
  site.boundaryGroups.forEach((g, i) => {
    g.boundaries.forEach((b, j) => {
      if (!boundaryNames.has(b))
        report(
          ["site", "boundaryGroups", i, "boundaries", j],
          `expected the name of a boundary, got ${showValue(b)}`,
        );
    });
    g.servers.forEach((n, j) => {
      if (!serverNames.has(n))
        report(
          ["site", "boundaryGroups", i, "servers", j],
          `expected the name of a server, got ${showValue(n)}`,
        );
    });
  });
  s.expectations.forEach((text, i) => {
    try {
      parseExpectation(text);
    } catch (error) {
      report(["expectations", i], error instanceof Error ? error.message : String(error));
    }
  });
  s.devices.forEach((g, i) => {
    g.polling.forEach((p, j) => {
      const last = j === g.polling.length - 1;
      if (last && p.until !== undefined)
        report(["devices", i, "polling", j, "until"], "expected no `until` on the last polling entry");
      if (!last && p.until === undefined)
        report(["devices", i, "polling", j], "expected `until` on every polling entry but the last");
      const prev = j > 0 ? g.polling[j - 1]?.until : undefined;
      if (p.until !== undefined && prev !== undefined && !(p.until > prev)) {
        report(
          ["devices", i, "polling", j, "until"],
          `expected \`until\` greater than ${prev}s (strictly increasing), got ${p.until}s`,
        );
      }
    });
    if (g.location === "intranet" && g.platform === "windows" && g.addresses === undefined) {
      report(["devices", i, "addresses"], "expected an IPv4 range: intranet Windows groups need `addresses`");
    }
    if (g.managementPoint !== undefined) {
      const server = s.site.servers.find((x) => x.name === g.managementPoint);
      if (server?.roles.managementPoint === undefined) {
        report(
          ["devices", i, "managementPoint"],
          `expected the name of a server with a management point, got ${showValue(g.managementPoint)}`,
        );
      }
    }
  });
}
