// The replicas some management point reads: a page speaks of a replica's syncs and delays, and of its closed
// form, only where a management point reads it (a replica nothing reads reaches no device).

/** A management point as far as this asks: the database it reads (`site` or a replica's name). */
interface Reader {
  readonly database: string;
}

/** The management points by the database they read, in their order (one pass). */
export function readersByDatabase<M extends Reader>(managementPoints: readonly M[]): Map<string, M[]> {
  const byDatabase = new Map<string, M[]>();
  for (const m of managementPoints) {
    const readers = byDatabase.get(m.database);
    if (readers === undefined) byDatabase.set(m.database, [m]);
    else readers.push(m);
  }
  return byDatabase;
}

/** Of `replicas`, those some management point reads, in their order. */
export function readReplicas<R extends { readonly name: string }>(
  replicas: readonly R[],
  managementPoints: readonly Reader[],
): R[] {
  const read = new Set(managementPoints.map((m) => m.database));
  return replicas.filter((r) => read.has(r.name));
}
