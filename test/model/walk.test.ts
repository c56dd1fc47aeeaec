// The device walk's reports, hand-computed for one device.
import { describe, expect, it } from "vitest";
import { compileSite } from "../../src/model/site.js";
import { GroupWalk } from "../../src/model/walk.js";
import { singleServer } from "../helpers/scenarios.js";
import { loggingSink } from "../helpers/sinks.js";

function walk(scenario: ReturnType<typeof singleServer>): string[] {
  const log: string[] = [];
  const site = compileSite(scenario, scenario.seed);
  new GroupWalk(site, site.groups[0]!, loggingSink(log), false).run();
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
      "begin 0",
      "enroll 50 -1 0",
      "commit 50",
      "carried 0 50",
      "assigned 50 0 0 100 100",
      "poll 50 15", // device-not-in-replica
      "poll 230 -1",
      "ok-poll 410",
      "ok-poll 590",
      "ok-poll 770",
      "ok-poll 950",
      "ok-poll 1130",
      "fast-forwarded 5",
      "end 0",
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
      "poll 50 3",
      "retry 66 3",
      "retry 98 3",
      "poll 110 3",
      "retry 126 3",
      "retry 158 3",
      "poll 170 3",
    ]);
  });
});
