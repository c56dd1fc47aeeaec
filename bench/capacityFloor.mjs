// The capacity day's floor: what any engine of the load model must do for bench/scenarios/1m-8h-24h-capacity.json,
// in one tight loop and nothing else. Every DMP try of the day arrives at the management point in time order
// (the group's polls merged from one stream per offset, as the fast engine does), takes a worker (64,
// exponential 50 ms) by the Kiefer–Wolfowitz recursion (no event for its end), then its query arrives at the
// replica in time order (a heap of the management point's service ends) and takes one of 32 workers
// (exponential 20 ms); two draws from seedrandom's Alea and two logarithms per try. No requests table, no
// deadlines, no outages, no sinks, no result: a lower bound, not an engine.
// Usage: node bench/capacityFloor.mjs (after npm run build).
import alea from "seedrandom/lib/alea.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../dist/index.js";
import { jitterFreeOffsets, pollSchedule } from "../dist/model/pollSchedule.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const scenario = loadScenario(readFileSync(`${here}scenarios/1m-8h-24h-capacity.json`, "utf8"));
const group = scenario.devices[0];
const end = scenario.duration;
const offsets = Float64Array.from(jitterFreeOffsets(pollSchedule(group), (u) => u < end));
const n = group.count;
const started = process.hrtime.bigint();
const draw = alea("floor");
// Commits in time order (uniform over the enrollment window).
const commits = new Float64Array(n);
for (let i = 0; i < n; i++)
  commits[i] = group.enrollment.from + draw() * (group.enrollment.to - group.enrollment.from);
commits.sort();

/** A min-heap of doubles in a typed array (workers' free times, or service ends). */
class Heap {
  constructor(size) {
    this.v = new Float64Array(size);
    this.n = 0;
  }
  push(x) {
    const v = this.v;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (v[p] <= x) break;
      v[i] = v[p];
      i = p;
    }
    v[i] = x;
  }
  /** Replaces the root with x. */
  replaceTop(x) {
    const v = this.v;
    const n = this.n;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && v[c + 1] < v[c]) c++;
      if (x <= v[c]) break;
      v[i] = v[c];
      i = c;
    }
    v[i] = x;
  }
  pop() {
    const top = this.v[0];
    const last = this.v[--this.n];
    if (this.n > 0) this.replaceTop(last);
    return top;
  }
}

// Stream heads: per offset k, the next device whose k-th poll is due (heap keyed by time, value stream).
const k = offsets.length - 1;
const headTime = new Float64Array(k);
const headAt = new Int32Array(k);
const order = new Int32Array(k);
for (let s = 0; s < k; s++) {
  headAt[s] = 0;
  headTime[s] = commits[0] + offsets[s];
  order[s] = s;
}
// A heap of streams by head time (ties by stream: an arbitrary but fixed order).
const idx = Int32Array.from(order);
let live = k;
function siftDown(i) {
  const x = idx[i];
  const tx = headTime[x];
  for (;;) {
    let c = 2 * i + 1;
    if (c >= live) break;
    let ic = idx[c];
    let tc = headTime[ic];
    if (c + 1 < live) {
      const ir = idx[c + 1];
      const tr = headTime[ir];
      if (tr < tc || (tr === tc && ir < ic)) {
        c++;
        ic = ir;
        tc = tr;
      }
    }
    if (tx < tc || (tx === tc && x < ic)) break;
    idx[i] = ic;
    i = c;
  }
  idx[i] = x;
}
for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(i);

// Each server's busy workers as a heap of their service ends (the Kiefer–Wolfowitz recursion kept to the
// busy ones: at a light load most arrivals find a worker free and the heap stays small).
const mpBusy = new Heap(64);
const dbBusy = new Heap(32);
const dbArrivals = new Heap(1 << 16);
const mpRng = alea("mp");
const dbRng = alea("db");
const answeredPerMinute = new Uint32Array(Math.ceil(end / 60) + 60);
let tries = 0;

/** A service at a server of `workers` whose busy ends are `busy`, arriving at `t`: its end. */
function serve(busy, workers, t, mean, rng) {
  while (busy.n > 0 && busy.v[0] <= t) busy.pop();
  const start = busy.n < workers ? t : busy.pop();
  const finish = start + -mean * Math.log(1 - rng());
  busy.push(finish);
  return finish;
}

function database(t) {
  const finish = serve(dbBusy, 32, t, 0.02, dbRng);
  answeredPerMinute[(finish / 60) | 0]++;
}

function day() {
  while (live > 0) {
    const s = idx[0];
    const t = headTime[s];
    if (t >= end) break;
    // The replica's arrivals due before this try, in time order.
    while (dbArrivals.n > 0 && dbArrivals.v[0] <= t) database(dbArrivals.pop());
    tries++;
    dbArrivals.push(serve(mpBusy, 64, t, 0.05, mpRng));
    // The stream moves to its next device.
    const at = ++headAt[s];
    headTime[s] = at < n ? commits[at] + offsets[s] : Infinity;
    siftDown(0);
  }
  while (dbArrivals.n > 0) database(dbArrivals.pop());
}
day();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    tries,
    seconds: Number(seconds.toFixed(3)),
    nsPerTry: Math.round((seconds * 1e9) / tries),
  }),
);
