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

/** The purposes a device draws for: each a counter-based stream of the group, keyed by the device's index. */
export type GroupStreamName = "enrollment" | "epp" | "assignment" | "jitter" | "content" | "fallback";

/** The substream of one device group for one purpose. */
function groupStream(seed: number, group: string, purpose: GroupStreamName): Rng {
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
 * only on the three. Every device draw of both engines comes from here: device i's draws do not depend on
 * how many devices come before it or in which order devices are walked, so a run can be split anywhere and
 * a what-if that changes one group's count leaves that group's other devices alone.
 */
export function counterDraw(key: number, device: number, k: number): number {
  const a = mix32(key ^ mix32(device + 0x9e3779b9));
  const b = mix32(a + Math.imul(k + 1, 0x85ebca6b));
  // 32 bits, as the named (Alea) streams give: a time drawn over a window of hours then keeps few enough bits
  // that a poll offset added to it and the time taken away again is exact (180 s, not 179.99999999999997).
  return mix32(b ^ 0x632be5ab) / 4294967296;
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

/**
 * One purpose's stream of a group, read by one walker device after device: `at(i)` moves it to device i's
 * first draw, and `rng` draws device i's values in order (one object per walk, not one closure per device).
 */
export class DeviceDraws {
  private device = 0;
  private k = 0;

  constructor(private readonly key: number) {}

  /** The stream of `purpose` of group `group` under master seed `seed`. */
  static of(seed: number, group: string, purpose: GroupStreamName): DeviceDraws {
    return new DeviceDraws(counterKey(seed, group, purpose));
  }

  /** Moves to device `device`'s first draw. */
  at(device: number): void {
    this.device = device;
    this.k = 0;
  }

  readonly rng: Rng = () => counterDraw(this.key, this.device, this.k++);
}
