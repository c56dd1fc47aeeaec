// A finite server's stream of service times: random.ts's substream, with the generator's state in a typed
// array. seedrandom's Alea keeps it in an object's fields, and its draws, a few per request, then allocate;
// here a draw allocates nothing and gives the same values (test/model/aleaStream.test.ts holds the two equal).
import alea from "seedrandom/lib/alea.js";
import type { Rng } from "../../random.js";

/** 2^-32. */
const UNIT = 2.3283064365386963e-10;

/** seedrandom's Alea asked for its state (src/seedrandom-alea.d.ts declares the plain call only). */
type StatefulAlea = (
  seed: string,
  options: { state: true },
) => { state(): { s0: number; s1: number; s2: number; c: number } };

/** The values of `substream(seed, name)`, drawn from state in a Float64Array (s0, s1, s2, c). */
export function aleaStream(seed: number, name: string): Rng {
  // Seeded as substream seeds it; the state is then copied out of the library's generator.
  const { s0, s1, s2, c } = (alea as unknown as StatefulAlea)(`${seed}/${name}`, { state: true }).state();
  const st = Float64Array.of(s0, s1, s2, c);
  return () => {
    // Alea's step, as seedrandom/lib/alea.js writes it.
    const t = 2091639 * (st[0] ?? 0) + (st[3] ?? 0) * UNIT;
    st[0] = st[1] ?? 0;
    st[1] = st[2] ?? 0;
    const carry = t | 0;
    st[3] = carry;
    const value = t - carry;
    st[2] = value;
    return value;
  };
}
