// Each device's share of its group's streams. The streams are consumed device after device (random.ts), but
// a global event queue interleaves devices; so the reference cuts each stream into per-device tapes by the
// counts the fast engine reports, hands a device its values in the order its events ask, and at the end
// checks that every device used exactly its tape: a count that disagrees with the model's draws fails.
import { groupStream, type Rng } from "../../random.js";
import { DEVICE_STREAMS, type DeviceStream, type DrawCounts } from "../draws.js";

/** The tapes of one device group. */
export class GroupTapes {
  private readonly values = new Map<DeviceStream, Float64Array>();
  private readonly start = new Map<DeviceStream, Int32Array>();
  private readonly used = new Map<DeviceStream, Int32Array>();

  constructor(
    seed: number,
    private readonly group: string,
    private readonly counts: DrawCounts,
  ) {
    for (const stream of DEVICE_STREAMS) {
      const perDevice = counts[stream];
      const start = new Int32Array(perDevice.length + 1);
      perDevice.forEach((n, i) => (start[i + 1] = (start[i] ?? 0) + n));
      const rng = groupStream(seed, group, stream);
      this.values.set(
        stream,
        Float64Array.from({ length: start[perDevice.length] ?? 0 }, () => rng()),
      );
      this.start.set(stream, start);
      this.used.set(stream, new Int32Array(perDevice.length));
    }
  }

  /** Device `i`'s next value of `stream`. */
  draw(stream: DeviceStream, i: number): number {
    const used = this.used.get(stream) ?? new Int32Array(0);
    const k = used[i] ?? 0;
    if (k >= (this.counts[stream][i] ?? 0)) {
      throw new Error(
        `reference: ${this.group}-${i + 1} draws more ${stream} values than the fast engine took`,
      );
    }
    used[i] = k + 1;
    return this.values.get(stream)?.[(this.start.get(stream)?.[i] ?? 0) + k] ?? NaN;
  }

  /** Device `i`'s tape of `stream` as a random source. */
  rng(stream: DeviceStream, i: number): Rng {
    return () => this.draw(stream, i);
  }

  /** @throws Error naming the first device that left part of its tape unused */
  finish(): void {
    for (const stream of DEVICE_STREAMS) {
      const used = this.used.get(stream) ?? new Int32Array(0);
      this.counts[stream].forEach((n, i) => {
        if (used[i] !== n) {
          throw new Error(
            `reference: ${this.group}-${i + 1} drew ${used[i] ?? 0} ${stream} values, the fast engine ${n}`,
          );
        }
      });
    }
  }
}
