// One error type per kind of user mistake; the CLI maps each to its exit code.

/** Formats a path like `devices[0].enrollment.to` from its segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += (out === "" ? "" : ".") + String(segment);
  }
  return out === "" ? "(top level)" : out;
}

/**
 * A scenario that cannot be read or is not valid. `path` is where in the scenario (`devices[0].count`),
 * `source` the file name or `--set …` option the problem came from, when known.
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  /** Where in the scenario, as segments; empty for problems with the whole text. */
  readonly path: readonly (string | number)[];
  /** The reason alone, without source and path. */
  readonly detail: string;
  /** The file or option the scenario came from, when known. */
  readonly source: string | undefined;

  constructor(detail: string, path: readonly (string | number)[] = [], source?: string) {
    const where = path.length > 0 ? `${formatPath(path)}: ` : "";
    super(`${source !== undefined ? `${source}: ` : ""}${where}${detail}`);
    this.detail = detail;
    this.path = path;
    this.source = source;
  }

  /** The same error attributed to a file or option. */
  withSource(source: string): ScenarioError {
    return new ScenarioError(this.detail, this.path, source);
  }
}

/** A bad command-line value that is not part of a scenario: `--expect`, `--set` syntax, `--seed`. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
