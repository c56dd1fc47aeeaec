// Sweeps beyond one machine: `--shard I/N` runs a deterministic slice of the job list and writes a partial
// document; `merge` checks that the slices belong together and cover every job once, then assembles the
// same document a single run gives (the outcomes are exact numbers, and JSON round-trips doubles exactly).
//
// Slicing: job j (index = variant · runs + run) belongs to shard (j mod N) + 1. Round robin, not blocks,
// so every shard gets a share of every part of the grid and shards take about equally long even when the
// varied values make some variants slower (more devices, longer runs).
import { UsageError } from "../errors.js";
import { scanJsonText } from "../scenario/jsonScan.js";
import { LOAD_LIMITS } from "../scenario/load.js";
import { decodedText } from "../scenario/textEncoding.js";
import type { Scenario } from "../scenario/schema.js";
import { MAX_VARIANTS } from "./grid.js";
import type { JobOutcome } from "./job.js";
import { isFractionMetric, type Bounds } from "./metricProfile.js";
import { MAX_RUNS, sweepHeader, type SweepJob } from "./sweep.js";
import { assembleSweep, type SweepHeader, type SweepResult } from "./document.js";
import { checkShardSize } from "./shardSize.js";
import { isRecord } from "../isRecord.js";
import { DOCUMENT_FORMATS, type DocumentFormat } from "../results/documentFormat.js";

/** `--shard I/N`: slice I (from 1) of N. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Marks a file as a sweep shard, so `merge` rejects anything else (or another version) with a clear message. */
const SHARD_FORMAT = DOCUMENT_FORMATS.sweepShard;

/** One job's outcome in a shard file. */
export interface ShardJob extends JobOutcome {
  /** The job's index in the whole sweep. */
  readonly index: number;
}

/** The partial document `sweep --shard I/N` writes. */
export interface SweepShard {
  /** `mdmsim-sweep-shard/1` (results/documentFormat.ts). */
  readonly format: DocumentFormat<"sweepShard">;
  readonly shard: ShardSpec;
  /** A hash of the scenario (after `--set`) and the added expectations: shards of other sweeps differ. */
  readonly fingerprint: string;
  readonly sweep: SweepHeader;
  /** This shard's jobs, ascending by index. */
  readonly jobs: readonly ShardJob[];
}

/**
 * Parses `--shard I/N` (1 ≤ I ≤ N).
 * @throws UsageError naming the option
 */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    throw new UsageError(`expected I/N with 1 <= I <= N, like "2/4"`, { argument: "shard", value: text });
  return { index, count };
}

/** The jobs of one shard: every N-th job, starting with job I − 1. */
export function shardJobs(jobs: readonly SweepJob[], shard: ShardSpec): SweepJob[] {
  return jobs.filter((job) => job.index % shard.count === shard.index - 1);
}

// cyrb53-style string hash (two 32-bit FNV-like lanes): enough to tell sweeps apart, no crypto needed.
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** The fingerprint of a sweep's inputs that its header does not spell out. */
export function sweepFingerprint(scenario: Scenario, extraExpectations: readonly string[]): string {
  return hash(JSON.stringify({ scenario, extraExpectations }));
}

/**
 * The partial document of one shard.
 * @param jobs - the shard's jobs (`shardJobs`) and their outcomes, in the same order
 */
export function makeShard(
  header: SweepHeader,
  fingerprint: string,
  shard: ShardSpec,
  jobs: readonly SweepJob[],
  outcomes: readonly JobOutcome[],
): SweepShard {
  return {
    format: SHARD_FORMAT,
    shard: { index: shard.index, count: shard.count },
    fingerprint,
    sweep: sweepHeader(header),
    jobs: jobs.map((job, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) throw new RangeError(`no outcome for job ${job.index}`);
      return { index: job.index, metrics: outcome.metrics, expectations: outcome.expectations };
    }),
  };
}

// ---- merge: shard files are input, so every field is checked before it is trusted ----

/** Most bytes a shard file may hold (V8's longest string is about 512 MiB; a million jobs fit easily). */
export const MAX_SHARD_BYTES = 256 * 1024 * 1024;

/** Most missing shards a message names. */
const SHOWN_MISSING = 10;

/** Most metrics and expectations a shard may declare: far beyond any command line. */
const MAX_PATHS = 10_000;

/**
 * Parses a shard file's text: JSON in UTF-8 (a byte order mark allowed), nested no deeper than scenarios may be.
 * @throws UsageError naming the file
 */
export function parseShardText(name: string, raw: string): ShardFile {
  // Read as scenarios are: a byte order mark dropped, UTF-16 named.
  const decoded = decodedText(raw);
  if ("problem" in decoded) throw new UsageError(`${name}: ${decoded.problem}`);
  const { text } = decoded;
  // One scan bounds the nesting and prices the parse.
  const scan = scanJsonText(text, LOAD_LIMITS.maxDepth);
  if (scan.depth > LOAD_LIMITS.maxDepth)
    throw new UsageError(`${name}: not a sweep shard (nesting deeper than ${LOAD_LIMITS.maxDepth} levels)`);
  checkShardSize(name, scan);
  try {
    return { name, data: JSON.parse(text) as unknown };
  } catch (error) {
    throw new UsageError(
      `${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

// Result numbers are never negative; these are counts (integers) and these must come in this order.
const COUNT_METRIC = /^(devices\.|attempts\.|events$|.*\.count$|failedAttemptsBeforeSuccess\.max$)/;
const ORDERED: readonly (readonly string[])[] = [
  [
    "timeToFirstSuccessSeconds.p50",
    "timeToFirstSuccessSeconds.p90",
    "timeToFirstSuccessSeconds.p99",
    "timeToFirstSuccessSeconds.max",
  ],
  ["timeToFirstSuccessSeconds.mean", "timeToFirstSuccessSeconds.max"],
  ["failedAttemptsBeforeSuccess.mean", "failedAttemptsBeforeSuccess.max"],
  ["devices.connected", "devices.enrolled"],
  ["attempts.failed", "attempts.total"],
  ["attempts.succeeded", "attempts.total"],
];

/** Why a job's metric values cannot come from a run, or undefined when they can. */
function impossibleMetrics(paths: readonly string[], values: readonly (number | null)[]): string | undefined {
  for (let m = 0; m < paths.length; m++) {
    const value = values[m];
    if (value === null || value === undefined) continue;
    const path = paths[m] ?? "";
    if (value < 0) return `${path} is negative (${value})`;
    if (COUNT_METRIC.test(path) && !Number.isSafeInteger(value)) return `${path} is not a count (${value})`;
  }
  for (const order of ORDERED) {
    const known = order.flatMap((path) => {
      const value = values[paths.indexOf(path)];
      return typeof value === "number" ? [{ path, value }] : [];
    });
    for (let i = 1; i < known.length; i++) {
      const [a, b] = [known[i - 1], known[i]];
      if (a !== undefined && b !== undefined && a.value > b.value)
        return `${a.path} (${a.value}) is above ${b.path} (${b.value})`;
    }
  }
  return undefined;
}

/**
 * Why a job's metric values lie outside its variant's possible ranges (`metricBounds`, carried in the
 * header: a metric under `devices` at most the variant's devices, a time at most its duration), or
 * undefined when they do not.
 */
function outOfRange(
  paths: readonly string[],
  values: readonly (number | null)[],
  bounds: readonly Bounds[] | undefined,
): string | undefined {
  for (let m = 0; m < paths.length; m++) {
    const value = values[m];
    if (typeof value !== "number") continue;
    const path = paths[m] ?? "";
    // A share or a utilisation is a fraction whatever the header says (shards without ranges too).
    const [lo, hi] = isFractionMetric(path) ? [0, 1] : (bounds?.[m] ?? [null, null]);
    if (hi !== null && value > hi) return `${path} (${value}) is above its highest possible value, ${hi}`;
    if (lo !== null && value < lo) return `${path} (${value}) is below its lowest possible value, ${lo}`;
  }
  return undefined;
}

const isCount = (v: unknown, min: number): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= min;
// Array.from, not the array's own every/forEach: those skip holes, which JSON cannot make but data can.
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && Array.from(v as unknown[]).every((s) => typeof s === "string");

const isEnd = (e: unknown): boolean => e === null || (typeof e === "number" && Number.isFinite(e));
const isBoundsList = (v: unknown, length: number): boolean =>
  Array.isArray(v) &&
  v.length === length &&
  Array.from(v as unknown[]).every(
    (b) =>
      Array.isArray(b) &&
      b.length === 2 &&
      isEnd(b[0]) &&
      isEnd(b[1]) &&
      (b[0] === null || b[1] === null || (b[0] as number) <= (b[1] as number)),
  );

function checkHeader(value: unknown, bad: (what: string) => never): SweepHeader {
  if (!isRecord(value)) return bad("no sweep header");
  const { scenario, runs, seeds, metrics, variants } = value;
  if (typeof scenario !== "string") bad("sweep.scenario: expected a string");
  if (!isCount(runs, 1) || runs > MAX_RUNS)
    return bad(`sweep.runs: expected an integer from 1 to ${MAX_RUNS}`);
  if (
    !Array.isArray(seeds) ||
    seeds.length !== runs ||
    !Array.from(seeds as unknown[]).every((s) => isCount(s, 0))
  )
    bad("sweep.seeds: expected one integer seed per run");
  if (!isStringArray(metrics) || metrics.length > MAX_PATHS) bad("sweep.metrics: expected metric paths");
  if (!Array.isArray(variants) || variants.length === 0 || variants.length > MAX_VARIANTS)
    return bad(`sweep.variants: expected 1 to ${MAX_VARIANTS} variants`);
  const { baseline } = value;
  if (baseline !== undefined && !(isCount(baseline, 1) && baseline <= variants.length))
    bad(`sweep.baseline: expected a variant number from 1 to ${variants.length}`);
  Array.from(variants as unknown[]).forEach((v: unknown, i) => {
    if (
      !isRecord(v) ||
      !isRecord(v.set) ||
      !isStringArray(v.expectations) ||
      v.expectations.length > MAX_PATHS
    )
      bad(`sweep.variants[${i}]: expected { set, expectations }`);
    if (v.bounds !== undefined && !isBoundsList(v.bounds, Array.isArray(metrics) ? metrics.length : 0))
      bad(`sweep.variants[${i}].bounds: expected one [lowest, highest] (numbers or nulls) per metric`);
  });
  return value as unknown as SweepHeader;
}

function checkJobs(
  value: unknown,
  header: SweepHeader,
  shard: ShardSpec,
  bad: (what: string) => never,
): ShardJob[] {
  if (!Array.isArray(value)) return bad("jobs: expected an array");
  const total = header.variants.length * header.runs;
  const expected = Math.max(0, Math.ceil((total - (shard.index - 1)) / shard.count));
  if (value.length !== expected)
    bad(`jobs: shard ${shard.index}/${shard.count} of ${total} jobs has ${expected}, found ${value.length}`);
  // Array.from visits holes too (a deleted element), so each one is checked rather than skipped.
  return Array.from(value as unknown[], (job: unknown, k) => {
    const index = shard.index - 1 + k * shard.count;
    if (!isRecord(job) || job.index !== index) return bad(`jobs[${k}]: expected job ${index}`);
    const variant = header.variants[Math.floor(index / header.runs)];
    const { metrics, expectations } = job;
    if (
      !Array.isArray(metrics) ||
      metrics.length !== header.metrics.length ||
      !Array.from(metrics as unknown[]).every(
        (m) => m === null || (typeof m === "number" && Number.isFinite(m)),
      )
    )
      bad(`jobs[${k}].metrics: expected ${header.metrics.length} numbers or nulls`);
    if (
      !Array.isArray(expectations) ||
      expectations.length !== variant?.expectations.length ||
      !Array.from(expectations as unknown[]).every((e) => typeof e === "boolean")
    )
      bad(`jobs[${k}].expectations: expected ${variant?.expectations.length ?? 0} booleans`);
    const values = metrics as (number | null)[];
    const impossible =
      impossibleMetrics(header.metrics, values) ?? outOfRange(header.metrics, values, variant.bounds);
    if (impossible !== undefined)
      bad(`jobs[${k}].metrics: impossible numbers: ${impossible}, in job ${index}`);
    return job as unknown as ShardJob;
  });
}

/**
 * Refuses a file that is no shard, or a shard of another format (another mdmsim's major version, or the
 * unversioned shards of earlier releases): its fields may mean something else.
 * @throws UsageError naming the file and both formats
 */
function checkShardFormat(name: string, data: unknown): asserts data is Record<string, unknown> {
  const format = isRecord(data) ? data.format : undefined;
  if (format === SHARD_FORMAT) return;
  if (typeof format === "string" && format.startsWith("mdmsim-sweep-shard"))
    throw new UsageError(
      `${name}: a sweep shard of format ${JSON.stringify(format)}; this mdmsim merges ${JSON.stringify(SHARD_FORMAT)} (write and merge the shards with the same mdmsim)`,
    );
  const what = typeof format === "string" && format.startsWith("mdmsim-") ? `a ${format} document, ` : "";
  throw new UsageError(`${name}: not a sweep shard (${what}write shards with mdmsim sweep … --shard I/N)`);
}

/** A shard file's name and parsed JSON. */
export interface ShardFile {
  readonly name: string;
  readonly data: unknown;
}

/**
 * Merges the shards of one sweep into the document a single run gives (byte for byte, once serialized).
 * @param files - every shard 1/N … N/N of one sweep, in any order
 * @throws UsageError naming the file when one is not a shard, belongs to another sweep, repeats a shard,
 *   or when a shard is missing
 */
export function mergeShards(files: readonly ShardFile[]): SweepResult {
  if (files.length === 0) throw new UsageError("merge: name the shard files to merge");
  let first: { name: string; shard: SweepShard; header: string } | undefined;
  const byIndex = new Map<number, { name: string; jobs: ShardJob[] }>();
  for (const { name, data } of files) {
    const bad = (what: string): never => {
      throw new UsageError(`${name}: not a complete sweep shard (${what})`);
    };
    checkShardFormat(name, data);
    const spec = data.shard;
    if (!isRecord(spec) || !isCount(spec.count, 1) || !isCount(spec.index, 1) || spec.index > spec.count)
      return bad("shard: expected { index, count } with 1 <= index <= count");
    const shard: ShardSpec = { index: spec.index, count: spec.count };
    const header = checkHeader(data.sweep, bad);
    if (typeof data.fingerprint !== "string") bad("fingerprint: expected a string");
    const headerText = JSON.stringify([data.fingerprint, header]);
    if (first === undefined) first = { name, shard: data as unknown as SweepShard, header: headerText };
    else if (headerText !== first.header)
      throw new UsageError(
        `${name}: a shard of a different sweep than ${first.name} (scenario or options differ)`,
      );
    else if (shard.count !== first.shard.shard.count)
      throw new UsageError(
        `${name}: shard ${shard.index}/${shard.count}, but ${first.name} is one of ${first.shard.shard.count}`,
      );
    const twin = byIndex.get(shard.index);
    if (twin !== undefined)
      throw new UsageError(`${name}: shard ${shard.index}/${shard.count} is given twice (also ${twin.name})`);
    byIndex.set(shard.index, { name, jobs: checkJobs(data.jobs, header, shard, bad) });
  }
  if (first === undefined) throw new UsageError("merge: name the shard files to merge");
  const { count } = first.shard.shard;
  // At most a few missing shards are named: a claimed count of 2^32 must not become a list of 2^32.
  const missing: number[] = [];
  for (let i = 1; i <= count && missing.length < SHOWN_MISSING; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    const more = count - byIndex.size - missing.length;
    throw new UsageError(
      `merge: shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")}${more > 0 ? ` and ${more} more` : ""} ${missing.length > 1 ? "are" : "is"} missing`,
    );
  }
  const header = first.shard.sweep;
  const outcomes: JobOutcome[] = new Array<JobOutcome>(header.variants.length * header.runs);
  for (const { jobs } of byIndex.values())
    for (const job of jobs) outcomes[job.index] = { metrics: job.metrics, expectations: job.expectations };
  return assembleSweep(header, outcomes);
}
