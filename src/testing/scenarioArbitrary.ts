// A fast-check arbitrary of valid scenarios (as files would say them), small by default. Built from
// independent choices, so it shrinks to smaller valid scenarios.
import fc from "fast-check";
import type { ScenarioInput } from "../scenario/schema.js";
import { capacityArbitrary } from "./capacityArbitrary.js";

/** What `scenarioArbitrary` may generate. */
export interface ScenarioConstraints {
  /** Platforms of the device groups. @defaultValue the two MDM platforms, plus clients with `clients` */
  readonly platforms?: readonly ("windows" | "macos" | "configmgr-client")[];
  /**
   * Whether groups may be ConfigMgr clients (registration, fallback after failed tries, refreshes), the site
   * may name a default boundary group, and the scenario may have deployments. @defaultValue false
   */
  readonly clients?: boolean;
  /** Whether management points may read replicas. @defaultValue true */
  readonly replicas?: boolean;
  /**
   * Whether servers, replicas (paused or their SQL Server down) and the site database may have outages.
   * @defaultValue true
   */
  readonly outages?: boolean;
  /** Whether replicas' apply delays may be drawn per sync (exponential, lognormal). @defaultValue true */
  readonly randomApplyDelays?: boolean;
  /** Whether roles may be misconfigured (HTTP, flags off, intranet-only for Macs, bad certificates). @defaultValue false */
  readonly misconfigurations?: boolean;
  /**
   * Also rarer shapes: several enrollment proxy points; with misconfigurations, sites without an EPP, an EP
   * or an MP, Windows devices on the internet, certificates naming other hosts, not yet valid or with LDAP
   * CRLs. @defaultValue false
   */
  readonly rareCases?: boolean;
  /** Most devices in one group. @defaultValue 30 */
  readonly maxDevicesPerGroup?: number;
  /** Most device groups. @defaultValue 3 */
  readonly maxGroups?: number;
  /**
   * Whether roles, the site database and replicas may have a `capacity` (small: 1–3 workers, service times
   * of seconds to minutes, short queues), groups a `requestTimeout` and replicas a `syncCost`, so that
   * queues, refusals, timeouts and ties at one instant happen. @defaultValue false
   */
  readonly capacities?: boolean;
}

const ROOT = "Contoso Root CA";

/**
 * Valid scenarios: one to three servers (the first holds an EP and an EPP), zero to
 * two replicas, device groups of Windows intranet devices and macOS clients (some pinned to an MP, some with
 * small address ranges that wrap), boundary groups that may split the addresses between DMPs, outages in
 * the run (of servers, of replication, of replicas' and the site database's SQL Servers), apply delays drawn
 * per sync, enrollment and connection retries, durations of 30 minutes to 4 hours; with misconfigurations,
 * roles on HTTP, flags off, wrong connection types, bad certificates (and `rareCases`).
 * @param constraints - what to allow; see `ScenarioConstraints`
 */
export function scenarioArbitrary(constraints: ScenarioConstraints = {}): fc.Arbitrary<ScenarioInput> {
  const withClients = constraints.clients ?? false;
  const platforms =
    constraints.platforms ?? (withClients ? ["windows", "macos", "configmgr-client"] : ["windows", "macos"]);
  const withReplicas = constraints.replicas ?? true;
  const withOutages = constraints.outages ?? true;
  const randomDelays = constraints.randomApplyDelays ?? true;
  const misconfigure = constraints.misconfigurations ?? false;
  const rareShapes = constraints.rareCases ?? false;
  const rare = misconfigure && rareShapes;
  const maxDevices = constraints.maxDevicesPerGroup ?? 30;
  const maxGroups = constraints.maxGroups ?? 3;
  const loaded = constraints.capacities ?? false;
  /** A capacity where capacities are allowed (fc.constant draws nothing: other properties keep their cases). */
  const capacity = loaded ? capacityArbitrary : fc.constant(undefined);

  const durationMinutes = fc.integer({ min: 30, max: 240 });
  return durationMinutes.chain((minutes) => {
    const run = minutes * 60;
    const outage = fc
      .tuple(fc.integer({ min: 0, max: run - 60 }), fc.integer({ min: 1, max: 3600 }))
      .map(([from, length]) => ({ from, to: from + length }));
    const outages = withOutages ? fc.array(outage, { maxLength: 2 }) : fc.constant([]);
    const replica = (i: number) =>
      fc.record({
        name: fc.constant(`replica${i + 1}`),
        syncInterval: fc.integer({ min: 1, max: 20 }).map((m) => m * 60),
        syncOffset: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
        applyDelay: fc.integer({ min: 0, max: 120 }),
        cv: fc.constantFrom(0.1, 0.5, 3, 100),
        delayKind: randomDelays
          ? fc.constantFrom("constant", "constant", "exponential", "lognormal")
          : fc.constant("constant"),
        outages,
        serverOutages: withOutages ? fc.array(outage, { maxLength: 1 }) : fc.constant([]),
        capacity,
        syncCost: loaded ? fc.constantFrom(0, 0, 5, 60, 400) : fc.constant(0),
      });
    const replicas = withReplicas
      ? fc
          .integer({ min: 0, max: 2 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => replica(i))))
      : fc.constant([]);
    // A misconfigured setting is wrong one time in three, so most sites still get far enough to fail later.
    const flag = (good: boolean) => (misconfigure ? fc.constantFrom(good, good, !good) : fc.constant(good));
    const connections = (good: "intranet" | "intranetAndInternet") =>
      misconfigure
        ? fc.constantFrom<"intranet" | "internet" | "intranetAndInternet">(good, good, "intranet", "internet")
        : fc.constant(good);

    return replicas.chain((reps) => {
      const databases = ["site", ...reps.map((r) => r.name)];
      const server = (i: number) =>
        fc.record({
          name: misconfigure
            ? fc.constantFrom(`cm0${i + 1}.corp.contoso.com`, `cm0${i + 1}`)
            : fc.constant(`cm0${i + 1}.corp.contoso.com`),
          certificate: misconfigure
            ? fc.constantFrom<
                | null
                | undefined
                | { issuer: string; notAfter?: string; notBefore?: string; names?: string[]; crl?: string }
              >(
                undefined,
                { issuer: ROOT },
                { issuer: "Fabrikam Root CA" },
                null,
                { issuer: ROOT, notAfter: "2026-01-01T01:00:00Z" },
                ...(rare
                  ? [
                      { issuer: ROOT, notBefore: "2026-01-01T00:20:00Z" },
                      { issuer: ROOT, names: ["*.fabrikam.com"] },
                      { issuer: ROOT, names: ["*.contoso.com"] },
                      { issuer: ROOT, crl: "ldap" },
                    ]
                  : []),
              )
            : fc.constantFrom<undefined | { issuer: string }>(undefined, { issuer: ROOT }),
          outages,
          mp: fc.boolean(),
          dp: fc.boolean(),
          epp: rareShapes ? fc.boolean() : fc.constant(false),
          // The first server's core roles: all of them, or (misconfigured) one missing.
          core: rare
            ? fc.constantFrom("all", "all", "all", "all", "all", "all", "no-epp", "no-ep", "no-mp", "http-ep")
            : fc.constant("all"),
          https: flag(true),
          allow: flag(true),
          dpAllow: flag(true),
          dpHttps: flag(true),
          macConnections: connections("intranetAndInternet"),
          database: fc.constantFrom(...databases),
          capacities: fc.tuple(capacity, capacity, capacity, capacity),
        });
      const servers = fc
        .integer({ min: 1, max: 3 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => server(i))));
      const group = (i: number) =>
        fc.record({
          name: fc.constant(`group${i + 1}`),
          platform: fc.constantFrom(...platforms),
          count: fc.integer({ min: 1, max: maxDevices }),
          pattern: fc.constantFrom("uniform", "even", "burst", "poisson"),
          enrollTo: fc.integer({ min: 1, max: run }),
          delay: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 600, max: 3600 })),
          firstPollDelay: fc.integer({ min: 0, max: 300 }),
          jitter: fc.integer({ min: 0, max: 60 }),
          polling: fc.constantFrom<{ every: number; until?: number }[] | string | undefined>(
            undefined,
            [{ every: 300 }],
            [{ every: 60, until: 600 }, { every: 1800 }],
            "intune-estimate",
            "dmclient-default",
          ),
          retries: fc.integer({ min: 0, max: 3 }),
          retryOn: fc.constantFrom("connection", "any"),
          maxAttempts: fc.integer({ min: 1, max: 3 }),
          retryAfter: fc.integer({ min: 1, max: 15 }).map((m) => m * 60),
          addresses: fc.constantFrom("10.1.2.0/24", "10.1.2.0/30", "10.1.2.126-10.1.2.129", "10.2.0.0/30"),
          internet: rare ? fc.constantFrom(false, false, false, true) : fc.constant(false),
          pin: fc.option(fc.nat({ max: 2 }), { freq: 3, nil: undefined }),
          content: fc.boolean(),
          requestTimeout: loaded ? fc.constantFrom(5, 30, 60, 120, 600) : fc.constant(undefined),
          // ConfigMgr clients: with or without addresses (outside every boundary: the default group's MPs),
          // their backoff, their refresh (short enough to come back inside a run), user deployments.
          clientAddressed: fc.constantFrom(true, true, false),
          backoff: fc.constantFrom(undefined, 5, 30, 60),
          clientRetries: fc.constantFrom(undefined, 0, 2, 5),
          mpRefresh: fc.constantFrom(undefined, 900, 1800, 3600),
          // User deployments against replica-backed MPs are an error (replica-user-deployments): misconfigured only.
          userDeployments: misconfigure ? fc.boolean() : fc.constant(false),
        });
      const groups = fc
        .integer({ min: 1, max: maxGroups })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => group(i))));
      const deployment = (i: number) =>
        fc.record({
          name: fc.constant(`deployment${i + 1}`),
          at: fc.integer({ min: 0, max: run }),
          groups: fc.option(fc.constantFrom(["group1"], ["group1", "group2"]), { nil: undefined }),
        });
      const deployments = withClients
        ? fc
            .integer({ min: 0, max: 2 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => deployment(i))))
        : fc.constant([]);
      return fc
        .tuple(
          servers,
          groups,
          fc.integer({ min: 0, max: 1000 }),
          fc.boolean(),
          withOutages ? fc.array(outage, { maxLength: 1 }) : fc.constant([]),
          capacity,
          deployments,
          withClients ? fc.constantFrom(undefined, "Low", "High", "HQ") : fc.constant(undefined),
        )
        .map(
          ([
            srvs,
            grps,
            seed,
            split,
            databaseOutages,
            databaseCapacity,
            deps,
            defaultGroup,
          ]): ScenarioInput => {
            const anyMac = grps.some((g) => g.platform === "macos");
            const core = srvs[0]?.core ?? "all";
            const serverList = srvs.map((s, i) => {
              const roles: Record<string, unknown> = {};
              if (i === 0 && core !== "no-ep") roles.enrollmentPoint = { https: core !== "http-ep" };
              if ((i === 0 && core !== "no-epp") || (i > 0 && s.epp))
                roles.enrollmentProxyPoint = { https: s.https, connections: "intranet" };
              const conn = anyMac ? s.macConnections : misconfigure ? s.macConnections : "intranet";
              if (core === "no-mp" ? false : s.mp || i === 0) {
                roles.managementPoint = {
                  https: s.https,
                  connections: conn,
                  allowMobileDevicesAndMacs: s.allow,
                  // Macs cannot use replica-backed MPs: keep correct sites correct.
                  database: anyMac && !misconfigure ? "site" : s.database,
                };
              }
              // A server holds at least one role: a DP when nothing else was drawn.
              if (s.dp || i === 0 || Object.keys(roles).length === 0) {
                roles.distributionPoint = {
                  https: s.dpHttps,
                  connections: conn,
                  allowMobileDevices: s.dpAllow,
                };
              }
              // Capacities in role order: EP, EPP, MP, DP.
              (
                ["enrollmentPoint", "enrollmentProxyPoint", "managementPoint", "distributionPoint"] as const
              ).forEach((role, k) => {
                const c = s.capacities[k];
                const r = roles[role];
                if (c !== undefined && r !== undefined) roles[role] = { ...(r as object), capacity: c };
              });
              return {
                name: s.name,
                ...(s.certificate !== undefined ? { certificate: s.certificate } : {}),
                outages: s.outages,
                roles,
              };
            });
            const mpNames = serverList.filter((s) => "managementPoint" in s.roles).map((s) => s.name);
            return {
              name: "generated",
              seed,
              start: "2026-01-01T00:00:00Z",
              duration: run,
              site: {
                database: {
                  outages: databaseOutages,
                  ...(databaseCapacity !== undefined ? { capacity: databaseCapacity } : {}),
                },
                replicas: reps.map((r) => ({
                  name: r.name,
                  syncInterval: r.syncInterval,
                  ...(r.syncOffset !== undefined
                    ? { syncOffset: Math.min(r.syncOffset, r.syncInterval - 1) }
                    : {}),
                  applyDelay:
                    r.delayKind === "constant" || r.applyDelay === 0
                      ? r.applyDelay
                      : r.delayKind === "exponential"
                        ? { mean: r.applyDelay, distribution: "exponential" }
                        : { mean: r.applyDelay, distribution: "lognormal", cv: r.cv },
                  outages: r.outages,
                  serverOutages: r.serverOutages,
                  ...(r.capacity !== undefined ? { capacity: r.capacity } : {}),
                  ...(r.syncCost > 0 ? { syncCost: r.syncCost } : {}),
                })),
                servers: serverList,
                // Split: the low half of 10.1.2.0/24 is served by the first server, the rest by the others.
                boundaries: split
                  ? [
                      { name: "Low", type: "ipv4Range", value: "10.1.0.0-10.1.2.127" },
                      { name: "High", type: "ipv4Range", value: "10.1.2.128-10.1.255.255" },
                    ]
                  : [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
                boundaryGroups: split
                  ? [
                      {
                        name: "Low",
                        boundaries: ["Low"],
                        servers: serverList.slice(0, 1).map((s) => s.name),
                      },
                      {
                        name: "High",
                        boundaries: ["High"],
                        servers: serverList.slice(serverList.length > 1 ? 1 : 0).map((s) => s.name),
                      },
                    ]
                  : [{ name: "HQ", boundaries: ["HQ"], servers: serverList.map((s) => s.name) }],
                ...(defaultGroup !== undefined && (defaultGroup === "HQ") !== split
                  ? { defaultBoundaryGroup: defaultGroup }
                  : {}),
              },
              deployments: deps.map((d) => ({
                name: d.name,
                at: d.at,
                ...(d.groups !== undefined
                  ? { groups: d.groups.filter((n) => grps.some((g) => g.name === n)) }
                  : {}),
              })),
              devices: grps.map((g) => ({
                name: g.name,
                platform: g.platform,
                count: g.count,
                ...(g.platform !== "macos" && g.internet ? { location: "internet" } : {}),
                ...(g.platform === "windows" || (g.platform === "configmgr-client" && g.clientAddressed)
                  ? { addresses: g.addresses }
                  : {}),
                ...(g.pin !== undefined && mpNames.length > 0
                  ? { managementPoint: mpNames[g.pin % mpNames.length] }
                  : {}),
                trustedRoots: [ROOT],
                [g.platform === "configmgr-client" ? "registration" : "enrollment"]: {
                  ...(g.pattern === "burst"
                    ? { pattern: "burst", at: g.enrollTo - 1 }
                    : g.pattern === "poisson"
                      ? { pattern: "poisson", from: 0, ratePerMinute: 5 }
                      : { pattern: g.pattern, from: 0, to: g.enrollTo, delay: g.delay }),
                  maxAttempts: g.maxAttempts,
                  retryAfter: g.retryAfter,
                },
                ...(g.polling !== undefined ? { polling: g.polling } : {}),
                firstPollDelay: g.firstPollDelay,
                jitter: g.jitter,
                connectionRetries:
                  g.platform === "configmgr-client"
                    ? {
                        ...(g.clientRetries !== undefined ? { count: g.clientRetries } : {}),
                        ...(g.backoff !== undefined ? { initialBackoff: g.backoff } : {}),
                        on: g.retryOn,
                      }
                    : { count: g.retries, on: g.retryOn },
                ...(g.platform === "configmgr-client"
                  ? {
                      ...(g.mpRefresh !== undefined ? { mpRefresh: g.mpRefresh } : {}),
                      userDeployments: g.userDeployments,
                    }
                  : {}),
                ...(g.requestTimeout !== undefined ? { requestTimeout: g.requestTimeout } : {}),
                // A group outside every boundary has no content location: fetching content there is a
                // misconfiguration (devices-outside-boundaries is an error), which only misconfigured sites have.
                content:
                  g.content &&
                  (misconfigure ||
                    g.platform === "macos" ||
                    (g.platform === "windows" && g.addresses !== "10.2.0.0/30") ||
                    (g.platform === "configmgr-client" &&
                      g.clientAddressed &&
                      g.addresses !== "10.2.0.0/30")),
              })),
            } as ScenarioInput;
          },
        );
    });
  });
}
