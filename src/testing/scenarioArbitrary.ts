// A fast-check arbitrary of valid scenarios (as files would say them), small by default. Built from
// independent choices, so it shrinks to smaller valid scenarios.
import fc from "fast-check";
import type { ScenarioInput } from "../scenario/schema.js";

/** What `scenarioArbitrary` may generate. */
export interface ScenarioConstraints {
  /** Platforms of the device groups. @defaultValue both */
  readonly platforms?: readonly ("windows" | "macos")[];
  /** Whether management points may read replicas. @defaultValue true */
  readonly replicas?: boolean;
  /** Whether servers and replicas may have outages. @defaultValue true */
  readonly outages?: boolean;
  /** Whether roles may be misconfigured (HTTP, flags off, intranet-only for Macs, bad certificates). @defaultValue false */
  readonly misconfigurations?: boolean;
  /** Most devices in one group. @defaultValue 30 */
  readonly maxDevicesPerGroup?: number;
  /** Most device groups. @defaultValue 3 */
  readonly maxGroups?: number;
}

const ROOT = "Contoso Root CA";

/**
 * Valid scenarios: one to three servers (the first always holds an EP and an EPP), zero to two replicas,
 * device groups of Windows intranet devices and macOS clients, outages in the run, durations of 30 minutes
 * to 4 hours.
 * @param constraints - what to allow; see `ScenarioConstraints`
 */
export function scenarioArbitrary(constraints: ScenarioConstraints = {}): fc.Arbitrary<ScenarioInput> {
  const platforms = constraints.platforms ?? ["windows", "macos"];
  const withReplicas = constraints.replicas ?? true;
  const withOutages = constraints.outages ?? true;
  const misconfigure = constraints.misconfigurations ?? false;
  const maxDevices = constraints.maxDevicesPerGroup ?? 30;
  const maxGroups = constraints.maxGroups ?? 3;

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
        outages,
      });
    const replicas = withReplicas
      ? fc
          .integer({ min: 0, max: 2 })
          .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => replica(i))))
      : fc.constant([]);
    const flag = (good: boolean) => (misconfigure ? fc.boolean() : fc.constant(good));
    const connections = (good: "intranet" | "intranetAndInternet") =>
      misconfigure ? fc.constantFrom("intranet", "internet", "intranetAndInternet") : fc.constant(good);

    return replicas.chain((reps) => {
      const databases = ["site", ...reps.map((r) => r.name)];
      const server = (i: number) =>
        fc.record({
          name: misconfigure
            ? fc.constantFrom(`cm0${i + 1}.corp.contoso.com`, `cm0${i + 1}`)
            : fc.constant(`cm0${i + 1}.corp.contoso.com`),
          certificate: misconfigure
            ? fc.constantFrom<null | undefined | { issuer: string; notAfter?: string }>(
                undefined,
                { issuer: ROOT },
                { issuer: "Fabrikam Root CA" },
                null,
                { issuer: ROOT, notAfter: "2026-01-01T01:00:00Z" },
              )
            : fc.constantFrom<undefined | { issuer: string }>(undefined, { issuer: ROOT }),
          outages,
          mp: fc.boolean(),
          dp: fc.boolean(),
          https: flag(true),
          allow: flag(true),
          macConnections: connections("intranetAndInternet"),
          database: fc.constantFrom(...databases),
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
          delay: fc.integer({ min: 0, max: 120 }),
          firstPollDelay: fc.integer({ min: 0, max: 300 }),
          jitter: fc.integer({ min: 0, max: 60 }),
          polling: fc.constantFrom<{ every: number; until?: number }[] | undefined>(
            undefined,
            [{ every: 300 }],
            [{ every: 60, until: 600 }, { every: 1800 }],
          ),
          retries: fc.integer({ min: 0, max: 3 }),
          content: fc.boolean(),
        });
      const groups = fc
        .integer({ min: 1, max: maxGroups })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => group(i))));
      return fc
        .tuple(servers, groups, fc.integer({ min: 0, max: 1000 }))
        .map(([srvs, grps, seed]): ScenarioInput => {
          const anyMac = grps.some((g) => g.platform === "macos");
          const serverList = srvs.map((s, i) => {
            const roles: Record<string, unknown> = {};
            if (i === 0) {
              roles.enrollmentPoint = { https: true };
              roles.enrollmentProxyPoint = { https: s.https, connections: "intranet" };
            }
            const conn = anyMac ? s.macConnections : misconfigure ? s.macConnections : "intranet";
            if (s.mp || i === 0) {
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
              roles.distributionPoint = { https: s.https, connections: conn, allowMobileDevices: s.allow };
            }
            roles.distributionPoint = { https: s.https, connections: conn, allowMobileDevices: s.allow };
            return {
              name: s.name,
              ...(s.certificate !== undefined ? { certificate: s.certificate } : {}),
              outages: s.outages,
              roles,
            };
          });
          return {
            name: "generated",
            seed,
            start: "2026-01-01T00:00:00Z",
            duration: run,
            site: {
              replicas: reps.map((r) => ({
                name: r.name,
                syncInterval: r.syncInterval,
                ...(r.syncOffset !== undefined
                  ? { syncOffset: Math.min(r.syncOffset, r.syncInterval - 1) }
                  : {}),
                applyDelay: r.applyDelay,
                outages: r.outages,
              })),
              servers: serverList,
              boundaries: [{ name: "HQ", type: "ipv4Range", value: "10.1.0.0/16" }],
              boundaryGroups: [{ name: "HQ", boundaries: ["HQ"], servers: serverList.map((s) => s.name) }],
            },
            devices: grps.map((g) => ({
              name: g.name,
              platform: g.platform,
              count: g.count,
              ...(g.platform === "windows" ? { addresses: "10.1.2.0/24" } : {}),
              trustedRoots: [ROOT],
              enrollment:
                g.pattern === "burst"
                  ? { pattern: "burst", at: g.enrollTo - 1 }
                  : g.pattern === "poisson"
                    ? { pattern: "poisson", from: 0, ratePerMinute: 5 }
                    : { pattern: g.pattern, from: 0, to: g.enrollTo, delay: g.delay },
              ...(g.polling !== undefined ? { polling: g.polling } : {}),
              firstPollDelay: g.firstPollDelay,
              jitter: g.jitter,
              connectionRetries: { count: g.retries },
              content: g.content,
            })),
          } as ScenarioInput;
        });
    });
  });
}
