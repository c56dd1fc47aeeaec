// A real one-node Slurm cluster for tests: munged, slurmctld and slurmd from Debian's packages, each in
// the foreground as a child of the test, with a configuration, state and sockets of its own in a
// temporary folder and ports chosen free on 127.0.0.1. Nothing outside that folder is read or changed
// (the system's /etc/slurm and /etc/munge are not used), and stop() ends every daemon.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { availableParallelism, hostname, tmpdir } from "node:os";
import { delimiter, join } from "node:path";

const PROGRAMS = ["munged", "slurmctld", "slurmd", "sbatch", "sinfo", "scontrol"] as const;
type Program = (typeof PROGRAMS)[number];

/** The Slurm and munge programs (PATH, then Debian's sbin folders), or null when any is missing. */
export function findSlurm(): Record<Program, string> | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/bin", "/sbin"];
  const found: Partial<Record<Program, string>> = {};
  for (const program of PROGRAMS) {
    for (const d of dirs) {
      if (d === "") continue;
      try {
        accessSync(join(d, program), constants.X_OK);
        found[program] = join(d, program);
        break;
      } catch {
        // not here
      }
    }
    if (found[program] === undefined) return null;
  }
  return found as Record<Program, string>;
}

/** The daemons run as the user the test runs as, which Slurm allows only for root. */
export function canRunSlurm(): boolean {
  return findSlurm() !== null && process.getuid?.() === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job's state as `scontrol show job` prints it. */
export interface JobState {
  readonly state: string;
  readonly reason: string;
}

/** A running cluster. */
export interface SlurmCluster {
  readonly dir: string;
  /** The environment Slurm's commands need (SLURM_CONF) over the test's own. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs a Slurm command synchronously; throws with its output when it fails. */
  readonly command: (
    program: "sbatch" | "sinfo" | "scontrol",
    args: readonly string[],
    cwd?: string,
  ) => string;
  /** The state and reason of job ID (its first record, for an array the first task). */
  readonly job: (id: string) => JobState;
  /** The daemons' logs, for a failure message. */
  readonly logs: () => string;
  readonly stop: () => Promise<void>;
}

function slurmConf(dir: string, node: string, ctldPort: number, dPort: number): string {
  return [
    "ClusterName=mdmsimtest",
    `SlurmctldHost=${node}(127.0.0.1)`,
    `SlurmctldPort=${ctldPort}`,
    `SlurmdPort=${dPort}`,
    "AuthType=auth/munge",
    "CredType=cred/munge",
    `AuthInfo=socket=${dir}/sock/munge.socket`,
    "SlurmUser=root",
    "SlurmdUser=root",
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`,
    `SlurmdPidFile=${dir}/slurmd.pid`,
    `SlurmctldLogFile=${dir}/log/slurmctld.log`,
    `SlurmdLogFile=${dir}/log/slurmd.log`,
    // No cgroups in a test: processes tracked by their parent, no task binding, no accounting daemon.
    "ProctrackType=proctrack/linuxproc",
    "TaskPlugin=task/none",
    "JobAcctGatherType=jobacct_gather/none",
    "AccountingStorageType=accounting_storage/none",
    "MpiDefault=none",
    "SchedulerType=sched/builtin",
    "SelectType=select/cons_tres",
    "SelectTypeParameters=CR_Core",
    "ReturnToService=2",
    `NodeName=${node} NodeAddr=127.0.0.1 CPUs=${availableParallelism()}`,
    "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
    "",
  ].join("\n");
}

/**
 * Starts munged, slurmctld and slurmd and waits until the node is idle.
 * @throws when a program is missing or the node does not come up within `readyMs`
 */
export async function startSlurm(readyMs = 30_000): Promise<SlurmCluster> {
  const programs = findSlurm();
  if (programs === null)
    throw new Error(`Slurm or munge is not installed (looked for ${PROGRAMS.join(", ")})`);
  const dir = mkdtempSync(join(tmpdir(), "mdmsim-slurm-"));
  chmodSync(dir, 0o755);
  for (const sub of ["key", "sock", "state", "spool", "log"]) mkdirSync(join(dir, sub), { mode: 0o755 });
  // munged insists that only its owner can read the key and its folder, and that all can reach the socket.
  chmodSync(join(dir, "key"), 0o700);
  writeFileSync(join(dir, "key", "munge.key"), randomBytes(1024), { mode: 0o400 });

  // slurmd names its node by the host's short name; the configuration must use the same.
  const node = hostname().split(".")[0] ?? "localhost";
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const conf = join(dir, "slurm.conf");
  writeFileSync(conf, slurmConf(dir, node, ctldPort, dPort));
  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: conf };

  const children: ChildProcess[] = [];
  const start = (program: Program, args: readonly string[]) => {
    const child = spawn(programs[program], args, { env, stdio: ["ignore", "ignore", "ignore"] });
    child.on("error", () => undefined); // a failed start shows as a node that never becomes idle
    children.push(child);
  };
  const log = (name: string) => {
    try {
      return readFileSync(join(dir, "log", name), "utf8");
    } catch {
      return "(none)";
    }
  };
  const logs = () =>
    ["munged.log", "slurmctld.log", "slurmd.log"].map((n) => `--- ${n}\n${log(n).slice(-4000)}`).join("\n");
  const stop = async () => {
    for (const child of [...children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
      if (timedOut) child.kill("SIGKILL");
    }
  };
  const command = (program: "sbatch" | "sinfo" | "scontrol", args: readonly string[], cwd?: string) => {
    const run = spawnSync(programs[program], args, { env, cwd, encoding: "utf8", timeout: 30_000 });
    if (run.status !== 0)
      throw new Error(`${program} ${args.join(" ")} failed (${run.status}): ${run.stderr}${run.stdout}`);
    return run.stdout;
  };
  const job = (id: string): JobState => {
    const text = command("scontrol", ["show", "job", "--oneliner", id]);
    return {
      state: /JobState=(\S+)/.exec(text)?.[1] ?? "UNKNOWN",
      reason: /Reason=(\S+)/.exec(text)?.[1] ?? "",
    };
  };

  try {
    start("munged", [
      "--foreground",
      `--key-file=${dir}/key/munge.key`,
      `--socket=${dir}/sock/munge.socket`,
      `--pid-file=${dir}/sock/munged.pid`,
      `--seed-file=${dir}/key/munged.seed`,
      `--log-file=${dir}/log/munged.log`,
    ]);
    await sleep(500);
    start("slurmctld", ["-D"]);
    await sleep(500);
    start("slurmd", ["-D"]);
    const deadline = Date.now() + readyMs;
    for (;;) {
      const state = spawnSync(programs.sinfo, ["--noheader", "--format=%t"], { env, encoding: "utf8" });
      if (state.status === 0 && state.stdout.trim() === "idle") break;
      if (Date.now() > deadline) throw new Error(`the Slurm node did not become idle:\n${logs()}`);
      await sleep(500);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { dir, env, command, job, logs, stop };
}

/**
 * Waits until job ID has ended.
 * @returns its final state
 * @throws when it is still pending or running after `timeoutMs`, or its dependency can never be met
 */
export async function waitForJob(cluster: SlurmCluster, id: string, timeoutMs: number): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = cluster.job(id);
    if (!["PENDING", "CONFIGURING", "RUNNING", "COMPLETING"].includes(state.state)) return state;
    if (state.reason === "DependencyNeverSatisfied")
      throw new Error(`job ${id}: its dependency failed\n${cluster.logs()}`);
    if (Date.now() > deadline)
      throw new Error(
        `job ${id} still ${state.state} (${state.reason}) after ${timeoutMs} ms\n${cluster.logs()}`,
      );
    await sleep(500);
  }
}
