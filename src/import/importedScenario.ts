// The scenario an import writes, as text, checked as every other command would check it on reading: the
// loader (its size, its fields) and the planner (devices, memory, ticks, events, the reach matrix). An
// import never writes a file that `check`, `run` or `reach` would then refuse.
import { formatPath, ScenarioError } from "../errors.js";
import { checkReachLimits, checkRunLimits } from "../model/estimate.js";
import { LOAD_LIMITS, loadScenario } from "../scenario/load.js";
import type { ScenarioInput } from "../scenario/schema.js";

/** UTF-8 bytes of a text, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 + 2.
    else if (c >= 0xd800 && c <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

const MIB = 1024 * 1024;

/**
 * The text of an imported scenario (pretty JSON), once it is known to load and to be within every limit.
 * @throws ScenarioError saying what the other commands would refuse and which option or export part to
 *   shrink; Error when the mapping wrote a field the schema refuses (a bug of the mapping)
 */
export function importedScenarioText(scenario: ScenarioInput): string {
  const text = `${JSON.stringify(scenario, null, 2)}\n`;
  const bytes = utf8Length(text);
  if (bytes > LOAD_LIMITS.maxBytes)
    throw new ScenarioError(
      `the imported scenario would be ${(bytes / MIB).toFixed(1)} MiB, and a scenario file may hold ${LOAD_LIMITS.maxBytes / MIB} MiB: import one site (--site) or fewer boundaries`,
    );
  let loaded;
  try {
    loaded = loadScenario(JSON.parse(text) as unknown);
  } catch (error) {
    // The mapping writes only what the schema accepts: a scenario that does not load is a bug here.
    throw new Error(
      `the imported scenario does not load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    // A run's limits cover the site's (its estimate is the site's and the devices' lives).
    checkRunLimits(loaded);
    checkReachLimits(loaded);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ScenarioError(
      `the imported scenario would be refused: ${formatPath(error.path)}: ${error.detail} (fewer --devices, --macs or --clients, or fewer boundaries)`,
    );
  }
  return text;
}
