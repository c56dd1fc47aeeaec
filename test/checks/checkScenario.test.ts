// checkScenario: every table entry, one finding per (id, path), in catalogue order; a finding per missing
// role; several groups at one place named in one finding.
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/checks/checkScenario.js";
import { CHECK_IDS } from "../../src/checks/catalogue.js";
import fc from "fast-check";
import { loadScenario } from "../../src/scenario/load.js";
import { scenarioArbitrary } from "../../src/testing/scenarioArbitrary.js";
import { baseDraft, build, OTHER_ROOT, server } from "../helpers/ruleScenarios.js";
import { buildClients } from "../helpers/clientScenarios.js";

describe("checkScenario", () => {
  it("gives a correct site only out-of-support", () => {
    expect(checkScenario(build("windows")).map((f) => f.id)).toEqual(["out-of-support"]);
  });

  it("gives a correct site of ConfigMgr clients no finding; a deployment its expected delay", () => {
    expect(checkScenario(buildClients())).toEqual([]);
    const deployed = buildClients((d) => {
      d.deployments = [{ name: "policy", at: "1h" }];
    });
    expect(checkScenario(deployed).map((f) => [f.id, f.severity, f.path])).toEqual([
      ["deployment-delay", "info", "deployments.policy"],
    ]);
  });

  it("names every group that meets a rule at one place in one finding", () => {
    const s = build("windows", (d) => {
      d.devices.push({ ...d.devices[0]!, name: "w2" }, { ...d.devices[0]!, name: "w3" });
      for (const g of d.devices) g.trustedRoots = [OTHER_ROOT];
    });
    const untrusted = checkScenario(s).filter((f) => f.id === "certificate-untrusted");
    expect(untrusted).toHaveLength(1);
    expect(untrusted[0]?.message).toMatch(/^group "w" does not trust .* \(also groups "w2" and "w3"\)$/);
  });

  it("keeps one finding per missing role", () => {
    const d = baseDraft("windows");
    delete server(d).roles.enrollmentPoint;
    delete server(d).roles.enrollmentProxyPoint;
    const missing = checkScenario(loadScenario(d)).filter((f) => f.id === "missing-role");
    expect(missing.map((f) => f.message)).toEqual([
      "the site has no enrollment point",
      "the site has no enrollment proxy point",
    ]);
  });

  it("never gives two findings of one id and path (generated sites, misconfigured or not)", () => {
    let withFindings = 0;
    fc.assert(
      fc.property(scenarioArbitrary({ misconfigurations: true }), (input) => {
        const findings = checkScenario(loadScenario(input));
        const places = findings.filter((f) => f.id !== "missing-role").map((f) => `${f.id} ${f.path}`);
        expect(new Set(places).size).toBe(places.length);
        expect(findings.map((f) => CHECK_IDS.indexOf(f.id))).toEqual(
          findings.map((f) => CHECK_IDS.indexOf(f.id)).sort((a, b) => a - b),
        );
        if (findings.some((f) => f.severity !== "info")) withFindings++;
      }),
      { numRuns: 100 },
    );
    // The generator reaches sites with real findings, so the property checked something.
    expect(withFindings).toBeGreaterThan(30);
  });
});
