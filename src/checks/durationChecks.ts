// Checks of how the scenario is written rather than of the site: an interval given as a bare number under a
// minute, which is that many seconds and most likely minutes meant. The loaded scenario has every duration in
// seconds, so this check reads the scenario as its file (and `--set`) wrote it (`CheckInput.written`).
import { isRecord } from "../isRecord.js";
import { plural } from "../report/plural.js";
import type { Scenario } from "../scenario/schema.js";
import { defineCheck, SOURCES, type Check } from "./catalogue.js";

/** The lists whose elements hold interval fields, and how a finding names an element. */
const LISTS = {
  "site.replicas": {
    names: (s: Scenario) => s.site.replicas.map((r) => r.name),
    label: (name: string) => `replica "${name}"`,
  },
  devices: {
    names: (s: Scenario) => s.devices.map((g) => g.name),
    label: (name: string) => `group "${name}"`,
  },
} as const;

/** An interval field: a list of the scenario and the field's place in one element (`*`: every entry). */
interface IntervalField {
  readonly list: keyof typeof LISTS;
  readonly field: readonly string[];
}

/**
 * The interval fields, where a bare number under 60 is most likely minutes meant: a replica's sync interval
 * and apply delay, a group's enrollment retry and its polling phases. Not `jitter`,
 * `connectionRetries.initialBackoff`, `firstPollDelay`, `enrollment.delay` or `syncOffset`, whose values are
 * seconds often enough; nor the run's `duration`, outages and enrollment windows, which are points in time.
 */
export const INTERVAL_FIELDS: readonly IntervalField[] = [
  { list: "site.replicas", field: ["syncInterval"] },
  { list: "site.replicas", field: ["applyDelay"] },
  { list: "site.replicas", field: ["applyDelay", "mean"] },
  { list: "devices", field: ["enrollment", "retryAfter"] },
  { list: "devices", field: ["polling", "*", "every"] },
  { list: "devices", field: ["polling", "*", "until"] },
];

/** A field as the documentation lists it: `site.replicas[].syncInterval`, `devices[].polling[].every`. */
const fieldLabel = (f: IntervalField): string =>
  `\`${f.list}[].${f.field.join(".").replaceAll(".*", "[]")}\``;

/** One interval written as a bare number under a minute. */
interface BareInterval {
  /** The override path (`site.replicas.replica1.syncInterval`). */
  readonly path: string;
  /** The element it belongs to, as a message names it (`replica "replica1"`). */
  readonly owner: string;
  /** The group, for a device group's field. */
  readonly group: string | undefined;
  /** The field inside the element (`polling.0.every`). */
  readonly field: string;
  readonly seconds: number;
}

/** The values at `field` under `node` (`*` steps into every entry of a list), each with its path. */
function valuesAt(node: unknown, field: readonly string[], path: string): { path: string; value: unknown }[] {
  const [step, ...rest] = field;
  if (step === undefined) return [{ path, value: node }];
  if (step === "*")
    return Array.isArray(node)
      ? node.flatMap((entry: unknown, i) => valuesAt(entry, rest, `${path}.${i}`))
      : [];
  return isRecord(node) ? valuesAt(node[step], rest, `${path}.${step}`) : [];
}

/** Every interval field the written scenario gives as a number above 0 and under 60. */
export function bareIntervals(written: unknown, scenario: Scenario): BareInterval[] {
  return INTERVAL_FIELDS.flatMap((f) => {
    const list = valuesAt(written, f.list.split("."), "")[0]?.value;
    if (!Array.isArray(list)) return [];
    const names = LISTS[f.list].names(scenario);
    return list.flatMap((element: unknown, i) => {
      const name = names[i];
      if (name === undefined) return [];
      return valuesAt(element, f.field, "").flatMap(({ path, value }) =>
        typeof value === "number" && value > 0 && value < 60
          ? [
              {
                path: `${f.list}.${name}${path}`,
                owner: LISTS[f.list].label(name),
                group: f.list === "devices" ? name : undefined,
                field: path.slice(1),
                seconds: value,
              },
            ]
          : [],
      );
    });
  });
}

/** `duration-in-seconds`: an interval written as a bare number under 60. */
export const durationInSeconds: Check = defineCheck<BareInterval>({
  severity: "warning",
  scope: "scenario field",
  source: SOURCES.format,
  summary: `an interval written as a bare number under 60, which means seconds (\`syncInterval: 5\` is 5 seconds; "5m" was likely meant). The interval fields: ${INTERVAL_FIELDS.map(fieldLabel).join(", ")}. A value written with its unit ("5s") is never reported; a \`--set PATH=5\` value is a bare number too, and is reported the same way (\`--set PATH=5s\` means seconds)`,
  fixSummary: 'write the unit: "5m" for minutes, or "5s" when seconds are meant',
  detect: ({ written, scenario }) => bareIntervals(written, scenario),
  path: (b) => b.path,
  message: (b) =>
    `${b.owner}: ${b.field} is ${b.seconds}, a number without a unit, which means ${plural(b.seconds, "second")} ("${b.seconds}s"); "${b.seconds}m" (${plural(b.seconds, "minute")}) is the likelier intent`,
  fix: (b) =>
    `Write the unit: "${b.seconds}m" for ${plural(b.seconds, "minute")}, or "${b.seconds}s" if ${plural(b.seconds, "second")} is meant`,
  group: (b) => b.group,
});
