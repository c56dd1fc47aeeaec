// The closed-form floor of a day without capacities (issue 28): every DMP try of every device of
// bench/scenarios/1m-8h-24h.json decided in one tight loop, in one process, and nothing else: no sinks, no
// series, no result. A device's first try is its own draw, its commit is that try plus the delay, its record
// is visible from the first sync at or after the commit (plus the apply delay), and each poll offset fails
// before then. Usage: node bench/floorLoop.mjs [devices] (after npm run build); whole process, like bench/run.mjs.
// The scenario's numbers are written here (its defaults: no commit delay or apply delay, polls every 3
// minutes until 15 minutes then hourly) rather than loaded, which would cost the loop the scenario schema's
// start-up; it prints the tries, failures and mean time to first success `mdmsim run` prints for the file.
import { readFileSync } from "node:fs";
import { counterDraw, counterKey } from "../dist/random.js";
import { jitterFreeOffsets, pollSchedule } from "../dist/model/pollSchedule.js";
import { syncOffset } from "../dist/model/replica.js";

const scenario = JSON.parse(readFileSync(new URL("scenarios/1m-8h-24h.json", import.meta.url), "utf8"));
const g = scenario.devices[0];
const n = Number(process.argv[2] ?? g.count);
const [end, p, d, from, to, delay] = [86_400, 300, 0, 0, 8 * 3600, 0];
const phi = syncOffset({ name: scenario.site.replicas[0].name, syncInterval: p }, scenario.seed);
const polling = [{ every: 180, until: 900 }, { every: 3600 }];
const offsets = Float64Array.from(
  jitterFreeOffsets(pollSchedule({ polling, firstPollDelay: 0 }), (u) => u < end),
);
const key = counterKey(scenario.seed, g.name, "enrollment");
function day() {
  let tries = 0,
    failed = 0,
    connected = 0,
    ttfs = 0;
  for (let i = 0; i < n; i++) {
    const first = from + counterDraw(key, i, 0) * (to - from);
    const committed = first + delay;
    const visible = phi + Math.ceil(Math.max(0, committed - phi) / p) * p + d;
    let k = 0;
    for (; k < offsets.length && committed + offsets[k] < end; k++) {
      tries++;
      if (committed + offsets[k] < visible) failed++;
      else {
        connected++;
        ttfs += committed + offsets[k] - first;
        k++;
        break;
      }
    }
    // The polls after the first success all succeed: counted, not decided.
    for (; k < offsets.length && committed + offsets[k] < end; k++) tries++;
  }
  return { devices: n, tries, failed, connected, meanSeconds: ttfs / connected };
}
const t0 = process.hrtime.bigint();
const out = day();
console.log(JSON.stringify({ ...out, loopMs: Number(process.hrtime.bigint() - t0) / 1e6 }));
