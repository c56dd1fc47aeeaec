// Output files: written into when they are not regular files (FIFOs, device nodes), folders refused before
// the work, an exclusive temporary file with a random name, removed when SIGINT or SIGTERM ends the write.
import { checkDocumentFile, writeDocumentFile } from "../../src/cli/documentFile.js";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  checkOutputPath,
  OutputFileError,
  writeCheckedOutputFile,
  writeOutputFile,
  type SignalSource,
} from "../../src/cli/outputFile.js";
import { BIN, expectBadInput, REPO_ROOT, runBin, shellQuote } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-output-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let folders = 0;
/** A fresh empty folder in the test's folder. */
function folder(): string {
  const path = join(dir, `f${++folders}`);
  mkdirSync(path);
  return path;
}

/** Runs a shell command line in the repository (for FIFOs and their readers). */
function shell(line: string): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync("sh", ["-c", line], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const mdmsim = `${shellQuote(process.execPath)} ${shellQuote(BIN)}`;

describe("targets that are not regular files are written into, never replaced", () => {
  it("a FIFO receives the bytes and stays a FIFO", () => {
    const here = folder();
    const fifo = join(here, "out.fifo");
    const got = join(here, "got.json");
    expect(shell(`mkfifo ${shellQuote(fifo)}`).status).toBe(0);
    const child = shell(
      `cat ${shellQuote(fifo)} > ${shellQuote(got)} & ${mdmsim} run scenarios/baseline.json --json ${shellQuote(fifo)} > /dev/null; s=$?; wait; exit $s`,
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(got, "utf8"))).toMatchObject({ scenario: "baseline" });
    // Nothing beside it: no temporary file was made for a target that is written into.
    expect(readdirSync(here).sort()).toEqual(["got.json", "out.fifo"]);
  });

  it("a link to /dev/stdout (a pipe) gets the scenario, and stays a link", () => {
    const here = folder();
    const link = join(here, "stdout");
    symlinkSync("/proc/self/fd/1", link);
    const child = shell(
      `${mdmsim} import test/import/fixtures/lab-site.export.json --out ${shellQuote(link)} | cat`,
    );
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toHaveProperty("site");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(here)).toEqual(["stdout"]);
  });

  // Only root can replace a device node (a rename needs no permission on the file itself), and only root
  // can make one: as root the test writes to a node of its own, never risking the machine's /dev/null.
  const root = process.getuid?.() === 0;
  it.skipIf(root)("/dev/null stays a character device", () => {
    const outcome = runBin(["run", "scenarios/baseline.json", "--json", "/dev/null"]);
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it.runIf(root)(
    "a device node made for the test stays one after studio, report and import write to it",
    () => {
      const here = folder();
      const node = join(here, "null");
      const made = shell(`mknod ${shellQuote(node)} c 1 3`);
      expect(made.status, made.stderr).toBe(0);
      for (const args of [
        ["studio", "scenarios/baseline.json", "--out", node],
        ["report", "scenarios/baseline.json", "--out", node],
        ["import", "test/import/fixtures/lab-site.export.json", "--out", node],
      ]) {
        const outcome = runBin(args);
        expect(outcome.code, outcome.stderr).toBe(0);
        expect(lstatSync(node).isCharacterDevice()).toBe(true);
        expect(readdirSync(here)).toEqual(["null"]);
      }
    },
  );
});

describe("a folder is refused before anything is written", () => {
  for (const args of [
    (out: string) => ["report", "scenarios/baseline.json", "--out", out],
    (out: string) => ["studio", "scenarios/baseline.json", "--out", out],
    (out: string) => ["import", "test/import/fixtures/lab-site.export.json", "--out", out],
    (out: string) => ["run", "scenarios/baseline.json", "--json", out],
    (out: string) => ["run", "scenarios/baseline.json", "--records", out],
  ]) {
    const line = args("DIR").slice(0, 1).concat(args("DIR").slice(2)).join(" ");
    it(`${line}: exit 2 naming the option and the folder; nothing made in it or beside it`, () => {
      const parent = folder();
      const target = join(parent, "reports");
      mkdirSync(target);
      const outcome = runBin(args(target));
      expectBadInput(outcome, `${args(target).at(-2) ?? ""} ${target}: is a folder`);
      expect(readdirSync(parent)).toEqual(["reports"]);
      expect(readdirSync(target)).toEqual([]);
    });
  }
});

describe("a folder removed during the work", () => {
  it("is exit 4 at the write (the output could not be written), not the bad input of exit 2", async () => {
    const gone = join(folder(), "gone");
    mkdirSync(gone);
    const target = join(gone, "sweep.json");
    checkOutputPath(target, `--out ${target}`, []);
    rmSync(gone, { recursive: true });
    const written = writeCheckedOutputFile(target, "{}\n", `--out ${target}`, []);
    await expect(written).rejects.toBeInstanceOf(OutputFileError);
    await expect(written).rejects.toThrow(`--out ${target}: cannot write the file`);
    // Not checked before: the missing folder is still the command line's mistake.
    await expect(writeOutputFile(target, "{}\n", `--out ${target}`, [])).rejects.toThrow(/does not exist/);
  });

  it("is exit 4 for --json and --records too (their paths are checked before the work)", async () => {
    const gone = join(folder(), "gone");
    mkdirSync(gone);
    const target = join(gone, "run.json");
    checkDocumentFile(target, "--json", []);
    rmSync(gone, { recursive: true });
    await expect(writeDocumentFile(target, "{}\n", "--json", [])).rejects.toBeInstanceOf(OutputFileError);
  });
});

describe("the temporary file", () => {
  it("has a random name beside the target and is gone once the file is written", async () => {
    const here = folder();
    const target = join(here, "report.html");
    const seen: string[] = [];
    const hooks = {
      chunkWritten: (t: string | undefined) => {
        if (t !== undefined) seen.push(t);
      },
    };
    await writeOutputFile(target, "first", "--out report.html", [], hooks);
    await writeOutputFile(target, "second", "--out report.html", [], hooks);
    expect(seen).toHaveLength(2);
    for (const t of seen) expect(t).toMatch(/\/\.report\.html\.[0-9a-f]{16}\.tmp$/);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0]?.startsWith(`${here}/`)).toBe(true);
    expect(readFileSync(target, "utf8")).toBe("second");
    expect(readdirSync(here)).toEqual(["report.html"]);
  });

  it("never follows a symlink planted at a name made of the process id", async () => {
    const here = folder();
    const victim = join(here, "victim");
    writeFileSync(victim, "precious");
    // Yesterday's names: `.NAME.PID.tmp`, for this process and its next few neighbours.
    for (let pid = process.pid; pid < process.pid + 20; pid++)
      symlinkSync(victim, join(here, `.report.html.${pid}.tmp`));
    await writeOutputFile(join(here, "report.html"), "the report", "--out report.html", []);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(readFileSync(join(here, "report.html"), "utf8")).toBe("the report");
    expect(lstatSync(join(here, `.report.html.${process.pid}.tmp`)).isSymbolicLink()).toBe(true);
  });

  it("keeps the permissions of the file it replaces", async () => {
    const here = folder();
    const target = join(here, "private.json");
    writeFileSync(target, "old", { mode: 0o600 });
    await writeOutputFile(target, "new", "--out private.json", []);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it("is removed when the write fails, and the old file stays whole", async () => {
    const here = folder();
    const target = join(here, "report.html");
    writeFileSync(target, "the old report");
    const failing = {
      chunkWritten: () => {
        throw new Error("no space left on device");
      },
    };
    await expect(writeOutputFile(target, "new", "--out report.html", [], failing)).rejects.toThrow(
      /--out report.html: cannot write the file: no space left on device/,
    );
    expect(readdirSync(here)).toEqual(["report.html"]);
    expect(readFileSync(target, "utf8")).toBe("the old report");
  });
});

/** A fake process: listeners by signal, and the signals the program ended by. */
function fakeSignals(): SignalSource & { listeners: Map<string, Set<() => void>>; killedBy: string[] } {
  const listeners = new Map<string, Set<() => void>>();
  const killedBy: string[] = [];
  return {
    listeners,
    killedBy,
    on: (signal, listener) => {
      listeners.set(signal, (listeners.get(signal) ?? new Set()).add(listener));
    },
    off: (signal, listener) => {
      listeners.get(signal)?.delete(listener);
    },
    kill: (signal) => {
      killedBy.push(signal);
    },
  };
}

describe("SIGINT and SIGTERM during the write", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} removes the temporary file, leaves the old file, then ends the program by ${signal}`, async () => {
      const here = folder();
      const target = join(here, "studio.html");
      writeFileSync(target, "the old page");
      const signals = fakeSignals();
      let chunks = 0;
      const hooks = {
        signals,
        chunkWritten: (temporary: string | undefined) => {
          if (++chunks !== 1) return;
          expect(temporary !== undefined && existsSync(temporary)).toBe(true);
          for (const listener of signals.listeners.get(signal) ?? []) listener();
        },
      };
      // Several chunks: the signal comes after the first.
      const big = "x".repeat(5 * 1024 * 1024);
      await expect(writeOutputFile(target, big, "--out studio.html", [], hooks)).rejects.toThrow(UsageError);
      expect(chunks).toBe(1);
      expect(signals.killedBy).toEqual([signal]);
      expect(readdirSync(here)).toEqual(["studio.html"]);
      expect(readFileSync(target, "utf8")).toBe("the old page");
      // Its listeners are gone: a signal after the write is the program's as before.
      expect([...signals.listeners.values()].every((set) => set.size === 0)).toBe(true);
    });
  }

  it("in the real process: SIGTERM mid-write ends it by SIGTERM and leaves no temporary file", () => {
    const here = folder();
    const target = join(here, "report.html");
    const module = new URL("../../dist/cli/outputFile.js", import.meta.url).href;
    const script = [
      `const { writeOutputFile } = await import(${JSON.stringify(module)});`,
      `let first = true;`,
      `const chunkWritten = () => { if (first) process.kill(process.pid, "SIGTERM"); first = false; };`,
      `await writeOutputFile(${JSON.stringify(target)}, "x".repeat(64 * 1024 * 1024), "--out r", [], { chunkWritten });`,
      `process.stdout.write("finished the write\\n");`,
    ].join("\n");
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.stderr).toBe("");
    expect(child.stdout).toBe("");
    expect(child.signal).toBe("SIGTERM");
    expect(readdirSync(here)).toEqual([]);
  });
});
