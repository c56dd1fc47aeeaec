// npm run bench:queue: one finite server as a textbook queue, SimPy beside mdmsim. The same M/M/30 queue
// (1,000,000 Poisson arrivals at 100 a second, 30 workers at an exponential 250 ms): bench/simpy/mmc.py
// on Debian's SimPy, and mdmsim on bench/scenarios/mmc-1m.json (a whole run: the devices enroll, commit
// and poll once). Both means are checked against Erlang C. Usage: node bench/queue.mjs [--runs N]
// Needs: apt-get install python3-simpy3 (Debian's SimPy, for /usr/bin/python3).
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 0) || 3;
const PYTHON = "/usr/bin/python3";

const probe = spawnSync(PYTHON, ["-c", "import simpy; print(simpy.__version__)"], { encoding: "utf8" });
if (probe.status !== 0) {
  console.error("SimPy is missing: apt-get install python3-simpy3 (Debian's SimPy for /usr/bin/python3)");
  process.exit(2);
}

/** Erlang C's mean wait of M/M/c: λ arrivals a second, c workers, mean service s. */
function erlangWait(lambda, c, s) {
  const a = lambda * s;
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = (term * c) / (c - a);
  return top / (sum + top) / (c / s - lambda);
}

function simpy() {
  const started = process.hrtime.bigint();
  const child = spawnSync(PYTHON, [`${here}simpy/mmc.py`], { encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(child.stderr);
  const out = JSON.parse(child.stdout);
  return { wall, rssMiB: out.maxRssKiB / 1024, meanWait: out.meanWait };
}

function mdmsim() {
  const started = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      "--require",
      `${here}rss.cjs`,
      `${here}../bin/mdmsim`,
      "run",
      `${here}scenarios/mmc-1m.json`,
      "--format",
      "json",
    ],
    { stdio: ["ignore", "pipe", "pipe", "pipe"], maxBuffer: 1 << 30 },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(String(child.stderr));
  const doc = JSON.parse(child.stdout.toString());
  const mp = Object.values(doc.load.managementPoints)[0];
  return {
    wall,
    rssMiB: JSON.parse(child.output[3].toString()).maxRssKiB / 1024,
    meanWait: mp.waitSeconds.mean,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const sides = [
  {
    name: `SimPy ${probe.stdout.trim()} (Python ${spawnSync(PYTHON, ["--version"], { encoding: "utf8" }).stdout.trim().replace("Python ", "")})`,
    run: simpy,
  },
  { name: "mdmsim run (the whole device model)", run: mdmsim },
];
const rows = sides.map((side) => {
  const results = Array.from({ length: runs }, () => side.run());
  return {
    name: side.name,
    wall: median(results.map((r) => r.wall)),
    spread: `${Math.min(...results.map((r) => r.wall)).toFixed(2)}–${Math.max(...results.map((r) => r.wall)).toFixed(2)}`,
    rss: Math.max(...results.map((r) => r.rssMiB)),
    meanWait: results[0].meanWait,
  };
});
const theory = erlangWait(100, 30, 0.25);
console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${runs} runs each, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log(
  "| model | wall s (median) | spread s | peak RSS MiB | mean wait s (Erlang C " +
    theory.toFixed(4) +
    ") | × SimPy's speed |",
);
console.log("|---|---|---|---|---|---|");
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.wall.toFixed(3)} | ${r.spread} | ${r.rss.toFixed(0)} | ${r.meanWait.toFixed(4)} | ${(rows[0].wall / r.wall).toFixed(1)} |`,
  );
