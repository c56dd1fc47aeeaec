// `mdmsim check`: every entry of the check table (table.ts) over a scenario, without simulating. One
// finding per (id, path), in catalogue order.
import { checkCheckLimits } from "../model/checkEstimate.js";
import { checkSiteLimits } from "../model/estimate.js";
import { managementPointEstimate } from "../model/exactEstimate.js";
import type { ManagementPointEstimate } from "../model/estimateSums.js";
import { compileSite } from "../model/site.js";
import { checkExpectations } from "../results/expectations.js";
import { writtenForm } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import { CHECK_IDS, type CheckInput } from "./catalogue.js";
import { failingContacts } from "./contacts.js";
import { findingsOf, sortFindings, type Finding } from "./finding.js";
import { CHECKS } from "./table.js";

/** What every check entry reads: the scenario as loaded and as written, its compiled site, its contacts. */
export function checkInput(scenario: Scenario): CheckInput {
  const site = compileSite(scenario, scenario.seed);
  const estimates = new Map<string, ManagementPointEstimate>();
  return {
    scenario,
    written: writtenForm(scenario),
    site,
    contacts: failingContacts(site),
    estimate: (group, mp) => {
      const key = `${group}/${mp}`;
      let e = estimates.get(key);
      if (e === undefined) {
        e = managementPointEstimate(site, group, mp);
        estimates.set(key, e);
      }
      return e;
    },
  };
}

/**
 * The static findings of a scenario, in catalogue order, then by path.
 * @param scenario - a validated scenario
 * @throws ScenarioError when the site is too large to compile (`checkSiteLimits`), its exact estimates too
 *   many (`checkCheckLimits`), or an expectation's
 *   path names nothing in the result (`expectations[i]`, as `run` refuses it)
 */
export function checkScenario(scenario: Scenario): Finding[] {
  checkSiteLimits(scenario);
  checkCheckLimits(scenario);
  const input = checkInput(scenario);
  // An expectation whose path names nothing: refused as `run` refuses it, by the same evaluation.
  checkExpectations(input.site);
  return sortFindings(CHECK_IDS.flatMap((id) => findingsOf(id, CHECKS[id].source, CHECKS[id].hits(input))));
}
