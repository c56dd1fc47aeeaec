// The studio's controls, generated from a scenario: one per field a what-if usually turns, each named by the
// path `--set` takes (with names, not indexes) and showing its current value as text `--set` accepts.
import { formatDuration } from "../scenario/duration.js";
import {
  phasesJson,
  phasesText,
  POLL_PROFILE_NAMES,
  POLL_PROFILES,
  pollProfileName,
  type PollPhase,
} from "../scenario/pollProfiles.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { ConnectionsSchema, type Outage, type Scenario } from "../scenario/schema.js";
import type { Capacity } from "../scenario/capacitySchema.js";
import { stationSpecs } from "../model/load/plan.js";
import { ROLE_LABEL } from "../model/roleLabel.js";
import { isDmp } from "../model/rules.js";
import {
  ADD_DMPS,
  ADDED_DMP_DATABASE,
  addedDmpNames,
  dmpTemplate,
  MAX_ADDED_DMPS,
  NOT_PINNED,
  PIN,
  REMOVE_MP,
  removedPath,
} from "./structure.js";

/** One control: an input (or a select when `options` is given) bound to an override path. */
export interface Control {
  /**
   * The `--set` path (`site.replicas.replica1.syncInterval`), or a structural what-if's (`whatIf.…`, which
   * `--set` refuses: the page marks its field `data-what-if`, not `data-path`).
   */
  readonly path: string;
  readonly label: string;
  /** The current value as `--set` text (`5m`, `1000`, `[{"from":"30m","to":"1h"}]`). */
  readonly value: string;
  /** What the value looks like, shown under the field. */
  readonly hint: string;
  /** The choices of a select. */
  readonly options?: readonly string[];
  /** What each choice reads as, when not its value. */
  readonly optionLabels?: readonly string[];
  /** A path prefix whose fields return to the file's values when this one changes (a removed role's). */
  readonly resets?: string;
}

/** Controls of one part of the scenario (a replica, a device group, a server…). */
export interface ControlGroup {
  readonly title: string;
  readonly controls: readonly Control[];
  /** The replica the group is of: the page says under its title whether a management point reads it. */
  readonly replica?: string;
}

/** A role's `connections`, as the role's tab words them (in the schema's order). */
const CONNECTION_LABELS = ["intranet only", "internet only", "intranet and internet"];

function connectionsControl(path: string, value: string): Control {
  return {
    path: `${path}.connections`,
    label: "Connections",
    value,
    hint: "which clients the role accepts, as on its General or Communication tab",
    options: ConnectionsSchema.options,
    optionLabels: CONNECTION_LABELS,
  };
}

const DURATION = "a duration: 90s, 10m, 1h30m";
const OUTAGES = 'a JSON list of windows, [] for none: [{"from":"30m","to":"1h"}]';

/** An outage list as `--set` text: durations written as durations. */
export function outagesText(outages: readonly Outage[]): string {
  return JSON.stringify(outages.map((o) => ({ from: formatDuration(o.from), to: formatDuration(o.to) })));
}

function outageControl(
  path: string,
  outages: readonly Outage[],
  what: string,
  field = "outages",
  label = "Outages",
): Control {
  return {
    path: `${path}.${field}`,
    label: `${label} (${what})`,
    value: outagesText(outages),
    hint: OUTAGES,
  };
}

function duration(path: string, label: string, seconds: number): Control {
  return { path, label, value: formatDuration(seconds), hint: DURATION };
}

function integer(path: string, label: string, value: number, hint: string): Control {
  return { path, label, value: String(value), hint };
}

/** A finite server's workers and service time (none without a capacity). */
function capacityControls(path: string, capacity: Capacity | undefined, what: string): Control[] {
  if (capacity === undefined) return [];
  const service = capacity.serviceTime;
  return [
    integer(`${path}.capacity.workers`, `Workers (${what})`, capacity.workers, "an integer ≥ 1"),
    typeof service === "number"
      ? duration(`${path}.capacity.serviceTime`, `Service time (${what})`, service)
      : duration(
          `${path}.capacity.serviceTime.mean`,
          `Service time, mean (${what}, ${service.distribution})`,
          service.mean,
        ),
  ];
}

/** A group's poll schedule: the profiles, and the group's own list when it is no profile. */
function pollingControl(path: string, polling: readonly PollPhase[]): Control {
  const profile = pollProfileName(polling);
  const own = profile === undefined ? [phasesJson(polling)] : [];
  return {
    path: `${path}.polling`,
    label: "Poll schedule",
    value: profile ?? phasesJson(polling),
    hint: `a profile, or a JSON list of phases; configmgr-assumed is ${POLL_PROFILES["configmgr-assumed"].description}`,
    options: [...POLL_PROFILE_NAMES, ...own],
    optionLabels: [
      ...POLL_PROFILE_NAMES.map((name) => `${name}: ${phasesText(POLL_PROFILES[name].phases)}`),
      ...own.map(() => `custom: ${phasesText(polling)}`),
    ],
  };
}

/**
 * A group's arrival pattern: an MDM device's `enrollment`, a ConfigMgr client's `registration` (the same
 * patterns; a client group refuses `enrollment`).
 */
function arrivalControls(path: string, group: Scenario["devices"][number]): Control[] {
  const client = isConfigMgrClient(group);
  const at = `${path}.${client ? "registration" : "enrollment"}`;
  const word = client ? "Registration" : "Enrollment";
  const arrival = group.enrollment;
  switch (arrival.pattern) {
    case "uniform":
    case "even":
      return [
        duration(`${at}.from`, `${word} from (${arrival.pattern})`, arrival.from),
        duration(`${at}.to`, `${word} until`, arrival.to),
      ];
    case "burst":
      return [duration(`${at}.at`, `${word} burst at`, arrival.at)];
    case "poisson":
      return [
        duration(`${at}.from`, `${word} from (poisson)`, arrival.from),
        {
          path: `${at}.ratePerMinute`,
          label: `${word}s per minute`,
          value: String(arrival.ratePerMinute),
          hint: "a number > 0",
        },
      ];
  }
}

/** The choices of every group's pinned management point: none, or each server with one (one list, shared). */
interface PinChoices {
  readonly names: ReadonlySet<string>;
  readonly options: readonly string[];
  readonly labels: readonly string[];
}

function pinChoices(mpServers: readonly Scenario["site"]["servers"][number][]): PinChoices {
  const names = mpServers.map((s) => s.name);
  return {
    names: new Set(names),
    options: [NOT_PINNED, ...names],
    labels: ["none: chosen per device", ...names],
  };
}

/**
 * A group's pinned management point: none (one chosen per device), or a server with one. A structural
 * what-if (`whatIf.pin.<group>`): its "none" is no value `--set` takes.
 */
function pinControl(group: string, pinned: string | undefined, choices: PinChoices): Control {
  const value = pinned ?? NOT_PINNED;
  // The same arrays for every group (the page writes a list once however many controls offer it); a value
  // the list lacks gets a list of its own.
  const known = value === NOT_PINNED || choices.names.has(value);
  return {
    path: `${PIN}${group}`,
    label: "Pinned management point",
    value,
    hint: "a server with a management point, or none: the assignment rule chooses one per device",
    options: known ? choices.options : [...choices.options, value],
    optionLabels: known ? choices.labels : [...choices.labels, value],
  };
}

/** DMPs added like the site's first: how many, and the database they read. */
function addedDmpGroup(scenario: Scenario, databases: readonly string[]): ControlGroup {
  const template = dmpTemplate(scenario);
  const mp = scenario.site.servers.find((s) => s.name === template)?.roles.managementPoint;
  const like = template === undefined ? "on HTTPS, in every boundary group" : `like ${template}`;
  const [first] = addedDmpNames(scenario, 1);
  return {
    title: "Added device management points",
    controls: [
      {
        path: ADD_DMPS,
        label: `DMPs added ${like}`,
        value: "0",
        hint: `each with its management point role, certificate issuer and boundary groups, named ${first ?? ""}, whatif-dmp2…`,
        options: Array.from({ length: MAX_ADDED_DMPS + 1 }, (_, n) => String(n)),
      },
      {
        path: ADDED_DMP_DATABASE,
        label: "Database the added DMPs read",
        value: mp?.database ?? "site",
        hint: "the site database or a replica",
        options: databases,
      },
    ],
  };
}

/**
 * The controls of a scenario, in page order: the run, replicas, device groups, deployments, management
 * points, servers, the site database.
 */
export function scenarioControls(scenario: Scenario): ControlGroup[] {
  // A device's request timeout matters only where some role or database has a capacity.
  const loaded = stationSpecs(scenario).stations.length > 0;
  const databases = ["site", ...scenario.site.replicas.map((r) => r.name)];
  const databaseNames = new Set(databases);
  const pins = pinChoices(scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined));
  const groups: ControlGroup[] = [
    {
      title: "Run",
      controls: [
        integer("seed", "Seed", scenario.seed, "an integer ≥ 0: the random streams"),
        duration("duration", "Duration", scenario.duration),
      ],
    },
  ];
  for (const replica of scenario.site.replicas) {
    const path = `site.replicas.${replica.name}`;
    const delay = replica.applyDelay;
    groups.push({
      title: `Replica ${replica.name}`,
      replica: replica.name,
      controls: [
        duration(`${path}.syncInterval`, "Sync interval", replica.syncInterval),
        typeof delay === "number"
          ? duration(`${path}.applyDelay`, "Apply delay", delay)
          : duration(`${path}.applyDelay.mean`, `Apply delay, mean (${delay.distribution})`, delay.mean),
        outageControl(path, replica.outages, "sync stopped"),
        outageControl(path, replica.serverOutages, "SQL Server down", "serverOutages", "Server outages"),
        ...capacityControls(path, replica.capacity, "its SQL Server"),
      ],
    });
  }
  for (const group of scenario.devices) {
    const path = `devices.${group.name}`;
    groups.push({
      title: `Devices ${group.name}`,
      controls: [
        integer(`${path}.count`, "Count", group.count, "an integer ≥ 1"),
        ...arrivalControls(path, group),
        pollingControl(path, group.polling),
        duration(`${path}.polling.0.every`, "First polling interval", group.polling[0]?.every ?? 0),
        integer(
          `${path}.connectionRetries.count`,
          "Connection retries",
          group.connectionRetries.count,
          "an integer ≥ 0",
        ),
        ...(loaded ? [duration(`${path}.requestTimeout`, "Request timeout", group.requestTimeout)] : []),
        pinControl(group.name, group.managementPoint, pins),
        // A client that fell back to another management point looks for its own again at this interval.
        ...(isConfigMgrClient(group)
          ? [duration(`${path}.mpRefresh`, "Management point refresh", group.mpRefresh)]
          : []),
      ],
    });
  }
  for (const deployment of scenario.deployments)
    groups.push({
      title: `Deployment ${deployment.name}`,
      controls: [
        duration(`deployments.${deployment.name}.at`, "Made at (time from the start)", deployment.at),
      ],
    });
  groups.push(addedDmpGroup(scenario, databases));
  for (const server of scenario.site.servers) {
    const mp = server.roles.managementPoint;
    if (!mp) continue;
    groups.push({
      title: `${isDmp(server) ? "Device management point" : "Management point"} ${server.name}`,
      controls: [
        {
          path: `site.servers.${server.name}.roles.managementPoint.database`,
          label: "Database",
          value: mp.database,
          hint: "the site database or a replica",
          options: databaseNames.has(mp.database) ? databases : [mp.database, ...databases],
        },
        connectionsControl(`site.servers.${server.name}.roles.managementPoint`, mp.connections),
        {
          path: `${REMOVE_MP}${server.name}`,
          label: "In this what-if",
          value: "kept",
          resets: removedPath(scenario, server.name),
          hint: "removed: the server loses the role (and leaves the site when it holds no other); groups pinned to it are pinned no more",
          options: ["kept", "removed"],
        },
        ...capacityControls(
          `site.servers.${server.name}.roles.managementPoint`,
          mp.capacity,
          "management point",
        ),
      ],
    });
  }
  for (const server of scenario.site.servers) {
    groups.push({
      title: `Server ${server.name}`,
      controls: [
        outageControl(`site.servers.${server.name}`, server.outages, "all its roles down"),
        ...(["enrollmentProxyPoint", "distributionPoint"] as const).flatMap((role) => {
          const held = server.roles[role];
          if (held === undefined) return [];
          const control = connectionsControl(`site.servers.${server.name}.roles.${role}`, held.connections);
          return [{ ...control, label: `Connections (${ROLE_LABEL[role]})` }];
        }),
        ...(["enrollmentProxyPoint", "enrollmentPoint", "distributionPoint"] as const).flatMap((role) =>
          capacityControls(
            `site.servers.${server.name}.roles.${role}`,
            server.roles[role]?.capacity,
            ROLE_LABEL[role],
          ),
        ),
      ],
    });
  }
  groups.push({
    title: "Site database",
    controls: [
      outageControl("site.database", scenario.site.database.outages, "SQL Server down"),
      ...capacityControls("site.database", scenario.site.database.capacity, "its SQL Server"),
    ],
  });
  return groups;
}
