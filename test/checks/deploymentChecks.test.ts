// The deployment entry: each deployment's expected delay by the closed form, at the deployment's path.
import { describe, expect, it } from "vitest";
import { deploymentDelay } from "../../src/checks/deploymentChecks.js";
import { buildClients, clientMpOnReplica, CM02, mpServer } from "../helpers/clientScenarios.js";
import { checkInput } from "../helpers/checkInput.js";
import type { Draft } from "../helpers/ruleScenarios.js";

const deploy = (d: Draft): void => {
  d.deployments = [{ name: "policy", at: "1h" }];
};

describe("deploymentDelay", () => {
  it("nothing without deployments", () => {
    expect(deploymentDelay.hits(checkInput(buildClients()))).toEqual([]);
  });

  it("on the site database: the wait for the next poll alone", () => {
    expect(deploymentDelay.hits(checkInput(buildClients(deploy)))).toEqual([
      {
        path: "deployments.policy",
        severity: "info",
        message:
          'deployment "policy" at 1h reaches its 2 targeted devices 30m after it is made on average (0s to 1h): the visibility delay at their management point\'s database plus the wait for their next poll (closed form: devices in their steady polling phase, no outage). By group: group "c" (2 clients, polling every 1h): the next poll 30m on average; 2 on the site database see it at once',
        fix: expect.stringContaining("Nothing to fix") as string,
      },
    ]);
  });

  it("behind a replica: the visibility delay on average and with this run's syncs", () => {
    const [hit] = deploymentDelay.hits(checkInput(buildClients(clientMpOnReplica, deploy)));
    expect(hit?.message).toBe(
      'deployment "policy" at 1h reaches its 2 targeted devices 32m30s after it is made on average (0s to 1h5m): the visibility delay at their management point\'s database plus the wait for their next poll (closed form: devices in their steady polling phase, no outage). With this run\'s syncs (seed 3): 31m40s on average (1m40s to 1h1m40s). By group: group "c" (2 clients, polling every 1h): the next poll 30m on average; 2 behind replica "r1" see it 2m30s after it is made on average (0s to 5m; with this run\'s syncs 1m40s)',
    );
  });

  it("names each database a group's devices are behind", () => {
    const [hit] = deploymentDelay.hits(
      checkInput(
        buildClients(clientMpOnReplica, deploy, (d) => {
          d.site.servers.push(mpServer(CM02));
          d.site.boundaryGroups![0]!.servers!.push(CM02);
        }),
      ),
    );
    expect(hit?.message).toContain(
      '1 behind replica "r1" see it 2m30s after it is made on average (0s to 5m; with this run\'s syncs 1m40s) and 1 on the site database see it at once',
    );
  });
});
