// Checks of deployments: each deployment's expected delay until a targeted device receives it, by the
// closed form `run` puts beside its figures (model/deploymentClosedForm.ts).
import {
  deploymentClosedForm,
  type DelayFigures,
  type DeploymentClosedForm,
  type DeploymentPart,
} from "../model/deploymentClosedForm.js";
import { isConfigMgrClient } from "../scenario/deviceSchema.js";
import { formatDuration } from "../scenario/duration.js";
import type { Deployment, DeviceGroup } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";

interface Expected {
  readonly deployment: Deployment;
  readonly form: DeploymentClosedForm;
  /** The scenario's device groups by name (a part names its group). */
  readonly groups: ReadonlyMap<string, DeviceGroup>;
  readonly seed: number;
}

const range = (f: DelayFigures) =>
  `${formatDuration(f.meanSeconds)} on average (${formatDuration(f.minSeconds)} to ${formatDuration(f.maxSeconds)})`;

const count = (n: number) => String(Math.round(n));

/** One group's parts in words: its wait for the next poll, then its visibility per database. */
function groupText(group: DeviceGroup | undefined, parts: readonly DeploymentPart[]): string {
  const first = parts[0];
  if (first === undefined) return "";
  const devices = parts.reduce((n, p) => n + p.devices, 0);
  const noun = group !== undefined && isConfigMgrClient(group) ? "clients" : "devices";
  const every = `every ${formatDuration(first.pollInterval)}${first.jitter > 0 ? ` plus up to ${formatDuration(first.jitter)} of jitter` : ""}`;
  const byDatabase = new Map<string, DeploymentPart[]>();
  for (const p of parts) byDatabase.set(p.database, [...(byDatabase.get(p.database) ?? []), p]);
  const databases = [...byDatabase].map(([database, list]) => {
    const n = count(list.reduce((s, p) => s + p.devices, 0));
    if (database === "site") return `${n} on the site database see it at once`;
    const v = list[0]?.visibility;
    const run = list[0]?.visibleAfterSeconds;
    const thisRun =
      run === null || run === undefined
        ? "no sync of this run carries it"
        : `with this run's syncs ${formatDuration(run)}`;
    return v === undefined
      ? ""
      : `${n} behind replica "${database}" see it ${formatDuration(v.meanSeconds)} after it is made on average (${formatDuration(v.minSeconds)} to ${formatDuration(v.maxSeconds)}; ${thisRun})`;
  });
  return `group "${first.group}" (${count(devices)} ${noun}, polling ${every}): the next poll ${formatDuration(first.wait.meanSeconds)} on average; ${databases.join(" and ")}`;
}

/** `deployment-delay`: every deployment's expected delay, by the closed form. */
export const deploymentDelay: Check = defineCheck<Expected>({
  severity: "info",
  scope: "deployment",
  source: SOURCES.deployments,
  summary:
    "a deployment's expected delay until a targeted device receives it, by the closed form: the visibility delay at the device's management point (the site database: 0; a replica: `syncInterval/2 + applyDelay` on average, `applyDelay` to `syncInterval + applyDelay`) plus the wait for its next poll (half its steady polling interval without jitter), weighed by the assignment rule's shares; and the same with this run's real syncs. It assumes the targeted devices are registered or enrolled and in their steady polling phase at `at`, with their polls spread over the interval and no outage or fallback",
  fixSummary:
    "nothing to fix: to make deployments arrive sooner, shorten the polling interval (Client policy polling interval) or the replica's sync, or let the management points use the site database",
  detect: ({ site }) => {
    const groups = new Map(site.scenario.devices.map((g) => [g.name, g]));
    return site.scenario.deployments.flatMap((deployment) => {
      const form = deploymentClosedForm(site, deployment);
      return form === null ? [] : [{ deployment, form, groups, seed: site.seed }];
    });
  },
  path: (e) => `deployments.${e.deployment.name}`,
  message: ({ deployment, form, groups, seed }) => {
    const byGroup = new Map<string, DeploymentPart[]>();
    for (const p of form.parts) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
    const replicas = form.parts.some((p) => p.database !== "site");
    const thisRun = !replicas
      ? ""
      : form.thisRun === null
        ? ` With this run's syncs (seed ${seed}) some targeted devices do not get it within the run.`
        : ` With this run's syncs (seed ${seed}): ${range(form.thisRun)}.`;
    return (
      `deployment "${deployment.name}" at ${formatDuration(deployment.at)} reaches its ${count(form.devices)} targeted devices ${formatDuration(form.meanSeconds)} after it is made on average (${formatDuration(form.minSeconds)} to ${formatDuration(form.maxSeconds)}): ` +
      `the visibility delay at their management point's database plus the wait for their next poll (closed form: devices in their steady polling phase, no outage).${thisRun} ` +
      `By group: ${[...byGroup].map(([name, parts]) => groupText(groups.get(name), parts)).join("; ")}`
    );
  },
  fix: () =>
    "Nothing to fix. To make deployments arrive sooner, shorten the polling interval (client settings: Client policy polling interval), sync the replica more often, or let the management points use the site database",
});
