// Progress on stderr: only on a terminal, only after about a second, with elapsed time, rate and time
// left, never wider than the terminal, erased at the end and on Ctrl-C (with the cursor shown again).
import { describe, expect, it } from "vitest";
import { progressBar, progressLine, type ProgressState } from "../../src/cli/progress.js";
import type { CliIo } from "../../src/cli/io.js";
import { displayWidth } from "../../src/report/terminal.js";
import { captureIo } from "../helpers/cli.js";

const ERASE = "\r\x1b[2K";

describe("progressBar", () => {
  it("draws nothing when stderr is not a terminal", () => {
    const { io, stderr, stdout } = captureIo({ stderrIsTTY: false });
    const bar = progressBar(io, 10, { now: () => 5000, delayMs: 0 });
    bar.update(5);
    bar.finish();
    expect(stderr()).toBe("");
    expect(stdout()).toBe("");
  });

  it("waits for the delay, throttles redraws, always draws the last step, then erases the line", () => {
    const { io, stderr, stdout } = captureIo({ stderrIsTTY: true });
    let t = 0;
    const bar = progressBar(io, 4, { now: () => t, delayMs: 1000, intervalMs: 100 });
    t = 500;
    bar.update(1); // before the delay: nothing
    t = 1000;
    bar.update(2);
    t = 1050;
    bar.update(3); // throttled
    t = 2000;
    bar.update(4); // the last one is always drawn
    bar.finish();
    const bar30 = (filled: number) => `[${"#".repeat(filled)}${"-".repeat(30 - filled)}]`;
    expect(stderr()).toBe(
      `\rsweep ${bar30(15)} 2/4 50% 1s, 2.00 runs/s, about 1s left\x1b[K` +
        `\rsweep ${bar30(30)} 4/4 100% 2s, 2.00 runs/s, about 0s left\x1b[K` +
        ERASE,
    );
    expect(stdout()).toBe("");
  });

  it("erases nothing when nothing was drawn", () => {
    const { io, stderr } = captureIo({ stderrIsTTY: true });
    const bar = progressBar(io, 3, { now: () => 0 });
    bar.update(3);
    bar.finish();
    expect(stderr()).toBe("");
  });

  it("when interruptible, hides the cursor while drawn, and Ctrl-C erases the line and shows it", () => {
    const { io: base, stderr } = captureIo({ stderrIsTTY: true });
    const handlers: (() => void)[] = [];
    let undone = 0;
    const io: CliIo = {
      ...base,
      onInterrupt: (handler) => {
        handlers.push(handler);
        return () => undone++;
      },
    };
    let t = 0;
    const bar = progressBar(io, 10, { now: () => t, interruptible: true });
    bar.update(1);
    expect(handlers).toHaveLength(0); // nothing drawn yet: Ctrl-C keeps its default
    t = 1500;
    bar.update(3);
    expect(handlers).toHaveLength(1);
    expect(stderr().startsWith("\x1b[?25l\r")).toBe(true);
    handlers[0]?.(); // Ctrl-C
    expect(stderr().endsWith(`${ERASE}\x1b[?25h`)).toBe(true);
    bar.finish(); // nothing left to erase
    expect(stderr().endsWith(`${ERASE}\x1b[?25h`)).toBe(true);
    expect(undone).toBe(1);
  });

  it("in the main thread (not interruptible) never takes Ctrl-C nor hides the cursor", () => {
    const { io: base, stderr } = captureIo({ stderrIsTTY: true });
    let asked = 0;
    const io: CliIo = { ...base, onInterrupt: () => (asked++, () => undefined) };
    let t = 0;
    const bar = progressBar(io, 10, { now: () => t, label: "run", unit: "devices" });
    t = 1500;
    bar.update(5);
    bar.finish();
    expect(asked).toBe(0);
    expect(stderr()).not.toContain("\x1b[?25");
    expect(stderr()).toContain("run [");
    expect(stderr()).toContain("devices/s");
  });

  it("keeps within the terminal's width", () => {
    const { io: base, stderr } = captureIo({ stderrIsTTY: true });
    const io: CliIo = { ...base, stderrColumns: () => 40 };
    let t = 0;
    const bar = progressBar(io, 1000, { now: () => t });
    t = 1500;
    bar.update(10);
    const line = stderr().slice(1).replace("\x1b[K", "");
    expect(displayWidth(line)).toBeLessThan(40);
  });
});

describe("progressLine", () => {
  const state = (done: number, total: number, elapsedMs: number): ProgressState => ({
    label: "sweep",
    unit: "runs",
    done,
    total,
    elapsedMs,
  });

  it("shows the count, elapsed time, rate and time left", () => {
    expect(progressLine(state(75, 150, 30_000))).toBe(
      `sweep [${"#".repeat(15)}${"-".repeat(15)}] 75/150 50% 30s, 2.50 runs/s, about 30s left`,
    );
    expect(progressLine(state(0, 150, 1000))).toBe(`sweep [${"-".repeat(30)}] 0/150 0% 1s, 0.00 runs/s`);
    expect(progressLine(state(0, 0, 1000))).toBe(`sweep [${"#".repeat(30)}] 0/0 100% 1s, 0.00 runs/s`);
    expect(progressLine(state(5000, 100_000, 10_000))).toContain("500 runs/s, about 3m10s left");
  });

  it("gives up the bar, then the estimate, then the rate, to fit", () => {
    for (let columns = 12; columns <= 120; columns++)
      expect(displayWidth(progressLine(state(42, 150, 12_000), columns)), String(columns)).toBeLessThan(
        columns,
      );
    expect(progressLine(state(42, 150, 12_000), 50)).toBe(
      "sweep 42/150 28% 12s, 3.50 runs/s, about 31s left",
    );
    expect(progressLine(state(42, 150, 12_000), 30)).toBe("sweep 42/150 28% 12s");
  });
});

describe("Ctrl-C in the real process", () => {
  it("runs the clean-up, then ends the program by SIGINT as Ctrl-C would", async () => {
    const { spawnSync } = await import("node:child_process");
    const io = new URL("../../dist/cli/io.js", import.meta.url).href;
    const script = [
      `const { processIo } = await import(${JSON.stringify(io)});`,
      `processIo().onInterrupt(() => process.stderr.write("erased\\n"));`,
      `process.kill(process.pid, "SIGINT");`,
      `setTimeout(() => process.stdout.write("still running\\n"), 2000);`,
    ].join("\n");
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stderr).toBe("erased\n");
    expect(child.stdout).toBe("");
    expect(child.signal).toBe("SIGINT");
  });
});
