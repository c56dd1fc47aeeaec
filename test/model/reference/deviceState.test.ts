// A device's life in the reference engine, one rule at a time (the property in run.test.ts covers the rest).
import { describe, expect, it } from "vitest";
import { Environment } from "../../../src/kernel/environment.js";
import { Priority } from "../../../src/kernel/priority.js";
import { OK, REASON_ID } from "../../../src/model/reasons.js";
import { reasonNow, type World } from "../../../src/model/reference/deviceState.js";
import { Availability } from "../../../src/model/reference/world.js";
import { compileSite } from "../../../src/model/site.js";
import { singleServer } from "../../helpers/scenarios.js";

describe("reasonNow", () => {
  it("reads row 1 from the server's process and the other rows at the event's time", () => {
    const scenario = singleServer({
      duration: "1h",
      server: {
        outages: [{ from: "10m", to: "20m" }],
        certificate: { issuer: "Contoso Root CA", notAfter: "2026-01-01T00:30:00Z" },
      },
      extra: { start: "2026-01-01T00:00:00Z" },
    });
    const site = compileSite(scenario, 1);
    const env = new Environment();
    const server = scenario.site.servers[0]!;
    const availability = new Availability(env, server.outages);
    const world = { env, site, availability: () => availability } as unknown as World;
    const group = scenario.devices[0]!;
    const seen: number[] = [];
    for (const t of [0, 600, 1200, 1800])
      env.schedule(t, Priority.MP_TRY, () => seen.push(reasonNow(world, group, server, "managementPoint")));
    env.run(3600);
    expect(seen).toEqual([OK, REASON_ID["server-down"], OK, REASON_ID["certificate-expired"]]);
  });
});
