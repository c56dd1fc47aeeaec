// A fast-check arbitrary of valid scenarios (as files would say them), small by default. Built from
// independent choices, so it shrinks to smaller valid scenarios.
import fc from "fast-check";
import type { ScenarioInput } from "../scenario/schema.js";
import { capacityArbitrary } from "./capacityArbitrary.js";
import { deviceGroupInput, groupArbitrary, ROOT } from "./groupArbitrary.js";
import { gridTimesArbitrary, instantAfterStart } from "./gridTimes.js";

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
  /**
   * Whether a third of the scenarios take the grid arm: every time (enrollment, commit delays, polls and first
   * polls, retry waits, syncs and apply delays, outage edges, certificate instants, deployments, service times
   * and deadlines) a multiple of one step (a minute or five) and no jitter, so that events of different kinds
   * meet at one instant (the order of model.md decides them). @defaultValue false
   */
  readonly grid?: boolean;
}

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
  // Replica lag where real sites have it: two scenarios in three (with replicas) have management points
  // reading a replica, and no Macs unless misconfigured (Macs cannot use replica-backed management points).
  const lagged = withReplicas
    ? fc.oneof({ weight: 1, arbitrary: fc.constant(false) }, { weight: 2, arbitrary: fc.constant(true) })
    : fc.constant(false);

  const durationMinutes = fc.integer({ min: 30, max: 240 });
  return fc
    .tuple(durationMinutes, gridTimesArbitrary(constraints.grid ?? false), lagged)
    .chain(([minutes, times, lag]) => {
      const run = minutes * 60;
      /** A capacity where capacities are allowed (fc.constant draws nothing: other properties keep their cases). */
      const capacity = loaded ? capacityArbitrary(times) : fc.constant(undefined);
      const groupPlatforms =
        lag && !misconfigure && platforms.some((p) => p !== "macos")
          ? platforms.filter((p) => p !== "macos")
          : platforms;
      const outage = fc
        .tuple(times.between(0, run - 60), times.between(1, 3600))
        .map(([from, length]) => ({ from, to: from + length }));
      const outages = withOutages ? fc.array(outage, { maxLength: 2 }) : fc.constant([]);
      const replica = (i: number) =>
        fc.record({
          name: fc.constant(`replica${i + 1}`),
          syncInterval: times.pick(
            fc.integer({ min: 1, max: 20 }).map((m) => m * 60),
            times.between(60, 1200),
          ),
          syncOffset: times.pick(
            fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
            times.between(0, 1200),
          ),
          applyDelay: times.between(0, Math.max(120, times.step)),
          cv: fc.constantFrom(0.1, 0.5, 3, 100),
          delayKind:
            randomDelays && !times.on
              ? fc.constantFrom("constant", "constant", "exponential", "lognormal")
              : fc.constant("constant"),
          outages,
          serverOutages: withOutages ? fc.array(outage, { maxLength: 1 }) : fc.constant([]),
          capacity,
          syncCost: loaded
            ? times.pick(fc.constantFrom(0, 0, 5, 60, 400), fc.constantFrom(0, 60))
            : fc.constant(0),
        });
      const replicas = withReplicas
        ? fc
            .integer({ min: lag ? 1 : 0, max: 2 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => replica(i))))
        : fc.constant([]);
      // A misconfigured setting is wrong one time in three, so most sites still get far enough to fail later.
      const flag = (good: boolean) => (misconfigure ? fc.constantFrom(good, good, !good) : fc.constant(good));
      const connections = (good: "intranet" | "intranetAndInternet") =>
        misconfigure
          ? fc.constantFrom<"intranet" | "internet" | "intranetAndInternet">(
              good,
              good,
              "intranet",
              "internet",
            )
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
            // On a grid, a certificate that expires (or, rarely, becomes valid) at a grid instant of the run.
            validityEdge:
              misconfigure && times.on
                ? fc.option(times.between(60, run), { freq: 2, nil: undefined })
                : fc.constant(undefined),
            outages,
            mp: fc.boolean(),
            dp: fc.boolean(),
            epp: rareShapes ? fc.boolean() : fc.constant(false),
            // The first server's core roles: all of them, or (misconfigured) one missing.
            core: rare
              ? fc.constantFrom(
                  "all",
                  "all",
                  "all",
                  "all",
                  "all",
                  "all",
                  "no-epp",
                  "no-ep",
                  "no-mp",
                  "http-ep",
                )
              : fc.constant("all"),
            https: flag(true),
            allow: flag(true),
            dpAllow: flag(true),
            dpHttps: flag(true),
            macConnections: connections("intranetAndInternet"),
            database: fc.constantFrom(...databases),
            // With replica lag: a replica (Macs, which cannot use one, keep the draw above).
            lagDatabase: lag ? fc.constantFrom(...databases.slice(1)) : fc.constant("site"),
            capacities: fc.tuple(capacity, capacity, capacity, capacity),
          });
        const servers = fc
          .integer({ min: 1, max: 3 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => server(i))));
        const groups = fc.integer({ min: 1, max: maxGroups }).chain((n) =>
          fc.tuple(
            ...Array.from({ length: n }, (_, i) =>
              groupArbitrary(i, {
                times,
                run,
                platforms: groupPlatforms,
                maxDevices,
                loaded,
                misconfigure,
                rare,
              }),
            ),
          ),
        );
        const deployment = (i: number) =>
          fc.record({
            name: fc.constant(`deployment${i + 1}`),
            at: times.between(0, run),
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
                    database: anyMac
                      ? misconfigure
                        ? s.database
                        : "site"
                      : lag
                        ? s.lagDatabase
                        : s.database,
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
                  ...(s.certificate !== undefined
                    ? { certificate: withValidityEdge(s.certificate, s.validityEdge) }
                    : {}),
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
                    ...(r.syncOffset !== undefined ? { syncOffset: r.syncOffset % r.syncInterval } : {}),
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
                devices: grps.map((g) => deviceGroupInput(g, times, mpNames, misconfigure)),
              } as ScenarioInput;
            },
          );
      });
    });
}

/** A certificate that expires at `edge` (seconds into the run); none stays none. */
function withValidityEdge<C extends object>(certificate: C | null, edge: number | undefined) {
  return certificate === null || edge === undefined
    ? certificate
    : { ...certificate, notAfter: instantAfterStart(edge) };
}
