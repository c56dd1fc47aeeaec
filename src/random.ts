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
