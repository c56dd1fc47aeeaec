// Fixtures and small helpers shared by the scenario tests: the bundled baseline, the spec's example,
// path-based edits of plain data, and a way to catch a ScenarioError and look at it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { ScenarioError } from "../../src/errors.js";

/** One step of a path into plain data: an object key or an array index. */
export type Segment = string | number;

/** A plain JSON-like object whose fields the tests edit by path. */
export type Data = Record<string, unknown>;

/** The bundled baseline scenario's text, read from the repository. */
export const BASELINE_TEXT: string = readFileSync(
  fileURLToPath(new URL("../../scenarios/baseline.json", import.meta.url)),
  "utf8",
);

/** A fresh copy of the baseline scenario as plain data. */
export function baselineData(): Data {
  return JSON.parse(BASELINE_TEXT) as Data;
}

/** The example of scenario.md ("every field, defaults shown where they exist"), verbatim. */
export const SPEC_EXAMPLE_TEXT = `{
  "name": "baseline",
  "description": "One primary site, one DMP reading a database replica, 1,000 Windows devices enrolling over an hour",
  "seed": 1,
  "start": "2026-01-05T08:00:00Z",
  "duration": "3h",
  "site": {
    "code": "PS1",
    "replicas": [
      { "name": "replica1", "syncInterval": "5m", "syncOffset": "2m", "applyDelay": "0s",
        "outages": [ { "from": "30m", "to": "45m" } ] }
    ],
    "servers": [
      {
        "name": "cm01.corp.contoso.com",
        "internetFqdn": "cm01.contoso.com",
        "certificate": { "issuer": "Contoso Root CA", "names": ["cm01.corp.contoso.com"],
                         "notBefore": "2025-06-01T00:00:00Z", "notAfter": "2027-06-01T00:00:00Z", "crl": "http" },
        "outages": [],
        "roles": {
          "enrollmentPoint": { "https": true },
          "enrollmentProxyPoint": { "https": true, "connections": "intranet" },
          "distributionPoint": { "https": true, "connections": "intranet", "allowMobileDevices": true },
          "managementPoint": { "https": true, "connections": "intranet", "allowMobileDevicesAndMacs": true,
                               "database": "replica1" }
        }
      }
    ],
    "boundaries": [ { "name": "HQ", "type": "ipv4Range", "value": "10.1.0.1-10.1.255.254" } ],
    "boundaryGroups": [ { "name": "HQ", "boundaries": ["HQ"], "servers": ["cm01.corp.contoso.com"] } ]
  },
  "devices": [
    {
      "name": "hq-windows",
      "platform": "windows",
      "count": 1000,
      "location": "intranet",
      "addresses": "10.1.2.1-10.1.5.254",
      "trustedRoots": ["Contoso Root CA"],
      "enrollment": { "pattern": "uniform", "from": "0s", "to": "1h", "delay": "0s",
                      "retryAfter": "10m", "maxAttempts": 3 },
      "polling": [ { "every": "3m", "until": "15m" }, { "every": "60m" } ],
      "firstPollDelay": "0s",
      "jitter": "0s",
      "connectionRetries": { "count": 3, "initialBackoff": "16s", "on": "connection" },
      "content": false
    }
  ],
  "expectations": [ "timeToFirstSuccessSeconds.p99 <= 6m", "devices.neverConnected == 0" ]
}
`;

/**
 * A scenario with only the required fields: one server with one role (an MP on the site database,
 * as `https` is required there) and one device group of the given platform.
 */
export function minimalData(group: Data = { name: "g", platform: "macos", count: 1 }): Data {
  return {
    name: "minimal",
    duration: "1h",
    site: { servers: [{ name: "cm01.corp.contoso.com", roles: { managementPoint: { https: true } } }] },
    devices: [group],
  };
}

function isContainer(value: unknown): value is Record<Segment, unknown> {
  return value !== null && typeof value === "object";
}

/** The value at `path` inside `root` (undefined when any step is missing). */
export function getAt(root: unknown, path: readonly Segment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (!isContainer(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function parentOf(root: unknown, path: readonly Segment[]): Record<Segment, unknown> {
  const parent = getAt(root, path.slice(0, -1));
  if (!isContainer(parent)) throw new Error(`test fixture: nothing at ${JSON.stringify(path.slice(0, -1))}`);
  return parent;
}

/** Sets the value at `path` (the parent must exist). */
export function setAt(root: unknown, path: readonly Segment[], value: unknown): void {
  const last = path[path.length - 1];
  if (last === undefined) throw new Error("test fixture: empty path");
  parentOf(root, path)[last] = value;
}

/** Deletes the field at `path` (the parent must exist). */
export function deleteAt(root: unknown, path: readonly Segment[]): void {
  const last = path[path.length - 1];
  if (last === undefined) throw new Error("test fixture: empty path");
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the tests remove fields by path
  delete parentOf(root, path)[last];
}

/** Pushes an element onto the array at `path`. */
export function pushAt(root: unknown, path: readonly Segment[], value: unknown): void {
  const list = getAt(root, path);
  if (!Array.isArray(list)) throw new Error(`test fixture: no array at ${JSON.stringify(path)}`);
  list.push(value);
}

/** A baseline copy with one field replaced. */
export function baselineWith(path: readonly Segment[], value: unknown): Data {
  const data = baselineData();
  setAt(data, path, value);
  return data;
}

/** A baseline copy without one field. */
export function baselineWithout(path: readonly Segment[]): Data {
  const data = baselineData();
  deleteAt(data, path);
  return data;
}

/** Runs `fn`, expects it to throw a ScenarioError, and returns that error. */
export function scenarioErrorOf(fn: () => unknown): ScenarioError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected a ScenarioError to be thrown").toBeInstanceOf(ScenarioError);
  return thrown as ScenarioError;
}

/** Expects `fn` to throw a ScenarioError at `path` whose full message is `message`. */
export function expectScenarioError(fn: () => unknown, path: readonly Segment[], message: string): void {
  const error = scenarioErrorOf(fn);
  expect({ path: error.path, message: error.message }).toEqual({ path, message });
}
