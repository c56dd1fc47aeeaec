// Each distribution point's expected devices of a group, by the content rule `run` uses (model.md step 7,
// `contentCandidates`): a device draws uniformly among the candidates of its address. What
// `dp-client-capacity` sums; the same walk of the address range as the assignment rule's shares.
import { contentCandidates } from "../model/assignment.js";
import type { GroupModel } from "../model/site.js";

/**
 * DP position → the group's devices expected to take content there (not rounded). Devices with no
 * candidate (no content location) count nowhere.
 */
export function contentDevices(model: GroupModel): Map<number, number> {
  const devices = new Map<number, number>();
  const add = (pool: readonly number[], n: number) => {
    for (const p of pool) devices.set(p, (devices.get(p) ?? 0) + n / pool.length);
  };
  const count = model.group.count;
  const range = model.addresses;
  if (model.internetDps !== null || range === undefined || model.dpPreferences.length === 0) {
    add(contentCandidates(model, range?.first ?? -1), count);
    return devices;
  }
  // Devices cycle through the range: offset k is used ⌊count / size⌋ times, plus once for k < count mod
  // size. The candidates are constant between boundary range edges, so the range is walked edge to edge.
  const size = range.last - range.first + 1;
  const cycles = Math.floor(count / size);
  const rest = count % size;
  const used = Math.min(count, size);
  const edges = new Set([0, used]);
  for (const p of model.dpPreferences)
    for (const r of p.ranges) for (const e of [r.first, r.last + 1]) edges.add(e - range.first);
  const cuts = [...edges].filter((k) => k >= 0 && k <= used).sort((a, b) => a - b);
  for (let c = 0; c + 1 < cuts.length; c++) {
    const from = cuts[c] ?? 0;
    const to = cuts[c + 1] ?? 0;
    const n = (to - from) * cycles + Math.max(0, Math.min(to, rest) - from);
    add(contentCandidates(model, range.first + from), n);
  }
  return devices;
}
