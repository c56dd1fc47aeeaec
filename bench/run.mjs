// npm run bench: every workload of BENCHMARKS.md as whole processes, several runs each, median and spread.
// Usage: node bench/run.mjs [--runs N] [--only NAME] [--markdown]
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 0) || 5;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

/**
 * name, mdmsim arguments (or `node` arguments for the reference row), target (seconds of wall time, peak
 * RSS MiB, attempts per second).
 */
const workloads = [
  {
    // What Node itself costs on this machine at this moment: the floor under every row below.
    name: "reference: node -e 0 (Node's own start)",
    node: ["-e", "0"],
  },
  {
    name: "1M devices, enroll 8 h, 24 h run",
    args: ["run", `${here}scenarios/1m-8h-24h.json`, "--format", "json"],
    wall: 3,
    rss: 1024,
    rate: 10e6,
  },
  {
    // Issue 25: a day of 1M ConfigMgr clients (registration, hourly policy, a fallback after an MP outage,
    // a deployment) within the MDM day's targets.
    name: "1M ConfigMgr clients, register 8 h, 24 h run, fallback and a deployment",
    args: ["run", `${here}scenarios/1m-clients-8h-24h.json`, "--format", "json"],
    wall: 3,
    rss: 1024,
  },
  {
    // The same day with a capacity on the DMP and on the replica it reads (issue 24: within 4× of the day
    // without capacities, and 1 GiB).
    name: "1M devices, enroll 8 h, 24 h run, capacity on the DMP and its replica",
    args: ["run", `${here}scenarios/1m-8h-24h-capacity.json`, "--format", "json"],
    wall: 2.4,
    rss: 1024,
  },
  {
    name: "1M devices, enroll 1 h, 3 h run",
    args: ["run", `${here}scenarios/1m-1h-3h.json`, "--format", "json"],
    wall: 1.7,
  },
  {
    name: "100k devices, enroll 1 h, 3 h run",
    args: ["run", `${here}scenarios/100k-1h-3h.json`, "--format", "json"],
    wall: 0.3,
  },
  {
    name: "10k devices, enroll 1 h, 3 h run",
    args: ["run", `${here}scenarios/10k-1h-3h.json`, "--format", "json"],
  },
  {
    name: "sweep: 24 variants × 5 runs, 1,000 devices",
    args: [
      "sweep",
      `${here}../scenarios/baseline.json`,
      "--vary",
      "site.replicas.replica1.syncInterval=1m..12m:1m",
      "--vary",
      "devices.0.jitter=0s,30s",
      "--runs",
      "5",
      "--format",
      "json",
    ],
  },
];

function once(workload) {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ["--require", `${here}rss.cjs`, ...(workload.node ?? [`${here}../bin/mdmsim`, ...workload.args])],
    {
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      maxBuffer: 1 << 30,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${workload.name}: exit ${child.status}\n${child.stderr}`);
  }
  const { maxRssKiB } = JSON.parse(child.output[3].toString());
  let attempts = null;
  let events = null;
  try {
    const doc = JSON.parse(child.stdout.toString());
    attempts = doc.attempts?.total ?? null;
    events = doc.events ?? null;
  } catch {
    // sweep documents have no single attempts count
  }
  return { seconds, rssMiB: maxRssKiB / 1024, attempts, events };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows = [];
for (const w of workloads) {
  if (only !== undefined && !w.name.includes(only)) continue;
  const results = [];
  for (let i = 0; i < runs; i++) {
    try {
      results.push(once(w));
    } catch (error) {
      console.error(String(error).split("\n")[0]);
      break;
    }
  }
  if (results.length === 0) continue;
  const wall = median(results.map((r) => r.seconds));
  const rss = Math.max(...results.map((r) => r.rssMiB));
  const attempts = results[0].attempts;
  const rate = attempts !== null ? attempts / wall : null;
  const met = [
    w.wall === undefined || wall <= w.wall,
    w.rss === undefined || rss <= w.rss,
    w.rate === undefined || (rate ?? 0) >= w.rate,
  ].every(Boolean);
  rows.push({
    workload: w.name,
    "wall s (median)": wall.toFixed(3),
    "spread s": `${Math.min(...results.map((r) => r.seconds)).toFixed(3)}–${Math.max(...results.map((r) => r.seconds)).toFixed(3)}`,
    "DMP tries": attempts ?? "–",
    "tries/s": rate !== null ? `${(rate / 1e6).toFixed(1)} M` : "–",
    "events/s": results[0].events !== null ? `${(results[0].events / wall / 1e6).toFixed(1)} M` : "–",
    "peak RSS MiB": rss.toFixed(0),
    target:
      [
        w.wall !== undefined ? `≤ ${w.wall} s` : null,
        w.rss !== undefined ? `≤ ${w.rss} MiB` : null,
        w.rate !== undefined ? `≥ ${w.rate / 1e6} M/s` : null,
      ]
        .filter(Boolean)
        .join(", ") || "–",
    met: w.wall === undefined && w.rss === undefined && w.rate === undefined ? "–" : met ? "yes" : "NO",
  });
  console.error(`${w.name}: ${wall.toFixed(3)} s`);
}

const head = Object.keys(rows[0] ?? {});
console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${runs} runs each, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log(`| ${head.join(" | ")} |`);
console.log(`|${head.map(() => "---").join("|")}|`);
for (const r of rows) console.log(`| ${head.map((h) => r[h]).join(" | ")} |`);
