import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { singleServer } from "./helpers/scenarios.js";

const CM01 = "cm01.corp.contoso.com";

/** The trace without the priority column: [time, event, outcome, target]. */
function timeline(result: ReturnType<typeof simulate>): [number, string, string, string | null][] {
  return (result.trace ?? []).map((e) => [e.time, e.event, e.outcome, e.target]);
}

describe("simulate: hand-computed timelines", () => {
  it("fails the first poll until the replica's next tick, then succeeds at the next poll", () => {
    // Commit at 50 s; ticks at 100 s + k·300 s, so the record is visible from 100 s; polls every 3 min for 15 min.
    const scenario = singleServer({ duration: "20m" });
    const result = simulate(scenario, { trace: "w-1" });
    expect(timeline(result)).toEqual([
      [50, "enrollment-try", "ok", CM01],
      [50, "commit", "ok", null],
      [50, "assigned", "ok", CM01],
      [50, "poll", "device-not-in-replica", CM01],
      [100, "sync", "carries the record", "r1"],
      [100, "visible", "ok", "r1"],
      [230, "poll", "ok", CM01],
      [410, "poll", "ok", CM01],
      [590, "poll", "ok", CM01],
      [770, "poll", "ok", CM01],
      [950, "poll", "ok", CM01],
      // 15 minutes after commit the hourly phase starts: the next poll, at 4550 s, is past the 20-minute run.
    ]);
    expect(result.timeToFirstSuccessSeconds.mean).toBe(180);
    expect(result.failedAttemptsBeforeSuccess.histogram).toEqual({ "1": 1 });
  });

  it("retries a server-down poll with exponential backoff and counts every try", () => {
    // MP server down in [200 s, 400 s): the 230 s poll fails and retries at +16, +48, +112 s (246, 278, 342).
    const scenario = singleServer({ duration: "20m", server: { outages: [{ from: "200s", to: "400s" }] } });
    const result = simulate(scenario, { trace: "w-1" });
    const polls = timeline(result).filter(([, event]) => event === "poll" || event === "retry");
    expect(polls.slice(0, 6)).toEqual([
      [50, "poll", "device-not-in-replica", CM01],
      [230, "poll", "server-down", CM01],
      [246, "retry", "server-down", CM01],
      [278, "retry", "server-down", CM01],
      [342, "retry", "server-down", CM01],
      [410, "poll", "ok", CM01],
    ]);
    expect(result.failedAttemptsBeforeSuccess.max).toBe(5);
    expect(result.timeToFirstSuccessSeconds.max).toBe(360);
    expect(result.attempts.failedByReason).toEqual({ "device-not-in-replica": 1, "server-down": 4 });
  });

  it("drops a retry that would fall at or after the next poll", () => {
    // Backoff 100 s: retries at +100, +300; polls every 180 s, so the +300 s retry is dropped.
    const scenario = singleServer({
      duration: "10m",
      replica: null,
      server: { outages: [{ from: "0s", to: "1h" }] },
      group: {
        connectionRetries: { count: 3, initialBackoff: "100s" },
        enrollment: { pattern: "burst", at: 0 },
      },
    });
    // The EP is on the same server: enrollment fails too. Move the outage to the MP role only by timing:
    const result = simulate(scenario, { trace: "w-1" });
    expect(result.devices.enrollmentPending + result.devices.enrollmentFailed).toBe(1);
    const withMpDown = singleServer({
      duration: "10m",
      replica: null,
      server: { outages: [{ from: "10s", to: "1h" }] },
      group: {
        connectionRetries: { count: 3, initialBackoff: "100s" },
        enrollment: { pattern: "burst", at: 0 },
      },
    });
    const tries = timeline(simulate(withMpDown, { trace: "w-1" })).filter(
      ([, e]) => e === "poll" || e === "retry",
    );
    expect(tries).toEqual([
      [0, "poll", "ok", CM01],
      [180, "poll", "server-down", CM01],
      [280, "retry", "server-down", CM01],
      [360, "poll", "server-down", CM01],
      [460, "retry", "server-down", CM01],
      [540, "poll", "server-down", CM01],
    ]);
  });

  it("retries enrollment after retryAfter while the enrollment point is down", () => {
    // The only server (EP, EPP, MP) is down in [0, 700 s): tries at 50 and 650 fail, 1250 succeeds.
    const scenario = singleServer({ replica: null, server: { outages: [{ from: "0s", to: "700s" }] } });
    const result = simulate(scenario, { trace: "w-1" });
    expect(timeline(result).slice(0, 5)).toEqual([
      [50, "enrollment-try", "server-down", CM01],
      [650, "enrollment-try", "server-down", CM01],
      [1250, "enrollment-try", "ok", CM01],
      [1250, "commit", "ok", null],
      [1250, "assigned", "ok", CM01],
    ]);
    expect(result.devices.enrolled).toBe(1);
  });

  it("counts a device as enrollment failed after maxAttempts, by the reason of its last try", () => {
    const scenario = singleServer({
      replica: null,
      server: { outages: [{ from: "0s", to: "2h" }] },
      group: { enrollment: { pattern: "burst", at: 0, maxAttempts: 2, retryAfter: "1m" } },
    });
    const result = simulate(scenario);
    expect(result.devices).toMatchObject({ total: 1, enrolled: 0, enrollmentFailed: 1, connected: 0 });
    expect(result.enrollmentFailedByReason).toEqual({ "server-down": 1 });
  });

  it("skips ticks inside a replica outage: the next tick carries the record", () => {
    // Ticks at 100, 400, 700, 1000 …; outage [300, 800) skips 400 and 700; commit at 150 is visible at 1000.
    const scenario = singleServer({
      duration: "30m",
      replica: { outages: [{ from: "300s", to: "800s" }] },
      group: { enrollment: { pattern: "burst", at: "150s" } },
    });
    const result = simulate(scenario, { trace: "w-1", perDevice: true });
    expect(result.replicas[0]).toMatchObject({ syncs: 4, skippedSyncs: 2 });
    expect(result.perDevice?.[0]).toMatchObject({ committedAt: 150, visibleAt: 1000, firstSuccessAt: 1050 });
    // Polls at 150, 330, 510, 690, 870 fail; 1050 (15 min after commit: the last 3-minute poll) succeeds.
    expect(result.perDevice?.[0]?.failedBeforeSuccess).toBe(5);
  });

  it("adds applyDelay after the tick, and a record committed exactly at a tick is carried by it", () => {
    const scenario = singleServer({
      duration: "30m",
      replica: { applyDelay: "20s" },
      group: { enrollment: { pattern: "burst", at: "100s" } },
    });
    const result = simulate(scenario, { perDevice: true });
    expect(result.perDevice?.[0]).toMatchObject({
      committedAt: 100,
      visibleAt: 120,
      firstSuccessAt: 280,
      failedBeforeSuccess: 1,
    });
  });

  it("counts a try at exactly the visibility time as a success", () => {
    const scenario = singleServer({
      duration: "30m",
      group: { enrollment: { pattern: "burst", at: "100s" } },
    });
    const result = simulate(scenario, { perDevice: true });
    expect(result.perDevice?.[0]).toMatchObject({
      committedAt: 100,
      visibleAt: 100,
      firstSuccessAt: 100,
      failedBeforeSuccess: 0,
    });
  });

  it("fails every enrollment with no-enrollment-proxy-point when the site has none", () => {
    const scenario = singleServer({
      replica: null,
      server: {
        roles: {
          enrollmentPoint: { https: true },
          managementPoint: { https: true, allowMobileDevicesAndMacs: true },
        },
      },
    });
    expect(simulate(scenario).enrollmentFailedByReason).toEqual({ "no-enrollment-proxy-point": 1 });
  });

  it("fails every enrollment with no-enrollment-point when the site has none", () => {
    const scenario = singleServer({
      replica: null,
      server: {
        roles: {
          enrollmentProxyPoint: { https: true },
          managementPoint: { https: true, allowMobileDevicesAndMacs: true },
        },
      },
    });
    expect(simulate(scenario).enrollmentFailedByReason).toEqual({ "no-enrollment-point": 1 });
  });

  it("fails enrollment with enrollment-point-down while every EP is in an outage", () => {
    const base = singleServer({ replica: null });
    const scenario = {
      ...base,
      site: {
        ...base.site,
        servers: [
          ...base.site.servers.map((s) => ({ ...s, roles: { ...s.roles, enrollmentPoint: undefined } })),
          {
            name: "ep.corp.contoso.com",
            outages: [{ from: 0, to: 99999 }],
            roles: { enrollmentPoint: { https: true } },
          },
        ],
      },
    };
    expect(simulate(scenario).enrollmentFailedByReason).toEqual({ "enrollment-point-down": 1 });
  });

  it("fails every poll with no-management-point when the site has no MP", () => {
    const scenario = singleServer({
      replica: null,
      duration: "10m",
      group: { connectionRetries: { count: 0 } },
      server: { roles: { enrollmentPoint: { https: true }, enrollmentProxyPoint: { https: true } } },
    });
    const result = simulate(scenario);
    expect(result.neverConnectedByReason).toEqual({ "no-management-point": 1 });
    expect(result.attempts.failedByReason).toEqual({ "no-management-point": 4 });
  });
});

describe("simulate: the closed forms of the documented surprise", () => {
  // Commits every 0.3 s (the `even` pattern, 12,000 devices over an hour) against ticks at 0.15 s + k·P:
  // the visibility delay V = tick − commit takes each value 0.15, 0.45, …, P − 0.15 equally often, a
  // uniform grid on (0, P) that never touches a poll time. Polls come every 180 s from commit, so the first
  // success is at 180·⌈V/180⌉. For P = 300: V ≤ 180 w.p. 3/5 → 180 s after 1 failure, else 360 s after 2:
  // mean 0.6·180 + 0.4·360 = 252 s. For P = 600: 180, 360, 540 s w.p. 0.3 each, 720 s w.p. 0.1: mean
  // 54 + 108 + 162 + 72 = 396 s. For P = 60: always 180 s.
  const closedForm = (interval: string) =>
    simulate(
      singleServer({
        duration: "3h",
        replica: { syncInterval: interval, syncOffset: "0.15s" },
        group: { count: 12000, enrollment: { pattern: "even", from: "0s", to: "1h" } },
      }),
    );

  it("gives 252 s mean with 60% failing once and 40% twice for a 5-minute replica", () => {
    const result = closedForm("5m");
    expect(result.timeToFirstSuccessSeconds.mean).toBe(252);
    expect(result.failedAttemptsBeforeSuccess.histogram).toEqual({ "1": 7200, "2": 4800 });
    expect(result.replicas[0]?.visibilityDelaySeconds.mean).toBe(150);
  });

  it("gives 396 s mean for a 10-minute replica", () => {
    const result = closedForm("10m");
    expect(result.timeToFirstSuccessSeconds.mean).toBe(396);
    expect(result.failedAttemptsBeforeSuccess.histogram).toEqual({
      "1": 3600,
      "2": 3600,
      "3": 3600,
      "4": 1200,
    });
  });

  it("gives 180 s for a 1-minute replica", () => {
    const result = closedForm("1m");
    expect(result.timeToFirstSuccessSeconds).toMatchObject({ mean: 180, max: 180 });
  });

  it("matches the closed form within sampling error for uniform enrollments", () => {
    const result = simulate(
      singleServer({
        duration: "6h",
        replica: { syncOffset: undefined },
        group: { count: 20000, enrollment: { pattern: "uniform", from: "0s", to: "4h" } },
      }),
    );
    // Failures are Bernoulli(0.4) on top of one: the mean's standard error is 180·√(0.24/20000) ≈ 0.62 s.
    expect(Math.abs((result.timeToFirstSuccessSeconds.mean ?? 0) - 252)).toBeLessThan(4);
  });
});

describe("simulate: content.neverServed", () => {
  // One DP, listed by the HQ boundary group (10.1.0.0/16): a device outside it has no content location.
  const run = (addresses: string, count: number, extra: Record<string, unknown> = {}) =>
    simulate(singleServer({ replica: null, group: { count, addresses, content: true, ...extra } })).content;

  it("is 0 when every device that asked got content", () => {
    expect(run("10.1.2.0/24", 20)).toMatchObject({ neverServed: 0, timeToContentSeconds: { count: 20 } });
  });

  it("counts each device that asked and never got content once, however often it asked", () => {
    // 300 devices from 10.1.255.0: 256 inside the boundary, the last 44 (10.2.0.0 to 10.2.0.43) outside.
    const content = run("10.1.255.0-10.2.255.255", 300);
    expect(content).toMatchObject({ neverServed: 44, timeToContentSeconds: { count: 256 } });
    // Each of the 44 asked at every poll: far more failed requests than devices.
    expect(content?.failedByReason["no-content-location"]).toBeGreaterThan(44);
  });

  it("leaves out devices that never connected: they never asked", () => {
    // The only MP does not allow mobile devices: every device enrolls, none connects, none asks for content.
    const r = simulate(
      singleServer({
        replica: null,
        mp: { allowMobileDevicesAndMacs: false },
        group: { count: 5, addresses: "10.2.0.0/24", content: true },
      }),
    );
    expect(r.devices).toMatchObject({ enrolled: 5, connected: 0 });
    expect(r.content).toMatchObject({ attempted: 0, neverServed: 0 });
  });
});
