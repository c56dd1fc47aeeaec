// `probe --update-certificates OUT.json`: the scenario as loaded (after --set), each probed server's
// certificate replaced by what its handshake presented, written whole; the servers kept are named.
import { notYetValidAtStart, updateCertificates } from "../../probe/certificates.js";
import type { ProbeObservation } from "../../probe/observation.js";
import type { ProbeTarget } from "../../probe/targets.js";
import { loadScenario, writtenForm } from "../../scenario/load.js";
import type { Scenario } from "../../scenario/schema.js";
import type { CliIo } from "../io.js";
import { writeOutputFile } from "../outputFile.js";
import { visible } from "../../report/terminal.js";
import { plural } from "../../report/plural.js";

/** Writes the updated scenario to `out` (never over one of `inputs`) and says what it did on stderr. */
export async function writeProbedCertificates(
  io: CliIo,
  scenario: Scenario,
  probed: { readonly targets: readonly ProbeTarget[]; readonly observations: readonly ProbeObservation[] },
  out: string,
  inputs: readonly string[],
): Promise<void> {
  const update = updateCertificates(writtenForm(scenario) ?? scenario, probed.targets, probed.observations);
  // Certificates as the schema takes them: a file that does not load would be a bug here, not bad input.
  let loaded: Scenario;
  try {
    loaded = loadScenario(structuredClone(update.scenario));
  } catch (error) {
    throw new Error(
      `the updated scenario does not load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await writeOutputFile(
    out,
    `${JSON.stringify(update.scenario, null, 2)}\n`,
    `--update-certificates ${out}`,
    inputs,
  );
  const n = update.updated.length;
  io.stderr(
    `mdmsim probe: wrote ${visible(out)}: the certificate${n === 1 ? "" : "s"} of ${plural(n, "server")} as presented in the TLS handshake\n`,
  );
  for (const { server, reason } of update.kept)
    // The reason may quote what the server presented: shown, never obeyed.
    io.stderr(`mdmsim probe: ${visible(server)}: kept the scenario's certificate: ${visible(reason)}\n`);
  for (const { server, notBefore, start } of notYetValidAtStart(loaded, update.updated))
    io.stderr(
      `mdmsim probe: warning: ${visible(server)}: the certificate presented is not valid until ${visible(notBefore)}, after the scenario's start (${start}): check reports certificate-not-yet-valid and run fails every try before then; move start to ${visible(notBefore)} or later\n`,
    );
}
