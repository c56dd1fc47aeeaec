// The input every check table entry reads, for entry-level tests.
import type { CheckInput } from "../../src/checks/catalogue.js";
import { failingContacts } from "../../src/checks/contacts.js";
import { compileSite } from "../../src/model/site.js";
import { writtenForm } from "../../src/scenario/load.js";
import type { Scenario } from "../../src/scenario/schema.js";

/** The scenario, its compiled site and its groups' failing contacts. */
export function checkInput(scenario: Scenario): CheckInput {
  const site = compileSite(scenario, scenario.seed);
  return { scenario, written: writtenForm(scenario), site, contacts: failingContacts(site) };
}
