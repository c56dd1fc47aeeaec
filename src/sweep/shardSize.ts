// What reading a shard file would take, priced from its text before JSON.parse builds it: a 255 MiB shard
// padded with empty arrays is 85 million arrays, and parsing it took 5 minutes and 6.5 GB before any field
// was checked. The one pass over the text that bounds its nesting (scanJsonText) counts its arrays, objects
// and values too.
import { UsageError } from "../errors.js";
import type { JsonScan } from "../scenario/jsonScan.js";
import { RUN_LIMITS } from "../model/estimate.js";

// Bytes of the parsed data, measured on Node 20 with a margin: an array or object (its header and
// backing store), and each element or property value.
// A shard padded with `0,` 133 million times reached 3.96 GB before it was refused at 16 bytes a value:
// about 30 a value is what parsing and checking it really hold.
const CONTAINER_BYTES = 64;
const VALUE_BYTES = 32;

/**
 * Refuses a shard whose parsed data would not fit in the memory limit, before it is parsed, from the scan of
 * its text (a whole one: its nesting within the limit).
 * @throws UsageError naming the file, the estimate and what it is made of
 */
export function checkShardSize(name: string, scan: Pick<JsonScan, "containers" | "values">): void {
  const { containers, values } = scan;
  const bytes = containers * CONTAINER_BYTES + values * VALUE_BYTES;
  if (bytes <= RUN_LIMITS.maxMemoryBytes) return;
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  throw new UsageError(
    `${name}: not a sweep shard merge can read: ${containers} arrays and objects and ${values} values would need about ${gib(bytes)} of memory (the limit is ${gib(RUN_LIMITS.maxMemoryBytes)})`,
  );
}
