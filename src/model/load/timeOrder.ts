// Devices in the order of their times (ties by index): the order in which a group's first enrollment tries
// come, so the loaded engine queues one at a time instead of all of them at the start.

/** Below this many, the built-in sort; above, a radix sort (the built-in one's comparator costs too much). */
const RADIX_FROM = 4096;

/** The indices of `times` (each ≥ 0) in ascending order of time, equal times by index. */
export function timeOrder(times: Float64Array): Int32Array {
  const n = times.length;
  if (n < RADIX_FROM) {
    return Int32Array.from(
      Array.from({ length: n }, (_, i) => i).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b),
    );
  }
  // Times ≥ 0 order like their IEEE-754 bits read as unsigned integers: an LSD radix sort on four 16-bit
  // digits, stable, so equal times keep their index order.
  const words = new Uint32Array(Float64Array.from(times).buffer);
  let order = Int32Array.from({ length: n }, (_, i) => i);
  let out = new Int32Array(n);
  const counts = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 0 : 1;
    const shift = (pass & 1) * 16;
    const digit = (i: number) => ((words[2 * i + word] ?? 0) >>> shift) & 0xffff;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const d = digit(i);
      counts[d] = (counts[d] ?? 0) + 1;
    }
    if (counts[digit(0)] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d] ?? 0;
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k] ?? 0;
      const d = digit(i);
      const at = counts[d] ?? 0;
      counts[d] = at + 1;
      out[at] = i;
    }
    [order, out] = [out, order];
  }
  return order;
}
