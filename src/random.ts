// Named substreams of the master seed (seedrandom's Alea): one stream per purpose and per group or replica,
// so changing one group never moves another group's draws.
import alea from "seedrandom/lib/alea.js";

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * The substream `name` of master seed `seed`.
 * @param seed - the scenario's master seed (integer ≥ 0)
 * @param name - a stable name such as `group:hq-windows:enrollment`
 */
export function substream(seed: number, name: string): Rng {
  const prng = alea(`${seed}/${name}`);
  return () => prng();
}

/** The streams of a device group, each consumed device after device (common random numbers per group). */
export type GroupStreamName = "enrollment" | "epp" | "assignment" | "jitter" | "content" | "fallback";

/** The substream of one device group for one purpose. */
export function groupStream(seed: number, group: string, purpose: GroupStreamName): Rng {
  return substream(seed, `group:${group}:${purpose}`);
}

/** One of `items`, uniformly at random (undefined for none); no draw unless there is a choice. */
export function pickUniform<T>(items: readonly T[], rng: Rng): T | undefined {
  return items.length <= 1 ? items[0] : items[Math.floor(rng() * items.length)];
}

/** A 32-bit integer mixer with low bias (Wellons' "lowbias32"): every input bit moves every output bit. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Draw `k` of device `device` from the counter-based stream `key`: a uniform number in [0, 1) that depends
 * only on the three, so devices that finish out of their order still draw the same values. Used where devices
 * meet (the load model) and a group's stream can no longer be read device after device.
 */
export function counterDraw(key: number, device: number, k: number): number {
  const a = mix32(key ^ mix32(device + 0x9e3779b9));
  const b = mix32(a + Math.imul(k + 1, 0x85ebca6b));
  const hi = mix32(b ^ 0x632be5ab) >>> 5;
  const lo = mix32(b + 0x27d4eb2f) >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** The key of a counter-based stream: one value of the named group stream, as a 32-bit integer. */
export function counterKey(seed: number, group: string, purpose: GroupStreamName): number {
  return Math.floor(groupStream(seed, group, purpose)() * 4294967296) >>> 0;
}

/** Device `device`'s counter-based stream `key` as an Rng: draw 0, 1, 2 … in call order. */
export function counterRng(key: number, device: number): Rng {
  let k = 0;
  return () => counterDraw(key, device, k++);
}
