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
export type GroupStreamName = "enrollment" | "epp" | "assignment" | "jitter" | "content";

/** The substream of one device group for one purpose. */
export function groupStream(seed: number, group: string, purpose: GroupStreamName): Rng {
  return substream(seed, `group:${group}:${purpose}`);
}

/** One of `items`, uniformly at random (undefined for none); no draw unless there is a choice. */
export function pickUniform<T>(items: readonly T[], rng: Rng): T | undefined {
  return items.length <= 1 ? items[0] : items[Math.floor(rng() * items.length)];
}
