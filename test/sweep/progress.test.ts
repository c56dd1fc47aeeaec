// The sweep's progress bar: stderr only, only on a terminal, only after about a second.
import { describe, expect, it } from "vitest";
import { progressBar, progressLine } from "../../src/cli/sweepProgress.js";
import { captureIo } from "../helpers/cli.js";

describe("progressBar", () => {
  it("draws nothing when stderr is not a terminal", () => {
    const { io, stderr, stdout } = captureIo({ stderrIsTTY: false });
    const bar = progressBar(io, 10, { now: () => 5000, delayMs: 0 });
    bar.update(5);
    bar.finish();
    expect(stderr()).toBe("");
    expect(stdout()).toBe("");
  });

  it("waits for the delay, throttles redraws, always draws the last job, then erases the line", () => {
    const { io, stderr, stdout } = captureIo({ stderrIsTTY: true });
    let t = 0;
    const bar = progressBar(io, 4, { now: () => t, delayMs: 1000, intervalMs: 100, width: 4 });
    t = 500;
    bar.update(1); // before the delay: nothing
    t = 1000;
    bar.update(2);
    t = 1050;
    bar.update(3); // throttled
    t = 1060;
    bar.update(4); // the last one is always drawn
    bar.finish();
    expect(stderr()).toBe("\rsweep [##--] 2/4 50%\rsweep [####] 4/4 100%\r\x1b[2K");
    expect(stdout()).toBe("");
  });

  it("erases nothing when nothing was drawn", () => {
    const { io, stderr } = captureIo({ stderrIsTTY: true });
    const bar = progressBar(io, 3, { now: () => 0 });
    bar.update(3);
    bar.finish();
    expect(stderr()).toBe("");
  });

  it("formats the bar", () => {
    expect(progressLine("sweep", 0, 150, 10)).toBe("sweep [----------] 0/150 0%");
    expect(progressLine("sweep", 75, 150, 10)).toBe("sweep [#####-----] 75/150 50%");
    expect(progressLine("sweep", 0, 0, 10)).toBe("sweep [##########] 0/0 100%");
  });
});
