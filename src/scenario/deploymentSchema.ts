// A deployment of the scenario schema (schema.ts): a change written to the site database at one instant,
// which each targeted device receives at its first successful try once its management point's database
// holds it (docs/clients.md).
import * as z from "zod";
import { described, duration, name } from "./primitives.js";

/** One deployment: a policy or an application for ConfigMgr clients, a command for MDM devices. */
export const DeploymentSchema = described(
  z.strictObject({
    name: described(name, "The deployment's name: results report it as deployments.<name>"),
    at: described(duration, "When the deployment is written to the site database (time from the start)"),
    groups: described(
      z.array(z.string()).optional(),
      "The device groups it targets, by name; absent: every group",
    ),
  }),
  "A change made at one instant (a policy, an application, or an MDM command such as a wipe)",
);
