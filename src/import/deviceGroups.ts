// The placeholder device groups of an imported scenario: the export holds no devices, but a scenario needs
// some, placed where on-prem MDM devices would be.
import type { ScenarioInput } from "../scenario/schema.js";
import type { BoundaryGroupInput, BoundaryInput } from "./boundaries.js";
import type { ImportLog } from "./notes.js";
import type { ServerInput } from "./siteRoles.js";
import { isDmp } from "../model/rules.js";

/** A device group as the scenario writes it. */
export type DeviceGroupInput = ScenarioInput["devices"][number];

/** Windows devices unless told otherwise. */
export const DEFAULT_DEVICES = 1000;
/** The range Windows devices get when the site has no IPv4 range boundary. */
export const PLACEHOLDER_RANGE = "10.0.0.1-10.0.255.254";
export const WINDOWS_GROUP = "windows-devices";
export const MACOS_GROUP = "macos-clients";

/**
 * Where Windows devices are placed: the first IPv4 range boundary that a group with a DMP serves, else the
 * first IPv4 range boundary, else the placeholder range.
 */
function windowsAddresses(
  servers: readonly ServerInput[],
  boundaries: readonly BoundaryInput[],
  groups: readonly BoundaryGroupInput[],
): { addresses: string; boundary: string | undefined } {
  const dmps = new Set(servers.filter(isDmp).map((s) => s.name));
  const ranges = new Map(boundaries.filter((b) => b.type === "ipv4Range").map((b) => [b.name, b.value]));
  for (const group of groups) {
    if (!(group.servers ?? []).some((s) => dmps.has(s))) continue;
    const name = (group.boundaries ?? []).find((b) => ranges.has(b));
    if (name !== undefined) return { addresses: ranges.get(name) ?? PLACEHOLDER_RANGE, boundary: name };
  }
  const first = [...ranges][0];
  return first === undefined
    ? { addresses: PLACEHOLDER_RANGE, boundary: undefined }
    : { addresses: first[1], boundary: first[0] };
}

/** The note on an imported device group's `trustedRoots`, which the export cannot tell. */
export function noteTrustedRoots(group: string, log: ImportLog): void {
  log.note(
    `devices.${group}.trustedRoots`,
    "not in the export",
    "left out: the devices trust every issuer; list the root CAs they trust so certificate-untrusted can be found",
  );
}

/** `devices` Windows devices and `macs` macOS clients, each a group of its own when its count is above 0. */
export function placeholderGroups(
  site: {
    servers: readonly ServerInput[];
    boundaries: readonly BoundaryInput[];
    boundaryGroups: readonly BoundaryGroupInput[];
  },
  devices: number,
  macs: number,
  log: ImportLog,
): DeviceGroupInput[] {
  const groups: DeviceGroupInput[] = [];
  if (devices > 0) {
    const { addresses, boundary } = windowsAddresses(site.servers, site.boundaries, site.boundaryGroups);
    groups.push({ name: WINDOWS_GROUP, platform: "windows", count: devices, addresses });
    log.note(
      `devices.${WINDOWS_GROUP}.count`,
      "placeholder",
      "the export holds no devices: set how many enroll",
      devices,
    );
    log.note(
      `devices.${WINDOWS_GROUP}.addresses`,
      "placeholder",
      boundary === undefined
        ? "the site has no IPv4 range boundary: a placeholder range, in no boundary"
        : `the range of boundary ${JSON.stringify(boundary)}: set the devices' real addresses`,
      addresses,
    );
    noteTrustedRoots(WINDOWS_GROUP, log);
  }
  if (macs > 0) {
    groups.push({ name: MACOS_GROUP, platform: "macos", count: macs });
    log.note(
      `devices.${MACOS_GROUP}.count`,
      "placeholder",
      "the export holds no devices: set how many Macs enroll",
      macs,
    );
    noteTrustedRoots(MACOS_GROUP, log);
  }
  return groups;
}
