// Study files: a sweep's design kept in a file beside the scenario (like OMNeT++'s parameter studies).
// The varied paths, zipped axes (paths that change together, value i with value i) and combinations to
// skip. Read as JSON or YAML by the shell, validated here (zod), turned into the same grid `--vary` builds.
import * as z from "zod";
import { UsageError, formatPath } from "../errors.js";
import { buildGrid, parseVary, valueText, type GridVariant, type VaryAxis } from "./grid.js";
import { isRecord } from "../isRecord.js";

const pathText = z
  .string()
  .trim()
  .min(1, { error: 'expected a scenario path, like "site.replicas.replica1.syncInterval"' });

// Values: a list (each as --set would take it), or the text after "=" in --vary ("1m..15m:1m", "1000,5000").
const VALUES_EXAMPLE = 'a list of values, or values as --vary writes them, like "1m..15m:1m"';
const values = z.union(
  [
    z.array(z.unknown()).min(1, { error: "expected at least one value" }),
    z.string().min(1, { error: `expected ${VALUES_EXAMPLE}` }),
  ],
  {
    error: (iss) => (iss.input === undefined ? `missing (${VALUES_EXAMPLE})` : `expected ${VALUES_EXAMPLE}`),
  },
);

const AxisSchema = z.strictObject({ path: pathText, values });

const ZipSchema = z.strictObject({
  zip: z.array(AxisSchema).min(2, { error: "expected at least two axes to zip together" }),
});

/** The schema of a study file. */
export const StudySchema = z.strictObject({
  description: z.string().optional(),
  axes: z.array(z.union([AxisSchema, ZipSchema])).min(1, { error: "expected at least one axis" }),
  skip: z.array(z.record(z.string(), z.unknown())).default([]),
});

/** A study file as written (`StudySchema`). */
export type Study = z.infer<typeof StudySchema>;

/**
 * Validates parsed study data.
 * @param source - the file's name, for messages
 * @throws UsageError naming the file and the place (`study.yaml: axes[1].zip: expected …`)
 */
export function parseStudy(data: unknown, source: string): Study {
  const result = StudySchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  let issue: z.core.$ZodIssue | undefined = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0];
  let path: PropertyKey[] = [...(issue?.path ?? [])];
  // An axis that fits neither form: report against the form it meant ({ zip } when it has that key).
  if (issue?.code === "invalid_union" && path.length === 2 && path[0] === "axes") {
    const input = (data as { axes: unknown[] }).axes[Number(path[1])];
    const branch = isRecord(input) ? issue.errors["zip" in input ? 1 : 0] : undefined;
    // A misspelt field explains the missing one: report the spelling.
    const chosen = branch?.find((i) => i.code === "unrecognized_keys") ?? branch?.[0];
    if (chosen !== undefined) {
      issue = chosen;
      path = [...path, ...issue.path];
    }
  }
  const detail =
    issue?.code === "unrecognized_keys"
      ? `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")} (a study has description, axes, skip; an axis { path, values } or { zip: [axes] })`
      : issue?.code === "invalid_union" && path.length === 2
        ? "expected { path, values } or { zip: [ { path, values }, … ] }"
        : (issue?.message ?? "not a study");
  throw new UsageError(
    `${source}: ${formatPath(path.map((p) => (typeof p === "symbol" ? String(p) : p)))}: ${detail}`,
  );
}

// One axis of the file as a --vary axis: a list keeps its values, a text goes through --vary's parser.
function axisOf(axis: { path: string; values: unknown[] | string }, where: string, source: string): VaryAxis {
  if (Array.isArray(axis.values)) {
    const text = `${axis.path}=${axis.values.map(valueText).join(",")}`;
    return { path: axis.path, values: axis.values, text };
  }
  try {
    return parseVary(`${axis.path}=${axis.values}`);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${source}: ${where}.values: ${error.detail}`);
    throw error;
  }
}

/**
 * The grid of a study, then of the `--vary` axes after it: every combination of the study's axes (a zipped
 * group counts as one axis whose i-th point sets each member's i-th value), first axis slowest, minus the
 * combinations a `skip` entry matches (every path it names has one of the given values).
 * @throws UsageError naming the file and place: zipped axes of different lengths, a path varied twice, a
 *   skip entry naming a path that is not varied, every combination skipped
 */
export function studyGrid(study: Study, source: string, vary: readonly VaryAxis[] = []): GridVariant[] {
  // Each group is a list of axes of one length; its position k stands for value k of each member.
  const groups: { axes: VaryAxis[]; where: string }[] = study.axes.map((axis, i) =>
    "zip" in axis
      ? { axes: axis.zip.map((a, j) => axisOf(a, `axes[${i}].zip[${j}]`, source)), where: `axes[${i}].zip` }
      : { axes: [axisOf(axis, `axes[${i}]`, source)], where: `axes[${i}]` },
  );
  for (const axis of vary) groups.push({ axes: [axis], where: `--vary ${axis.text}` });
  const seen = new Map<string, string>();
  for (const group of groups) {
    const length = group.axes[0]?.values.length ?? 0;
    for (const axis of group.axes) {
      if (axis.values.length !== length)
        throw new UsageError(
          `${source}: ${group.where}: zipped axes need as many values each (${group.axes.map((a) => `${a.path}: ${a.values.length}`).join(", ")})`,
        );
      const earlier = seen.get(axis.path);
      if (earlier !== undefined)
        throw new UsageError(`${source}: ${group.where}: "${axis.path}" is already varied (by ${earlier})`);
      seen.set(axis.path, group.where);
    }
  }
  // The product of the groups' positions, through the one grid builder (order, size limit).
  const positions = buildGrid(
    groups.map((g, i) => ({
      path: `#${i}`,
      values: Array.from({ length: g.axes[0]?.values.length ?? 0 }, (_, k) => k),
      text: g.where,
    })),
  );
  study.skip.forEach((entry, i) => {
    for (const path of Object.keys(entry))
      if (!seen.has(path))
        throw new UsageError(
          `${source}: skip[${i}]: "${path}" is not a varied path (varied: ${[...seen.keys()].join(", ")})`,
        );
  });
  const matches = (set: Readonly<Record<string, unknown>>, entry: Readonly<Record<string, unknown>>) =>
    Object.entries(entry).every(([path, wanted]) =>
      (Array.isArray(wanted) ? wanted : [wanted]).some((w) => valueText(w) === valueText(set[path])),
    );
  const variants: GridVariant[] = [];
  for (const point of positions) {
    const chosen = groups.flatMap((g, i) => {
      const k = point.set[`#${i}`] as number;
      return g.axes.map((axis) => [axis.path, axis.values[k]] as const);
    });
    const set = Object.fromEntries(chosen);
    if (study.skip.some((entry) => matches(set, entry))) continue;
    variants.push({
      set,
      overrides: chosen.map(([path, value]) => ({ path, value, text: `${path}=${valueText(value)}` })),
    });
  }
  if (variants.length === 0)
    throw new UsageError(`${source}: skip: every combination is skipped; nothing to run`);
  return variants;
}
