// The declaration of `mdmsim run --format json`: every field with its type and meaning, as a JSON Schema
// (the same shape as the scenario's, so one reader serves `explain` for both). The result's types live in
// results/; a test runs scenarios and requires every field they produce to be declared here, and back.
import { REASONS } from "../model/reasons.js";
import { DOCUMENT_FORMATS } from "../results/documentFormat.js";
import { REASON_MEANINGS } from "./reasonMeanings.js";
import { POLL_PROFILE_NAMES } from "../scenario/pollProfiles.js";
import type { SchemaNode } from "../scenario/schemaNodes.js";

/**
 * A node of the result's declaration: a SchemaNode that may also declare an object keyed by name (JSON
 * Schema's `additionalProperties`: load per server, deployments per name), which only the result has.
 */
export interface ResultNode extends SchemaNode {
  readonly properties?: Readonly<Record<string, ResultNode>>;
  readonly items?: ResultNode;
  readonly additionalProperties?: ResultNode;
}

const int = (description: string): ResultNode => ({ type: "integer", minimum: 0, description });
const num = (description: string): ResultNode => ({ type: "number", description });
const text = (description: string): ResultNode => ({ type: "string", description });
const maybe = (node: ResultNode): ResultNode => ({ ...node, type: [String(node.type), "null"] });
/**
 * An object of these fields, each always there except those named in `absent` (its `required` is the rest:
 * the library's readers refuse a result without one, libraryRunResult.ts).
 */
const object = (
  description: string,
  properties: Record<string, ResultNode>,
  absent: readonly string[] = [],
): ResultNode => ({
  type: "object",
  description,
  properties,
  required: Object.keys(properties).filter((key) => !absent.includes(key)),
});
const list = (description: string, items: ResultNode): ResultNode => ({ type: "array", description, items });

/** Counts by reason: one key per reason that occurred, each with the reason's meaning. */
const byReason = (description: string, counted: string): ResultNode => ({
  type: "object",
  description: `${description}; a reason that did not occur is absent (an expectation reads it as 0)`,
  properties: Object.fromEntries(
    REASONS.map((reason) => [reason, int(`${counted} with reason ${reason}: ${REASON_MEANINGS[reason]}`)]),
  ),
  required: [],
});

/** Nearest-rank statistics of some seconds (null over no values). */
const summary = (description: string, of: string): ResultNode =>
  object(`${description}. Percentiles are nearest-rank (the ⌈q·n⌉-th smallest value); null over no values`, {
    count: int(`How many values: ${of}`),
    mean: maybe(num("The mean, seconds")),
    p50: maybe(num("The median (50th percentile), seconds")),
    p90: maybe(num("The 90th percentile, seconds")),
    p95: maybe(num("The 95th percentile, seconds")),
    p99: maybe(num("The 99th percentile, seconds")),
    max: maybe(num("The largest value, seconds")),
  });

const devices = object(
  "Where the devices ended up; total = enrolled + enrollmentFailed + enrollmentPending",
  {
    total: int("Devices in the scenario"),
    enrolled: int(
      "Devices whose record was committed to the site database during the run (enrolled MDM devices, registered ConfigMgr clients)",
    ),
    enrollmentFailed: int(
      "Devices that used up their enrollment tries (enrollment.maxAttempts; registration.maxAttempts for clients)",
    ),
    enrollmentPending: int("Devices whose enrollment (or registration) had not finished when the run ended"),
    connected: int(
      "Enrolled devices with a successful try at their management point (the DMP of an MDM device; a ConfigMgr client's policy request)",
    ),
    neverConnected: int("Enrolled devices without one: enrolled − connected"),
    connectedAfterFailures: int("Connected devices whose first success came after at least one failed try"),
  },
);

const ttfs = summary(
  "Seconds from a device's commit to its first successful try at its management point (DMP for an MDM device, its first policy for a ConfigMgr client), over connected devices",
  "connected devices",
);

const failedBefore = object("Failed tries before the first success, over connected devices", {
  mean: maybe(num("Mean failed tries per connected device")),
  max: maybe(int("Most failed tries of one device")),
  histogram: {
    type: "object",
    description:
      'Connected devices by their number of failed tries ("2": 400 means 400 devices failed twice first); a count no device had is absent (an expectation reads it as 0)',
  },
});

const attempts = object(
  "Tries at a management point: an MDM device's at its DMP, a client's policy requests (enrollment, registration and content tries are counted on their own)",
  {
    total: int("Every try at a management point, connection retries included"),
    succeeded: int("Tries that succeeded"),
    failed: int("Tries that failed"),
    failedByReason: byReason("Failed tries by the reason of the failure", "Failed tries"),
  },
);

/**
 * An object with one entry per name (a server's, a database's), each declared by `value`: JSON Schema's
 * `additionalProperties`, which explain reads like a list's items (a path names the entry or leaves it out).
 */
const byName = (description: string, value: ResultNode): ResultNode => ({
  type: "object",
  description,
  additionalProperties: value,
});

/** Nearest-rank statistics of a finite server's served requests (null when it served none). */
const loadSeconds = (description: string) =>
  object(
    `${description}, over the requests it served. Percentiles are nearest-rank; null when it served none`,
    {
      mean: maybe(num("The mean, seconds")),
      p50: maybe(num("The median (50th percentile), seconds")),
      p90: maybe(num("The 90th percentile, seconds")),
      p99: maybe(num("The 99th percentile, seconds")),
      max: maybe(num("The largest value, seconds")),
    },
  );

const stationLoad = object("One finite server over the run", {
  workers: int("Its capacity.workers: the requests it serves at once"),
  requests: int(
    "Requests that finished inside the run: served + refused + those that left the queue at their deadline (a request still waiting or in service at the end is in none)",
  ),
  served: int("Services that ended inside the run, including those whose device had given up"),
  refused: int("Requests refused at arrival (server-busy: the queue was full) or ended by an outage"),
  timedOut: int("Tries the device gave up on (request-timeout) while at this server, waiting or in service"),
  utilisation: num("Busy worker-seconds inside the run / (workers × the run's duration), 0 to 1"),
  waitSeconds: loadSeconds("Seconds from a request's arrival to the start of its service"),
  responseSeconds: loadSeconds("Seconds from a request's arrival to the end of its service"),
  queue: object("The requests waiting for a worker (not those in service)", {
    max: int("The most requests waiting at once"),
    meanLength: num("The time average of the requests waiting over the run"),
  }),
});

const load = object(
  "Per role and database with a capacity, under its server's name (absent when none has a capacity)",
  {
    managementPoints: byName("Management points with a capacity, by server name", stationLoad),
    enrollmentProxyPoints: byName("Enrollment proxy points with a capacity, by server name", stationLoad),
    enrollmentPoints: byName("Enrollment points with a capacity, by server name", stationLoad),
    distributionPoints: byName("Distribution points with a capacity, by server name", stationLoad),
    databases: byName(
      'Databases with a capacity: "site" for the site database, else the replica\'s name',
      stationLoad,
    ),
  },
);

/** The run document's declaration. */
export const RESULT_SCHEMA: ResultNode = object(
  "The result of one simulated run; times in seconds",
  {
    format: {
      type: "string",
      const: DOCUMENT_FORMATS.run,
      description:
        "The document and its major version, always first; the major changes only when a field is removed or changes meaning",
    },
    scenario: text("The scenario's name"),
    seed: int("The master seed the run used (the scenario's, or --seed)"),
    durationSeconds: num("The run's length"),
    devices,
    timeToFirstSuccessSeconds: ttfs,
    failedAttemptsBeforeSuccess: failedBefore,
    attempts,
    enrollmentFailedByReason: byReason(
      "Devices whose enrollment failed, each counted once by the reason of its last try",
      "Devices",
    ),
    neverConnectedByReason: byReason(
      "Enrolled devices that never connected, each counted once by the reason of its last try",
      "Devices",
    ),
    groups: list(
      "The same counts per device group, in scenario order",
      object("One device group", {
        name: text("The group's name"),
        pollingProfile: {
          type: ["string", "null"],
          enum: [...POLL_PROFILE_NAMES, null],
          description:
            "The poll profile whose phases the group polled by (its `polling`, or its platform's default), or null for a list of phases that is no profile",
        },
        devices,
        timeToFirstSuccessSeconds: ttfs,
        failedAttemptsBeforeSuccess: failedBefore,
        attempts,
      }),
    ),
    managementPoints: list(
      "Load per management point, in scenario order",
      object(
        "One management point",
        {
          server: text("The server holding the MP"),
          database: text('The database it reads: "site" or a replica name'),
          devices: int(
            "Devices assigned to it at their commit (as their DMP, or a client's management point)",
          ),
          attempts: int("Tries it received"),
          failed: int("Tries at it that failed"),
          peakAttemptsPerMinute: int("The most tries it received in one minute of the run"),
          fallbacksFrom: int(
            "With ConfigMgr clients (absent otherwise): how often a client using it fell back to another management point after five failed tries in ten minutes",
          ),
          fallbacksTo: int("With ConfigMgr clients: how often a client fell back to it from another"),
          returnsTo: int(
            "With ConfigMgr clients: how often a client that had fallen back came back to it at a refresh (mpRefresh)",
          ),
        },
        ["fallbacksFrom", "fallbacksTo", "returnsTo"],
      ),
    ),
    replicas: list(
      "Per database replica: measured visibility beside the closed form",
      object("One replica", {
        name: text("The replica's name"),
        syncs: int("Syncs that ran"),
        skippedSyncs: int("Syncs skipped because they fell inside an outage"),
        visibilityDelaySeconds: summary(
          "Seconds from a commit to its record being visible in the replica, over the commits a sync carried",
          "commits carried",
        ),
        expectedVisibilityDelaySeconds: object(
          "The closed form for commits spread evenly, without outages: D, P/2 + D and P + D (P the sync interval, D the apply delay)",
          {
            min: num("The shortest delay: the apply delay D"),
            mean: num("The mean delay: P/2 + D"),
            max: num("The longest delay: P + D"),
          },
        ),
        syncOffsetSeconds: num(
          "When the first sync started: the scenario's syncOffset, or the one drawn from the seed",
        ),
      }),
    ),
    content: {
      ...object("Content requests of groups with content: true; null when no group fetches content", {
        attempted: int("Content requests made"),
        succeeded: int("Content requests that succeeded"),
        failedByReason: byReason("Failed content requests by reason", "Failed content requests"),
        timeToContentSeconds: summary(
          "Seconds from a device's commit to its first successful content request",
          "devices that got content",
        ),
        neverServed: int(
          "Devices that asked for content and never got it during the run: a device asks at its first success and at every later poll until a request succeeds (timeToContentSeconds.count + neverServed = the connected devices of groups with content: true)",
        ),
      }),
      type: ["object", "null"],
    },
    load,
    deployments: byName(
      "Per deployment, by its name (absent when the scenario has none)",
      object("One deployment", {
        targeted: int("Devices of the groups it targets"),
        received: int(
          "Targeted devices that received it during the run: at a successful try at their management point once that MP's database held it",
        ),
        notReceived: int("Targeted devices that did not: targeted − received"),
        receivedAfterSeconds: summary(
          "Seconds from the deployment's `at` to the try that brought it, over the devices that received it",
          "devices that received it",
        ),
        expectedReceivedAfterSeconds: {
          ...object(
            "The closed form beside it: the visibility delay at each targeted device's management point in this run (0 on the site database; the sync that carries the deployment plus its apply delay on a replica) plus the wait for the next poll (half the steady polling interval without jitter), weighed by the assignment rule. It assumes devices registered or enrolled and polling steadily at `at`, no outage and no fallback; null when a replica's sync does not carry it within the run or no targeted device has a management point",
            {
              min: num("The shortest delay, seconds"),
              mean: num("The mean delay, seconds"),
              max: num("The longest delay, seconds"),
            },
          ),
          type: ["object", "null"],
        },
      }),
    ),
    expectations: list(
      "Each expectation of the scenario and of --expect, evaluated",
      object("One expectation", {
        expression: text("The expectation as written"),
        actual: maybe(num("The value at its path (null when the statistic had no values, which fails)")),
        passed: { type: "boolean", description: "Whether it held" },
      }),
    ),
    events: int(
      "Events the engine processed: replica syncs (taken or skipped), enrollment tries, commits, DMP and content tries",
    ),
    perDevice: list(
      "One record per device (the library's perDevice option)",
      object("One device", {
        name: text("The device's name, <group>-<i>"),
        group: text("Its group"),
        enrolledAt: maybe(num("When its enrollment (a client's registration) succeeded")),
        committedAt: maybe(num("When its record reached the site database")),
        managementPoint: maybe(text("The management point assigned at its commit (an MDM device's DMP)")),
        visibleAt: maybe(num("When its record became visible to that management point")),
        firstSuccessAt: maybe(num("When its first try at its management point succeeded")),
        failedBeforeSuccess: int("Failed tries before that success (or in all, when it never connected)"),
        lastReason: maybe(text("The reason of its last failed try")),
      }),
    ),
    trace: list(
      "The traced device's timeline (run --trace DEVICE), in the order events happen",
      object("One event", {
        time: num("Seconds from the start"),
        priority: int("The order of events at the same instant"),
        event: text(
          "What happened: enrollment-try (registration-try for a ConfigMgr client), commit, assigned, sync, visible, poll, retry, content, fallback, refresh (back to its own boundary group) or deployment (target: its name)",
        ),
        outcome: text("ok, a reason, or a short note"),
        target: maybe(text("The server or replica involved")),
      }),
    ),
  },
  ["load", "deployments", "perDevice", "trace"],
);
