// The studio's structural what-ifs: changes no `--set` can make (a device management point added like the
// site's own, a management point removed, a group's pin taken away), as pure transformations of a
// scenario's written form, loaded again so the result is a scenario every command accepts. `--set` edits
// (a database moved, a role's connections) then apply on top, so they may name an added server. A group's pin
// is one of them too: "none" (the pin taken away) is no value `--set` takes, so the page's one pin field
// cannot be a `--set` field.
import { serverPath } from "../checks/labels.js";
import { ScenarioError } from "../errors.js";
import { isRecord } from "../isRecord.js";
import { isDmp } from "../model/rules.js";
import { loadScenario, writtenForm } from "../scenario/load.js";
import { serverKey } from "../scenario/serverKey.js";
import type { Scenario } from "../scenario/schema.js";
import type { Edit } from "./fragment.js";

/** The paths of structural edits start with this: they name no scenario field, so `--set` refuses them. */
const STRUCTURE_PREFIX = "whatIf.";
/** How many device management points to add (`0` to `MAX_ADDED_DMPS`), each like the site's first DMP. */
export const ADD_DMPS = "whatIf.addDmps";
/** The database the added DMPs read: `site` or a replica's name. */
export const ADDED_DMP_DATABASE = "whatIf.addedDmpDatabase";
/** `whatIf.removeManagementPoint.<server>` = `removed` takes the server's management point away. */
export const REMOVE_MP = "whatIf.removeManagementPoint.";
/** The most DMPs the page adds. */
export const MAX_ADDED_DMPS = 4;

/** `whatIf.pin.<group>` = a server with a management point pins the group to it; `NOT_PINNED` takes its pin away. */
export const PIN = "whatIf.pin.";
/** A group's pin set to this is taken away: one management point is chosen per device. */
export const NOT_PINNED = "none";

/** Whether an edit (or a control, by its path) is structural (applied here) rather than a `--set` edit. */
export function isStructural(edit: Pick<Edit, "path">): boolean {
  return edit.path.startsWith(STRUCTURE_PREFIX);
}

/**
 * The `--set` edits that still name something once the structural ones apply: those under what a removal
 * takes away (`removedPath`) are set aside (the page returns those fields to the file's values too).
 */
export function setEdits(scenario: Scenario, edits: readonly Edit[]): Edit[] {
  const removed = edits
    .filter((e) => e.path.startsWith(REMOVE_MP) && e.value === "removed")
    .map((e) => removedPath(scenario, e.path.slice(REMOVE_MP.length)));
  return edits.filter((e) => !isStructural(e) && !removed.some((prefix) => e.path.startsWith(prefix)));
}

/**
 * The path prefix of what removing a server's management point takes away: the whole server
 * (`site.servers.<name>.`) when the role is its only one (it leaves the site), else the role's fields
 * (`site.servers.<name>.roles.managementPoint.`).
 */
export function removedPath(scenario: Scenario, server: string): string {
  return `${leavesWithItsMp(scenario, server) ? serverPath(server) : serverPath(server, "roles", "managementPoint")}.`;
}

/** Whether a server holds no role but its management point, so that removing the role removes the server. */
function leavesWithItsMp(scenario: Scenario, server: string): boolean {
  const roles = scenario.site.servers.find((s) => s.name === server)?.roles ?? {};
  return Object.keys(roles).every((role) => role === "managementPoint");
}

/** What an edit's problem is attributed to: `--set PATH=VALUE`, or `what-if PATH=VALUE` for a structural one. */
export function editSource(edit: Edit): string {
  return `${isStructural(edit) ? "what-if" : "--set"} ${edit.path}=${edit.value}`;
}

type Data = Record<string, unknown>;

const records = (value: unknown): Data[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function servers(data: Data): Data[] {
  const site = isRecord(data.site) ? data.site : {};
  return records(site.servers);
}

const mpOf = (server: Data): Data | undefined => {
  const roles = isRecord(server.roles) ? server.roles : {};
  return isRecord(roles.managementPoint) ? roles.managementPoint : undefined;
};

/**
 * The management point added DMPs copy: the scenario's first DMP, else its first management point, else
 * none (then a DMP on HTTPS with the defaults).
 */
export function dmpTemplate(scenario: Scenario): string | undefined {
  const mps = scenario.site.servers.filter((s) => s.roles.managementPoint !== undefined);
  return (mps.find(isDmp) ?? mps[0])?.name;
}

/** `host.domain` → `domain` (empty for a name without a dot). */
const domainOf = (name: string) => (name.includes(".") ? name.slice(name.indexOf(".") + 1) : "");

/**
 * The names `count` added DMPs get: `whatif-dmp1.<the template's domain>`, … skipping names the site has
 * (DNS names compare without case).
 */
export function addedDmpNames(scenario: Scenario, count: number): string[] {
  const taken = new Set(scenario.site.servers.map((s) => serverKey(s.name)));
  // The template's domain, else any server's: a name without a dot is no FQDN, and fails rule 7.
  const domain = [dmpTemplate(scenario) ?? "", ...scenario.site.servers.map((s) => s.name)]
    .map(domainOf)
    .find((d) => d !== "");
  const names: string[] = [];
  for (let k = 1; names.length < count; k++) {
    const name = domain === undefined ? `whatif-dmp${k}` : `whatif-dmp${k}.${domain}`;
    if (!taken.has(serverKey(name))) names.push(name);
  }
  return names;
}

/** Adds DMPs like the template to written data: its role (on `database`), certificate and boundary groups. */
function addDmps(data: Data, scenario: Scenario, count: number, database: string): void {
  const template = dmpTemplate(scenario);
  const model = servers(data).find((s) => s.name === template);
  const site = isRecord(data.site) ? data.site : {};
  for (const name of addedDmpNames(scenario, count)) {
    const server: Data = { name };
    if (typeof model?.internetFqdn === "string") {
      const domain = domainOf(model.internetFqdn);
      server.internetFqdn = domain === "" ? name.split(".")[0] : `${name.split(".")[0] ?? name}.${domain}`;
    }
    // The same issuer and validity, naming the new server itself (a copied `names` would name the template).
    if (model?.certificate === null) server.certificate = null;
    else if (isRecord(model?.certificate)) {
      const certificate = { ...model.certificate };
      delete certificate.names;
      server.certificate = certificate;
    }
    server.roles = {
      managementPoint: {
        ...(model ? mpOf(model) : { https: true }),
        allowMobileDevicesAndMacs: true,
        database,
      },
    };
    site.servers = [...records(site.servers), server];
    // Where the template serves a boundary group, so does its copy; without a template, every group.
    for (const group of records(site.boundaryGroups)) {
      const list = Array.isArray(group.servers) ? (group.servers as unknown[]) : [];
      if (template === undefined || list.includes(template)) group.servers = [...list, name];
    }
  }
}

/**
 * Takes a server's management point away in written data; a server left without a role goes, with its
 * place in boundary groups. Groups pinned to it are pinned no more.
 * @throws ScenarioError when it is the site's only server and holds nothing else
 */
function removeManagementPoint(data: Data, scenario: Scenario, name: string, source: string): void {
  const site = isRecord(data.site) ? data.site : {};
  const list = records(site.servers);
  const server = list.find((s) => s.name === name);
  const roles = server && isRecord(server.roles) ? server.roles : undefined;
  if (server === undefined || roles?.managementPoint === undefined)
    throw new ScenarioError(`expected a server with a management point, got "${name}"`, [], source);
  if (leavesWithItsMp(scenario, name)) {
    if (list.length === 1)
      throw new ScenarioError(
        `${name} holds the site's only roles: a site needs at least one server`,
        [],
        source,
      );
    site.servers = list.filter((s) => s !== server);
    for (const group of records(site.boundaryGroups))
      if (Array.isArray(group.servers)) group.servers = group.servers.filter((n) => n !== name);
  } else delete roles.managementPoint;
  for (const group of records(data.devices)) if (group.managementPoint === name) delete group.managementPoint;
}

/** A group's pin set (a server's name) or taken away (`NOT_PINNED`) in written data. */
function pin(data: Data, group: string, server: string, source: string): void {
  const found = records(data.devices).find((g) => g.name === group);
  if (found === undefined)
    throw new ScenarioError(`"devices.${group}" names nothing in the scenario`, [], source);
  if (server === NOT_PINNED) delete found.managementPoint;
  else found.managementPoint = server;
}

/** The count of DMPs to add, as the page's field gives it. */
function addedCount(edit: Edit): number {
  const count = Number(edit.value);
  if (!Number.isInteger(count) || count < 0 || count > MAX_ADDED_DMPS)
    throw new ScenarioError(
      `expected an integer from 0 to ${MAX_ADDED_DMPS}, got "${edit.value}"`,
      [],
      editSource(edit),
    );
  return count;
}

/** Whether a structural edit changes anything (DMPs added, a management point removed, a pin), checked. */
function changes(edit: Edit): boolean {
  if (edit.path === ADD_DMPS) return addedCount(edit) > 0;
  if (edit.path === ADDED_DMP_DATABASE) return false;
  if (edit.path.startsWith(REMOVE_MP)) {
    if (edit.value !== "removed" && edit.value !== "kept")
      throw new ScenarioError(`expected "kept" or "removed", got "${edit.value}"`, [], editSource(edit));
    return edit.value === "removed";
  }
  if (edit.path.startsWith(PIN)) return true;
  throw new ScenarioError(`"${edit.path}" names no what-if of the page`, [], editSource(edit));
}

/**
 * The scenario with the structural edits applied (in this order: DMPs added, management points removed,
 * pins), loaded again; the scenario itself when none changes anything.
 * @throws ScenarioError naming the edit at fault (its source is `editSource(edit)`)
 */
export function applyStructure(scenario: Scenario, edits: readonly Edit[]): Scenario {
  const structural = edits.filter(isStructural);
  if (!structural.map(changes).includes(true)) return scenario;
  const data = structuredClone(writtenForm(scenario) ?? scenario) as Data;
  const value = (path: string) => structural.find((e) => e.path === path);
  const add = value(ADD_DMPS);
  const count = add === undefined ? 0 : addedCount(add);
  if (count > 0) {
    // Unless the page's field says otherwise, the database the template reads (the field's own value).
    const template = scenario.site.servers.find((x) => x.name === dmpTemplate(scenario));
    const database = value(ADDED_DMP_DATABASE)?.value ?? template?.roles.managementPoint?.database ?? "site";
    addDmps(data, scenario, count, database);
  }
  for (const edit of structural)
    if (edit.path.startsWith(REMOVE_MP) && edit.value === "removed")
      removeManagementPoint(data, scenario, edit.path.slice(REMOVE_MP.length), editSource(edit));
  for (const edit of structural)
    if (edit.path.startsWith(PIN)) pin(data, edit.path.slice(PIN.length), edit.value, editSource(edit));
  try {
    return loadScenario(data);
  } catch (error) {
    // The page's own fields can give a value the loader refuses (a database no replica has, a pin to no
    // management point): name the field.
    if (error instanceof ScenarioError && error.source === undefined) {
      const [top, index, field] = error.path;
      const group =
        top === "devices" && field === "managementPoint" ? records(data.devices)[Number(index)] : undefined;
      const culprit =
        typeof group?.name === "string"
          ? value(`${PIN}${group.name}`)
          : error.path.includes("database")
            ? value(ADDED_DMP_DATABASE)
            : undefined;
      throw error.withSource(culprit !== undefined ? editSource(culprit) : "what-if");
    }
    throw error;
  }
}
