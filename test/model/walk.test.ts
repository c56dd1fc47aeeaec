// The device walk's reports, hand-computed for one device.
import { describe, expect, it } from "vitest";
import { compileSite } from "../../src/model/site.js";
import { GroupWalk } from "../../src/model/walk.js";
import { POLL_CHUNK } from "../../src/model/pollSchedule.js";
import { counterKey, counterRng } from "../../src/random.js";
import { ruleTimes } from "../helpers/pollTimes.js";
import { singleServer } from "../helpers/scenarios.js";
import { loggingSink } from "../helpers/sinks.js";

function walk(scenario: ReturnType<typeof singleServer>): string[] {
  const log: string[] = [];
  const site = compileSite(scenario, scenario.seed);
  new GroupWalk(site, site.groups[0]!, { all: loggingSink(log) }, false).run();
  return log;
}

describe("GroupWalk", () => {
  it("reports enrollment, commit, the tick carrying the record, failed polls, then fast-forwards the rest", () => {
    // Enrolls at 50 s (the fast-forward: the site accepts every try); the replica ticks at 100, 400, …
    // (offset 100 s, every 5 min), so polls at 50 (fails), 230 (fails), 410 (succeeds) with 3-minute polling.
    const scenario = singleServer({
      duration: "20m",
      group: { polling: [{ every: "3m" }] },
    });
    expect(walk(scenario)).toEqual([
      "enroll 50 -1 0",
      "poll 50 mp0 16", // device-not-in-replica
      "poll 230 mp0 -1",
      "ok-polls mp0 410 590 770 950 1130",
      "end 0 commit 50 mp0 replica 0 tick 100 visible 100 delays 50",
    ]);
  });

  it("retries connection-level failures with backoff, dropping a retry due at the next poll", () => {
    // The MP is down for the whole run: every try fails with server-down; retries at +16 s and +48 s, the
    // third (+112 s) would come after the next poll (+60 s) and is dropped.
    const scenario = singleServer({
      duration: "3m",
      replica: null,
      server: { outages: [{ from: "2m59s", to: "3m" }] },
      mp: { https: false },
      group: { polling: [{ every: "1m" }], connectionRetries: { count: 3, initialBackoff: "16s" } },
    });
    const tries = walk(scenario).filter((l) => l.startsWith("poll") || l.startsWith("retry"));
    expect(tries).toEqual([
      "poll 50 mp0 3",
      "retry 66 mp0 3",
      "retry 98 mp0 3",
      "poll 110 mp0 3",
      "retry 126 mp0 3",
      "retry 158 mp0 3",
      "poll 170 mp0 3",
    ]);
  });

  it("gives the traced device's reports to the traced sink only, and every other device's to the group's", () => {
    const scenario = singleServer({ duration: "20m", group: { count: 3, polling: [{ every: "3m" }] } });
    const site = compileSite(scenario, scenario.seed);
    const all: string[] = [];
    const traced: string[] = [];
    const sinks = { all: loggingSink(all), traced: { index: 1, sink: loggingSink(traced) } };
    new GroupWalk(site, site.groups[0]!, sinks, false).run();
    const ends = (log: string[]) => log.filter((l) => l.startsWith("end")).map((l) => l.split(" ")[1]);
    expect(ends(all)).toEqual(["0", "2"]);
    expect(ends(traced)).toEqual(["1"]);
    // Devices of a burst live the same life: the traced one's reports are the others' reports.
    expect(traced).toEqual(all.slice(0, all.length / 2).map((l) => l.replace("end 0", "end 1")));
  });

  it("takes a long schedule's polls as the rule gives them, with or without jitter, walked or fast-forwarded", () => {
    // 1-second polls for 20 minutes from the commit at 50 s: 1,150 polls without jitter (the group's table),
    // several chunks of the cursor's buffer with it. With the MP down from 10 minutes to the end, no poll is
    // fast-forwarded: each is walked (its retry, 16 s later, falls after the next poll and is dropped).
    // With the MP up, every poll after the first is fast-forwarded.
    for (const jitter of ["0s", "1s"]) {
      const group = {
        polling: [{ every: "1s" }],
        jitter,
        connectionRetries: { count: 1, initialBackoff: "16s" },
      };
      const down = singleServer({
        duration: "20m",
        replica: null,
        server: { outages: [{ from: "10m", to: "20m" }] },
        group,
      });
      const g = down.devices[0]!;
      // Device 0 draws its jitter from its own stream.
      const jitterOf0 = counterRng(counterKey(down.seed, g.name, "jitter"), 0);
      const [rule] = ruleTimes(g, g.jitter, jitterOf0, [50], down.duration);
      const expected = rule?.times ?? [];
      expect(expected.length).toBeGreaterThan(jitter === "0s" ? 1000 : 500);
      const log = walk(down);
      expect(log.filter((l) => l.startsWith("poll")).map((l) => Number(l.split(" ")[1]))).toEqual(expected);
      expect(log.some((l) => l.startsWith("retry") || l.startsWith("ok-polls"))).toBe(false);
      const up = walk(singleServer({ duration: "20m", replica: null, group }));
      const reports = up.filter((l) => l.startsWith("ok-polls"));
      expect(reports.length).toBe(jitter === "0s" ? 1 : Math.ceil(expected.length / POLL_CHUNK));
      expect(reports.flatMap((l) => l.split(" ").slice(2).map(Number))).toEqual(expected.slice(1));
    }
  });
});
