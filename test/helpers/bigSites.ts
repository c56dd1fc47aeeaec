// Big sites made from the baseline, for the tests of bounds and sizes: many servers, management points,
// replicas, device groups and deployments, each a number of the shape.
import { BASELINE_TEXT } from "./cli.js";

interface Baseline extends Record<string, unknown> {
  site: Record<string, unknown> & {
    servers: Record<string, unknown>[];
    boundaryGroups: Record<string, unknown>[];
  };
  devices: Record<string, unknown>[];
}

const baseline = (): Baseline => JSON.parse(BASELINE_TEXT) as Baseline;

/** `count` one-device groups made from the baseline's first, named with `suffix`. */
function groupsOf(b: Baseline, count: number, suffix = ""): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ ...b.devices[0], name: `g${i}${suffix}`, count: 1 }));
}

/** The baseline's text with `groups` one-device groups and `servers` servers holding its first server's four roles. */
export function grid(groups: number, servers: number): string {
  const b = baseline();
  const server = b.site.servers[0]!;
  const names = Array.from({ length: servers }, (_, i) => `cm${i}.corp.contoso.com`);
  return JSON.stringify({
    ...b,
    site: {
      ...b.site,
      servers: names.map((name) => ({ ...server, name })),
      boundaryGroups: [{ ...b.site.boundaryGroups[0], servers: names }],
    },
    devices: groupsOf(b, groups),
  });
}

/** The parts of a `shaped` site. */
export interface Shape {
  /** Management points beside the baseline's server (which reads the site database). */
  readonly mps: number;
  /** Replicas: the i-th management point reads replica i mod `replicas` (the site database when none). */
  readonly replicas: number;
  /** One-device groups; the baseline's devices when not given. */
  readonly groups?: number;
  /** Deployments to the first one-device group. */
  readonly deployments?: number;
  /** Characters added to every name. */
  readonly long?: number;
}

/** The baseline with `mps` more management points, `replicas` replicas, `groups` device groups and `deployments`. */
export function shaped({ mps, replicas, groups, deployments = 0, long = 0 }: Shape): Record<string, unknown> {
  const b = baseline();
  const server = b.site.servers[0] as {
    name: string;
    certificate: unknown;
    roles: { managementPoint: object };
  };
  const pad = "x".repeat(long);
  const names = Array.from({ length: mps }, (_, i) => `mp${i}${pad}.corp.contoso.com`);
  return {
    ...b,
    site: {
      ...b.site,
      replicas: Array.from({ length: replicas }, (_, i) => ({
        name: `replica${i}${pad}`,
        syncInterval: "1h",
      })),
      servers: [
        {
          ...server,
          roles: { ...server.roles, managementPoint: { ...server.roles.managementPoint, database: "site" } },
        },
        ...names.map((name, i) => ({
          name,
          certificate: server.certificate,
          roles: {
            managementPoint: {
              ...server.roles.managementPoint,
              database: replicas === 0 ? "site" : `replica${i % replicas}${pad}`,
            },
          },
        })),
      ],
      boundaryGroups: [{ ...b.site.boundaryGroups[0], servers: [server.name, ...names] }],
    },
    devices: groups === undefined ? b.devices : groupsOf(b, groups, pad),
    deployments: Array.from({ length: deployments }, (_, i) => ({
      name: `d${i}${pad}`,
      at: "10m",
      groups: [`g0${pad}`],
    })),
  };
}
