// Which random draws each device took. The engines draw from per-group streams device after device (see
// random.ts), so a stream's values are split between devices by how many each one took; the fast engine
// can count them (`countDraws`) and the reference engine then replays each device's share in event order.
import type { Rng } from "../random.js";

/** The per-device streams of a group (enrollment times are drawn for every device before the run). */
export const DEVICE_STREAMS = ["epp", "assignment", "jitter", "content", "fallback"] as const;

/** One of `DEVICE_STREAMS`. */
export type DeviceStream = (typeof DEVICE_STREAMS)[number];

/** Per device: how many values it drew from each stream. */
export type DrawCounts = Readonly<Record<DeviceStream, Int32Array>>;

/** Empty counts for a group of `devices`. */
export function newDrawCounts(devices: number): DrawCounts {
  return {
    epp: new Int32Array(devices),
    assignment: new Int32Array(devices),
    jitter: new Int32Array(devices),
    content: new Int32Array(devices),
    fallback: new Int32Array(devices),
  };
}

/** `rng`, counting each draw for the device `current()` names. */
export function countingRng(rng: Rng, counts: Int32Array, current: () => number): Rng {
  return () => {
    const i = current();
    counts[i] = (counts[i] ?? 0) + 1;
    return rng();
  };
}
