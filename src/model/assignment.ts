// The DMP assignment rule of model.md step 3, written once: the pinned management point; else, for a
// device whose address a boundary group lists, that boundary group's eligible DMPs; else every eligible
// DMP; else the first MP (whose reason every try then gets). A device draws uniformly among its pool. A
// ConfigMgr client outside every boundary group draws from the default boundary group's MPs instead.
// The engines draw from it, and `check` and the report take each group's expected shares from it.
import { rangeContains, type Ipv4Range } from "../scenario/ipv4.js";
import type { GroupModel } from "./site.js";

/** Boundary entries with the server positions (eligible DMPs, or mobile DPs) each lists. */
type Preferences = GroupModel["preferences"];

/**
 * The MPs a group's devices may be assigned (positions): the pinned one, else the eligible ones, else the
 * first MP; empty when the site has no MP.
 */
export function managementPointCandidates(model: GroupModel, managementPoints: number): readonly number[] {
  if (model.pinned !== undefined) return [model.pinned];
  if (model.eligible.length > 0) return model.eligible;
  return managementPoints > 0 ? [0] : [];
}

/** Positions listed by the boundary entries whose ranges contain `address` (ascending), or null for none. */
export function preferredPositions(preferences: Preferences, address: number): number[] | null {
  let found: number[] | null = null;
  for (const p of preferences) {
    if (!p.ranges.some((r) => rangeContains(r, address))) continue;
    found ??= [];
    for (const pos of p.positions) found.push(pos);
  }
  if (found === null) return null;
  // Sorted, then each position once: linear after the sort, where a search per position was quadratic.
  found.sort((a, b) => a - b);
  return found.filter((pos, i) => i === 0 || found[i - 1] !== pos);
}

/**
 * A pool of positions that is constant between the edges of some IPv4 ranges (an address is inside or
 * outside each range all along a stretch): computed once per stretch, then looked up by binary search without
 * allocating. Stretches with the same pool share one array: thousands of boundaries of one boundary group
 * listing thousands of servers would otherwise hold boundaries × servers numbers.
 */
export class StretchTable {
  /** First address of each stretch, ascending (the first is 0). */
  private readonly starts: Float64Array;
  private readonly values: (readonly number[])[];

  constructor(
    entries: readonly { ranges: readonly Ipv4Range[] }[],
    at: (address: number) => readonly number[],
  ) {
    const edges = new Set([0]);
    for (const p of entries)
      for (const r of p.ranges) {
        edges.add(r.first);
        edges.add(r.last + 1);
      }
    this.starts = Float64Array.from(edges).sort();
    const distinct = new Map<string, readonly number[]>();
    this.values = Array.from(this.starts, (start) => {
      const pool = at(start);
      const key = pool.join(",");
      const seen = distinct.get(key);
      if (seen !== undefined) return seen;
      distinct.set(key, pool);
      return pool;
    });
  }

  /** The pool at `address` (>= 0). */
  at(address: number): readonly number[] {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? Infinity) <= address) lo = mid;
      else hi = mid - 1;
    }
    return this.values[lo] ?? [];
  }
}

/** The addresses a group's devices use: its range, cut to its device count (`deviceAddress` walks it). */
export function usedAddresses(model: GroupModel): Ipv4Range | undefined {
  const a = model.addresses;
  return a === undefined
    ? undefined
    : { first: a.first, last: Math.min(a.last, a.first + model.group.count - 1) };
}

/** Device `i`'s IPv4 address: the group's range walked in order and wrapped; -1 without a range. */
export function deviceAddress(range: Ipv4Range | undefined, i: number): number {
  if (range === undefined) return -1;
  return range.first + (i % (range.last - range.first + 1));
}

/**
 * The pool a device at `address` draws its DMP from: one candidate stays, else the boundary preference
 * when a boundary group lists the address, else every candidate.
 */
export function assignmentPool(
  model: GroupModel,
  candidates: readonly number[],
  address: number,
): readonly number[] {
  if (candidates.length <= 1) return candidates;
  const preferred =
    address >= 0 && model.preferences.length > 0 ? preferredPositions(model.preferences, address) : null;
  // A ConfigMgr client outside every boundary group uses the site's default boundary group (defaultPool).
  return preferred ?? model.defaultPool ?? candidates;
}

/**
 * A group's pools by address, looked up without allocating: `assignmentPool` is computed once per stretch
 * of addresses between boundary range edges. The engines' per-device lookup; `assignmentPool` stays the rule.
 */
export class PoolTable {
  private readonly table: StretchTable | null;
  /** The pool of a device without an address (and of every device when the pool has one candidate). */
  private readonly none: readonly number[];

  constructor(model: GroupModel, candidates: readonly number[]) {
    // One candidate (a 1-DMP site, a pinned group) is every device's pool: no boundary is looked at.
    this.table =
      candidates.length <= 1 || model.preferences.length === 0
        ? null
        : new StretchTable(model.preferences, (start) => assignmentPool(model, candidates, start));
    this.none = assignmentPool(model, candidates, -1);
  }

  /** The pool of the device at `address` (-1: none): `assignmentPool(model, candidates, address)`. */
  pool(address: number): readonly number[] {
    return address < 0 || this.table === null ? this.none : this.table.at(address);
  }
}

/** Each group's pools, made once per compiled group (the candidates are the group's own, `eligible`). */
const poolTables = new WeakMap<GroupModel, { candidates: readonly number[]; table: PoolTable }>();

/** The group's `PoolTable` for `candidates`, made at the first call and kept with the group. */
export function poolTableOf(model: GroupModel, candidates: readonly number[]): PoolTable {
  const kept = poolTables.get(model);
  if (kept?.candidates === candidates) return kept.table;
  const table = new PoolTable(model, candidates);
  poolTables.set(model, { candidates, table });
  return table;
}

/**
 * Where a ConfigMgr client at `address` falls back from management point `current` (docs/clients.md): the
 * other MPs of its own pool, else those of the default boundary group, else every other candidate; empty
 * when there is no other MP (the client stays; a pinned group's pool and candidates are its pin, and it has
 * no default pool).
 */
export function fallbackPool(
  model: GroupModel,
  candidates: readonly number[],
  address: number,
  current: number,
): readonly number[] {
  const others = (pool: readonly number[]) => pool.filter((p) => p !== current);
  const own = others(poolTableOf(model, candidates).pool(address));
  if (own.length > 0) return own;
  const wider = others(model.defaultPool ?? candidates);
  return wider.length > 0 ? wider : others(candidates);
}

/**
 * Each MP's expected share of the group's devices (position → share, shares sum to 1): the pools of the
 * group's addresses weighted by how many devices use each address; empty when the site has no MP.
 */
export function assignmentShares(model: GroupModel, managementPoints: number): Map<number, number> {
  const candidates = managementPointCandidates(model, managementPoints);
  const devices = new Map<number, number>();
  for (const { pool, devices: n } of poolStretches(model, candidates))
    for (const p of pool) devices.set(p, (devices.get(p) ?? 0) + n / pool.length);
  const count = model.group.count;
  if (count > 0) for (const [p, n] of devices) devices.set(p, n / count);
  return devices;
}

/** Devices of a group that share one pool: the first address of their stretch (-1: none) and how many. */
export interface PoolStretch {
  readonly address: number;
  readonly pool: readonly number[];
  readonly devices: number;
}

/**
 * A group's devices by pool, stretch by stretch of the addresses they use (one stretch at address -1 when
 * the pool does not depend on the address): what `assignmentShares` weighs, and what `check`'s exact
 * estimates probe a ConfigMgr client at (its registration and fallback depend on its pool).
 */
export function poolStretches(model: GroupModel, candidates: readonly number[]): PoolStretch[] {
  const stretches: PoolStretch[] = [];
  const pools = poolTableOf(model, candidates);
  const add = (address: number, n: number) => {
    stretches.push({ address, pool: pools.pool(address), devices: n });
  };
  const count = model.group.count;
  const range = model.addresses;
  if (candidates.length <= 1 || range === undefined || model.preferences.length === 0) add(-1, count);
  else {
    // Devices cycle through the range: offset k is used ⌊count / size⌋ times, plus once for k < count mod
    // size. The pool is constant between boundary range edges, so the range is walked edge to edge.
    const size = range.last - range.first + 1;
    const cycles = Math.floor(count / size);
    const rest = count % size;
    const edges = new Set([0, Math.min(count, size)]);
    for (const p of model.preferences)
      for (const r of p.ranges) for (const e of [r.first, r.last + 1]) edges.add(e - range.first);
    const cuts = [...edges].filter((k) => k >= 0 && k <= Math.min(count, size)).sort((a, b) => a - b);
    for (let c = 0; c + 1 < cuts.length; c++) {
      const from = cuts[c] ?? 0;
      const to = cuts[c + 1] ?? 0;
      const n = (to - from) * cycles + Math.max(0, Math.min(to, rest) - from);
      add(range.first + from, n);
    }
  }
  return stretches;
}

/** Each intranet group's content candidates by stretch of addresses, made at its first content try. */
const contentTables = new WeakMap<GroupModel, StretchTable>();

/**
 * The DPs a device at `address` may ask for content (model.md step 7): for an internet device the DPs
 * that take internet connections; for an intranet device the mobile-enabled DPs of the boundary groups
 * listing its address. Empty: `no-content-location`.
 */
export function contentCandidates(model: GroupModel, address: number): readonly number[] {
  if (model.internetDps !== null) return model.internetDps;
  if (address < 0 || model.dpPreferences.length === 0) return model.defaultDps;
  // Asked at every content try: the candidates are computed once per stretch of addresses and kept.
  let table = contentTables.get(model);
  if (table === undefined) {
    table = new StretchTable(
      model.dpPreferences,
      (start) => preferredPositions(model.dpPreferences, start) ?? model.defaultDps,
    );
    contentTables.set(model, table);
  }
  return table.at(address);
}
