// A device group as `scenarioArbitrary` draws it (independent choices), and as a scenario file writes it.
import fc from "fast-check";
import type { GridTimes } from "./gridTimes.js";

/** The root CA every generated group trusts. */
export const ROOT = "Contoso Root CA";

/** What a group's draws depend on: the scenario's times and run, and the generator's constraints. */
export interface GroupContext {
  readonly times: GridTimes;
  /** The run's duration, seconds. */
  readonly run: number;
  readonly platforms: readonly ("windows" | "macos" | "configmgr-client")[];
  readonly maxDevices: number;
  readonly loaded: boolean;
  readonly misconfigure: boolean;
  readonly rare: boolean;
}

/** Group `i` (`group<i+1>`): its platform, count, enrollment, polling, retries, addresses, client settings. */
export function groupArbitrary(i: number, context: GroupContext): fc.Arbitrary<DrawnGroup> {
  return groupRecord(i, context);
}

function groupRecord(i: number, context: GroupContext) {
  const { times, run, platforms, maxDevices, loaded, misconfigure, rare } = context;
  return fc.record({
    name: fc.constant(`group${i + 1}`),
    platform: fc.constantFrom(...platforms),
    count: fc.integer({ min: 1, max: maxDevices }),
    // On a grid: devices at grid instants (`even` over a whole number of steps each, or one `burst`).
    pattern: times.pick(
      fc.constantFrom("uniform", "even", "burst", "poisson"),
      fc.constantFrom("even", "burst"),
    ),
    enrollTo: times.pick(fc.integer({ min: 1, max: run }), times.between(times.step, run)),
    stepsApart: fc.integer({ min: 1, max: 3 }),
    delay: times.pick(
      fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 600, max: 3600 })),
      times.between(0, 1200),
    ),
    firstPollDelay: times.between(0, 300),
    // Most real groups are jitter-free (the bundled scenarios, import's output): three in four here.
    jitter: times.pick(
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 60 }) },
      ),
      fc.constant(0),
    ),
    polling: fc.constantFrom<{ every: number; until?: number }[] | string | undefined>(
      undefined,
      [{ every: 300 }],
      [{ every: 60, until: 600 }, { every: 1800 }],
      "intune-estimate",
      "dmclient-default",
    ),
    retries: fc.integer({ min: 0, max: 3 }),
    retryOn: fc.constantFrom("connection", "any"),
    maxAttempts: fc.integer({ min: 1, max: 3 }),
    retryAfter: times.pick(
      fc.integer({ min: 1, max: 15 }).map((m) => m * 60),
      times.between(60, 900),
    ),
    // Connection retries' first wait: the platform's default, or a step on a grid.
    retryBackoff: times.pick(fc.constant(undefined), fc.constantFrom(60, times.step)),
    addresses: fc.constantFrom("10.1.2.0/24", "10.1.2.0/30", "10.1.2.126-10.1.2.129", "10.2.0.0/30"),
    internet: rare ? fc.constantFrom(false, false, false, true) : fc.constant(false),
    pin: fc.option(fc.nat({ max: 2 }), { freq: 3, nil: undefined }),
    content: fc.boolean(),
    requestTimeout: loaded
      ? times.pick(fc.constantFrom(5, 30, 60, 120, 600), fc.constantFrom(60, times.step, 10 * times.step))
      : fc.constant(undefined),
    // ConfigMgr clients: with or without addresses (outside every boundary: the default group's MPs),
    // their backoff, their refresh (short enough to come back inside a run), user deployments.
    clientAddressed: fc.constantFrom(true, true, false),
    // On a grid too the default (30 s: five tries in ten minutes, a fallback) beside whole steps.
    backoff: times.pick(fc.constantFrom(undefined, 5, 30, 60), fc.constantFrom(undefined, 60, times.step)),
    clientRetries: fc.constantFrom(undefined, 0, 2, 5),
    mpRefresh: fc.constantFrom(undefined, 900, 1800, 3600),
    // User deployments against replica-backed MPs are an error (replica-user-deployments): misconfigured only.
    userDeployments: misconfigure ? fc.boolean() : fc.constant(false),
  });
}

/** A drawn group. */
export type DrawnGroup = ReturnType<typeof groupRecord> extends fc.Arbitrary<infer G> ? G : never;

/** The group as a scenario file writes it; `mpNames` the site's management points (for a pin). */
export function deviceGroupInput(
  g: DrawnGroup,
  times: GridTimes,
  mpNames: readonly string[],
  misconfigure: boolean,
): Record<string, unknown> {
  return {
    name: g.name,
    platform: g.platform,
    count: g.count,
    ...(g.platform !== "macos" && g.internet ? { location: "internet" } : {}),
    ...(g.platform === "windows" || (g.platform === "configmgr-client" && g.clientAddressed)
      ? { addresses: g.addresses }
      : {}),
    ...(g.pin !== undefined && mpNames.length > 0
      ? { managementPoint: mpNames[g.pin % mpNames.length] }
      : {}),
    trustedRoots: [ROOT],
    [g.platform === "configmgr-client" ? "registration" : "enrollment"]: {
      ...(g.pattern === "burst"
        ? { pattern: "burst", at: g.enrollTo - (times.on ? times.step : 1) }
        : g.pattern === "poisson"
          ? { pattern: "poisson", from: 0, ratePerMinute: 5 }
          : times.on
            ? {
                pattern: "even",
                from: 0,
                to: g.count * g.stepsApart * times.step,
                delay: g.delay,
              }
            : { pattern: g.pattern, from: 0, to: g.enrollTo, delay: g.delay }),
      maxAttempts: g.maxAttempts,
      retryAfter: g.retryAfter,
    },
    ...(g.polling !== undefined ? { polling: g.polling } : {}),
    firstPollDelay: g.firstPollDelay,
    jitter: g.jitter,
    connectionRetries:
      g.platform === "configmgr-client"
        ? {
            ...(g.clientRetries !== undefined ? { count: g.clientRetries } : {}),
            ...(g.backoff !== undefined ? { initialBackoff: g.backoff } : {}),
            on: g.retryOn,
          }
        : {
            count: g.retries,
            ...(g.retryBackoff !== undefined ? { initialBackoff: g.retryBackoff } : {}),
            on: g.retryOn,
          },
    ...(g.platform === "configmgr-client"
      ? {
          ...(g.mpRefresh !== undefined ? { mpRefresh: g.mpRefresh } : {}),
          userDeployments: g.userDeployments,
        }
      : {}),
    ...(g.requestTimeout !== undefined ? { requestTimeout: g.requestTimeout } : {}),
    // A group outside every boundary has no content location: fetching content there is a
    // misconfiguration (devices-outside-boundaries is an error), which only misconfigured sites have.
    content:
      g.content &&
      (misconfigure ||
        g.platform === "macos" ||
        (g.platform === "windows" && g.addresses !== "10.2.0.0/30") ||
        (g.platform === "configmgr-client" && g.clientAddressed && g.addresses !== "10.2.0.0/30")),
  };
}
