// The scenario schema: the one declaration of the types, the defaults, the descriptions, the validation and
// (through jsonSchema.ts) the JSON Schema and docs/scenario.md. Every default is declared on its field as
// written in a file ("5m", not 300), so `mdmsim schema` shows it; the platform defaults, which depend on
// another field, are declared once (deviceSchema.ts, with the rest of a device group) and described from
// that declaration.
// Durations are parsed to seconds on the way in, so a parsed scenario is itself a valid input.
import * as z from "zod";
import { EXPECTATION_PATTERN } from "./expectation.js";
import {
  described,
  duration,
  endsAfterStart,
  int,
  IPV4_RANGE_PATTERN,
  isoInstant,
  name,
  timeDistribution,
  positiveDuration,
  showValue,
} from "./primitives.js";
import { checkReferences } from "./references.js";
import { declaredServerNames } from "./serverKey.js";
import { DeviceGroupSchema } from "./deviceSchema.js";
import { DeploymentSchema } from "./deploymentSchema.js";
import { capacity } from "./capacitySchema.js";

export { showValue } from "./primitives.js";
export { PLATFORM_DEFAULTS, type PlatformDefaults } from "./deviceSchema.js";

/** A replica's `syncInterval` when the file gives none (the documented default schedule). */
export const DEFAULT_SYNC_INTERVAL = "5m";
/** The run's `start` when the file gives none. */
export const DEFAULT_START = "2026-01-01T00:00:00Z";

const outage = described(
  z.strictObject({
    from: described(duration, "Start of the outage, from the run's start"),
    to: described(duration, "End of the outage (not included): up again at `to`"),
  }),
  "A window `[from, to)` in which the thing is down; `to` must be after `from`",
).refine(endsAfterStart, { error: "expected `to` after `from`" });

const outages = (what: string) =>
  described(z.array(outage).prefault([]), `Windows in which ${what} is down, each \`{ from, to }\``);

/** How a role accepts client connections, as on its Communication or General tab. */
export const ConnectionsSchema = z.enum(["intranet", "internet", "intranetAndInternet"]);

const connections = described(
  ConnectionsSchema.prefault("intranet"),
  'Which clients the role accepts, as on the role\'s General or Communication tab: "intranet" (Allow intranet-only connections), "internet" (internet-only: devices outside the network, and every macOS client, which installs as an internet-only client) or "intranetAndInternet" (both)',
);

const ReplicaSchema = described(
  z
    .strictObject({
      name: described(name, "The replica's name; a management point's `database` refers to it"),
      syncInterval: described(
        positiveDuration.prefault(DEFAULT_SYNC_INTERVAL),
        "How often the replica pulls from the site database (the subscription's schedule)",
      ),
      syncOffset: described(
        duration.optional(),
        "When the first sync starts, less than `syncInterval`; absent: drawn at random from the seed",
      ),
      applyDelay: described(
        timeDistribution.prefault("0s"),
        'How long after a sync starts its records become visible (the time to apply the batch): a duration, or `{ mean, distribution: "exponential" | "lognormal", cv }` drawn for each sync (a later sync\'s records never become visible before an earlier one\'s)',
      ),
      outages: outages(
        "the replica's sync (replication paused: a sync due inside one is skipped, the next carries everything; the replica still answers with what it holds)",
      ),
      serverOutages: outages(
        "the replica's SQL Server (its management points fail with database-unavailable and its syncs are skipped)",
      ),
      capacity,
      syncCost: described(
        duration.prefault("0s"),
        "The site-database work one sync takes: it holds one site-database worker that long when the site database has a `capacity`",
      ),
    })
    .refine((r) => r.syncOffset === undefined || r.syncOffset < r.syncInterval, {
      error: "expected syncOffset < syncInterval",
      path: ["syncOffset"],
    }),
  "A SQL Server replica of the site database that management points may read instead of the site database",
);

const CertificateSchema = z.strictObject({
  issuer: described(z.string(), "The root CA that issued the web server certificate"),
  names: described(
    z.array(z.string()).optional(),
    "The DNS names on the certificate (`*.` matches one label); absent: the server's `name` and `internetFqdn`",
  ),
  notBefore: described(isoInstant.optional(), "Start of validity; absent: valid from any time"),
  notAfter: described(
    isoInstant.optional(),
    "End of validity (expired at this instant); absent: never expires",
  ),
  crl: described(
    z.enum(["http", "ldap"]).prefault("http"),
    "Where the certificate's revocation list is published; macOS clients always check it and cannot read an LDAP one",
  ),
});

const https = (fallback?: true) =>
  described(
    fallback ? z.boolean().prefault(true) : z.boolean(),
    "Whether the role uses HTTPS; on-prem MDM requires it",
  );

const RolesSchema = described(
  z
    .strictObject({
      enrollmentPoint: described(
        z.strictObject({ https: https(true), capacity }).optional(),
        "The enrollment point: the enrollment proxy point forwards enrollments to it and it writes the device's record to the site database",
      ),
      enrollmentProxyPoint: described(
        z.strictObject({ https: https(true), connections, capacity }).optional(),
        "The enrollment proxy point: devices send their enrollment requests to it",
      ),
      distributionPoint: described(
        z
          .strictObject({
            https: https(),
            connections,
            allowMobileDevices: described(
              z.boolean().prefault(false),
              '"Allow mobile devices to connect to this distribution point"; off by default, as in the console',
            ),
            capacity,
          })
          .optional(),
        "A distribution point: serves content to devices",
      ),
      managementPoint: described(
        z
          .strictObject({
            https: https(),
            connections,
            allowMobileDevicesAndMacs: described(
              z.boolean().prefault(false),
              '"Allow mobile devices and Mac computers to use this management point": turns the MP into a device management point (DMP), the only kind MDM devices and Macs can use; off by default, as in the console',
            ),
            database: described(
              z.string().prefault("site"),
              'Which database the MP reads: "site" (the site database, which has a record the moment it is committed) or the name of a replica (which has it only after its next sync); macOS clients cannot use an MP on a replica',
            ),
            capacity,
          })
          .optional(),
        "A management point; with `allowMobileDevicesAndMacs` a device management point",
      ),
    })
    .refine((r) => Object.keys(r).length > 0, { error: "expected at least one role" })
    .meta({ minProperties: 1 }),
  "The roles this server holds, at least one",
);

/** The names a certificate without `names` carries: the server's name and internet FQDN. */
export function serverNames(server: { name: string; internetFqdn?: string | undefined }): string[] {
  return [server.name, ...(server.internetFqdn !== undefined ? [server.internetFqdn] : [])];
}

const ServerSchema = described(
  z
    .strictObject({
      name: described(
        name,
        "The server's name, as on the site system's General tab: its intranet FQDN (a name without a dot, or an IP address, fails with name-not-fqdn)",
      ),
      internetFqdn: described(
        z.string().optional(),
        "The internet FQDN, used by internet devices and by macOS clients toward DPs and DMPs; absent: they use `name`",
      ),
      certificate: described(
        CertificateSchema.nullable().optional(),
        "The web server certificate bound in IIS. Absent: a certificate every device trusts that names the server. null: no certificate bound, so every HTTPS role on the server fails with no-certificate",
      ),
      outages: outages("the whole server (every role)"),
      roles: RolesSchema,
    })
    .transform(({ certificate, ...server }) =>
      certificate == null
        ? { ...server, ...(certificate === null ? { certificate: null } : {}) }
        : { ...server, certificate: { ...certificate, names: certificate.names ?? serverNames(server) } },
    ),
  "A site system server holding one or more roles",
);

const BoundarySchema = described(
  z
    .strictObject({
      name: described(name, "The boundary's name; boundary groups list it"),
      type: described(
        z.enum(["ipv4Range", "ipSubnet", "adSite", "ipv6Prefix", "vpn"]),
        "The boundary type, as in the console; only ipv4Range boundaries work for on-prem MDM",
      ),
      value: described(
        z.string(),
        'The boundary\'s value; for ipv4Range an IPv4 range like "10.1.0.1-10.1.255.254"',
      ),
    })
    // The loader checks an ipv4Range value in references.ts; JSON Schema says the same with if/then.
    .meta({
      if: { properties: { type: { const: "ipv4Range" } }, required: ["type"] },
      then: { properties: { value: { type: "string", pattern: IPV4_RANGE_PATTERN } } },
    }),
  "A network location",
);

const BoundaryGroupSchema = described(
  z.strictObject({
    name: described(name, "The boundary group's name"),
    boundaries: described(z.array(z.string()).prefault([]), "Names of the boundaries in the group"),
    servers: described(
      z.array(z.string()).prefault([]),
      "Names of the site systems serving devices inside the group: intranet devices prefer these DMPs and fetch content from these DPs",
    ),
  }),
  "Boundaries and the site systems that serve devices inside them",
);

const DatabaseSchema = described(
  z.strictObject({
    outages: outages(
      "the site database's SQL Server (management points on it fail with database-unavailable, enrollments fail at the enrollment point, replica syncs are skipped)",
    ),
    capacity,
  }),
  "The site database's SQL Server",
).prefault({});

const SiteSchema = described(
  z.strictObject({
    code: described(
      z
        .string()
        .regex(/^[A-Za-z0-9]{3}$/, {
          error: (iss) => `expected 3 letters or digits, got ${showValue(iss.input)}`,
        })
        .prefault("PS1"),
      "The site code: 3 letters or digits",
    ),
    type: described(
      z.enum(["primary", "secondary"]).prefault("primary"),
      "Enrollment points, enrollment proxy points and database replicas exist only at a primary site",
    ),
    database: DatabaseSchema,
    replicas: described(z.array(ReplicaSchema).prefault([]), "Database replicas of the site database"),
    servers: described(
      z.array(ServerSchema).min(1, { error: "expected at least one server" }),
      "Site system servers, at least one",
    ),
    boundaries: described(z.array(BoundarySchema).prefault([]), "Boundaries"),
    boundaryGroups: described(z.array(BoundaryGroupSchema).prefault([]), "Boundary groups"),
    defaultBoundaryGroup: described(
      z.string().optional(),
      "ConfigMgr clients: the boundary group whose management points serve clients outside every boundary group (the site's default boundary group); absent: every management point",
    ),
  }),
  "The Configuration Manager primary site: its servers, database replicas and boundaries",
);

const ScenarioObject = z.strictObject({
  $schema: described(z.string().optional(), "Editors' JSON Schema reference; ignored"),
  name: described(name, "The scenario's name, shown in every report"),
  description: described(z.string().prefault(""), "What the scenario is about, in a sentence"),
  seed: described(int(0).prefault(1), "The master seed of every random draw; --seed overrides it"),
  start: described(
    isoInstant.prefault(DEFAULT_START),
    "The wall time of the run's start (t = 0), used for certificate validity only",
  ),
  duration: described(positiveDuration, "How long the run lasts"),
  site: SiteSchema,
  devices: described(
    z.array(DeviceGroupSchema).min(1, { error: "expected at least one device group" }),
    "The device groups, at least one",
  ),
  mpRefresh: described(
    positiveDuration.prefault("24h"),
    "ConfigMgr clients: the refresh cycle of every client group that does not give its own `mpRefresh` (a client that fell back to another management point goes back to one of its own boundary group at its next refresh)",
  ),
  deployments: described(
    z.array(DeploymentSchema).prefault([]),
    "Changes made during the run (policies, applications, MDM commands): results report when the targeted devices receive each",
  ),
  expectations: described(
    z.array(z.string().meta({ pattern: EXPECTATION_PATTERN })).prefault([]),
    'Thresholds on the result, each "PATH OP VALUE" like "timeToFirstSuccessSeconds.p99 <= 6m"; a failed one makes run exit 1',
  ),
});

/** The scenario schema (zod): parsing applies defaults and turns every duration into seconds. */
// A transform (a pipe) runs only when every field parsed, so the cross-field rules see well-formed data.
export const ScenarioSchema = ScenarioObject.transform((scenario, ctx) => {
  checkReferences(scenario, (path, message) =>
    ctx.issues.push({ code: "custom", path, message, input: undefined }),
  );
  // A server named in another case is that server (DNS names ignore case): the engines see one spelling.
  const declaredServer = declaredServerNames(scenario.site.servers.map((x) => x.name));
  const declared = (n: string) => declaredServer(n) ?? n;
  // A group's refresh cycle: its own, else the scenario's.
  return {
    ...scenario,
    site: {
      ...scenario.site,
      boundaryGroups: scenario.site.boundaryGroups.map((g) => ({ ...g, servers: g.servers.map(declared) })),
    },
    devices: scenario.devices.map((g) => ({
      ...g,
      ...(g.managementPoint !== undefined ? { managementPoint: declared(g.managementPoint) } : {}),
      mpRefresh: g.mpRefresh ?? scenario.mpRefresh,
    })),
  };
});

/** A scenario as written in a file (durations as strings or seconds, defaults absent). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario: defaults applied, durations in seconds, references checked. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A site system server of a validated scenario. */
export type Server = Scenario["site"]["servers"][number];
/** A device group of a validated scenario. */
export type DeviceGroup = Scenario["devices"][number];
/** A deployment of a validated scenario. */
export type Deployment = Scenario["deployments"][number];
/** A database replica of a validated scenario. */
export type Replica = Scenario["site"]["replicas"][number];
/** A server certificate object (absent means trusted by every device and naming the server). */
export type Certificate = NonNullable<Server["certificate"]>;
/** A random time as a validated scenario holds it: seconds, or a distribution with its mean in seconds. */
export type TimeDistribution = Replica["applyDelay"];
/** One outage window `[from, to)` in seconds. */
export type Outage = Server["outages"][number];
/** `intranet`, `internet` or `intranetAndInternet`. */
export type Connections = z.output<typeof ConnectionsSchema>;
