// The cross-field view of a file whose fields did not all parse: what references.ts reads, taken from the
// data as written wherever it is well formed, so a file's reference problems are reported in the same pass as
// its field problems. A malformed piece is undefined, and the checks that need it are skipped.
import { isRecord } from "../isRecord.js";
import { parseDuration } from "./duration.js";
import type { ReferencedScenario } from "./references.js";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * Stands for the elements of a list that cannot be read (not an array, or refused as a whole: no servers):
 * its names are unknown, so no reference to it is judged.
 */
const UNREADABLE: readonly unknown[] = [Symbol("unreadable")];

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** A group's polling phases with `until` in seconds; undefined for a profile's name or a malformed list. */
function polling(value: unknown): { until?: number }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const phases: { until?: number }[] = [];
  for (const phase of value as unknown[]) {
    if (!isRecord(phase)) return undefined;
    if (phase.until === undefined) phases.push({});
    else {
      const until = parseDuration(phase.until);
      if (until === undefined) return undefined;
      phases.push({ until });
    }
  }
  return phases;
}

function server(value: unknown): ReferencedScenario["site"]["servers"][number] {
  const x = record(value);
  const roles = isRecord(x.roles) ? x.roles : undefined;
  const mp = roles?.managementPoint;
  return {
    name: text(x.name),
    roles:
      roles === undefined
        ? undefined
        : isRecord(mp)
          ? { managementPoint: { database: mp.database === undefined ? "site" : text(mp.database) } }
          : {},
  };
}

/**
 * The parts of scenario data the cross-field checks read, as written.
 * @param refused - whether the schema refused the value at a path as a whole (`site.servers` empty)
 */
export function writtenReferences(
  data: unknown,
  refused: (path: readonly (string | number)[]) => boolean,
): ReferencedScenario {
  const s = record(data);
  const site = record(s.site);
  // An absent optional list is empty; an absent required one (servers, devices) is unreadable.
  const list = (value: unknown, path: readonly string[], required = false): readonly unknown[] => {
    if (refused(path)) return UNREADABLE;
    if (value === undefined) return required ? UNREADABLE : [];
    // Array.from fills a sparse array's holes with undefined, which `map` would skip.
    return Array.isArray(value) ? Array.from(value as unknown[]) : UNREADABLE;
  };
  const texts = (value: unknown): (string | undefined)[] =>
    Array.isArray(value) ? Array.from(value as unknown[], text) : [];
  return {
    site: {
      servers: list(site.servers, ["site", "servers"], true).map(server),
      replicas: list(site.replicas, ["site", "replicas"]).map((r) => ({
        name: text(record(r).name),
        capacity: record(r).capacity,
      })),
      boundaries: list(site.boundaries, ["site", "boundaries"]).map((b) => ({
        name: text(record(b).name),
        type: text(record(b).type),
        value: text(record(b).value),
      })),
      boundaryGroups: list(site.boundaryGroups, ["site", "boundaryGroups"]).map((g) => ({
        name: text(record(g).name),
        boundaries: texts(record(g).boundaries),
        servers: texts(record(g).servers),
      })),
      defaultBoundaryGroup: text(site.defaultBoundaryGroup),
    },
    deployments: list(s.deployments, ["deployments"]).map((d) => ({
      name: text(record(d).name),
      groups: texts(record(d).groups),
    })),
    devices: list(s.devices, ["devices"], true).map((value) => {
      const g = record(value);
      return {
        name: text(g.name),
        platform: text(g.platform),
        location: text(g.location),
        addresses: g.addresses,
        managementPoint: text(g.managementPoint),
        polling: polling(g.polling),
      };
    }),
    expectations: texts(s.expectations),
  };
}
