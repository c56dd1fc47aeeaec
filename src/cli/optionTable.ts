// A command's arguments declared once, as a table typed over the arguments its handler receives: each
// entry says how the command line spells the value and how it is checked, and the table's type makes a
// missing, extra or mistyped entry a compile error (in the spirit of vitest's `CLIOptions<Config>`).
import { UsageError } from "../errors.js";
import { didYouMean } from "./didYouMean.js";

/** How one argument appears on the command line. */
export type OptionKind = "flag" | "integer" | "text" | "choice" | "list";

/** One argument of a command: how yargs declares it, and how its raw value becomes the typed one. */
export interface OptionSpec<V> {
  readonly kind: OptionKind;
  readonly describe: string;
  /** A positional argument (in table order) rather than a `--flag`. */
  readonly positional: boolean;
  /** A positional argument that must be given (`<name>`, else `[name]`). */
  readonly required: boolean;
  /** The values a choice accepts (completion offers them). */
  readonly choices?: readonly string[];
  /** Shown in `--help` (yargs prints `[default: …]`), when there is one worth showing. */
  readonly shownDefault?: string | number | boolean | readonly string[];
  /** yargs gives a string, a number, a boolean, or an array of them for a repeated option. */
  readonly decode: (raw: unknown, name: string) => V;
}

/** Every argument of a command, one entry per property of `A`. */
export type OptionTable<A> = { readonly [K in keyof A]-?: OptionSpec<A[K]> };

/** How an argument is named in messages: `--print-scenario` for an option, `<scenario>` for a positional. */
export function argumentLabel(key: string, spec: Pick<OptionSpec<unknown>, "positional">): string {
  return spec.positional ? `<${key}>` : `--${flagName(key)}`;
}

/** The command line's spelling of a property name: `printScenario` → `print-scenario`. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

// A repeated single-valued option means its last value, as in most command lines.
function last(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  const values: readonly unknown[] = raw;
  return values[values.length - 1];
}

// yargs re-parses positionals as `--name value` pairs, and a lone "-" then reads as a missing value. The
// command line's "-" (standard input) crosses yargs as this word instead; decoding gives "-" back.
const DASH_STAND_IN = "\u0000-";

/** The words for yargs: a lone `-` protected from its positional re-parse. */
export function protectDash(words: readonly string[]): string[] {
  return words.map((w) => (w === "-" ? DASH_STAND_IN : w));
}

// yargs gives strings, numbers and booleans; anything else is shown as JSON.
function textOf(value: unknown): string {
  if (value === DASH_STAND_IN) return "-";
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
}

function shown(value: unknown): string {
  return JSON.stringify(textOf(value));
}

interface Describe {
  readonly describe: string;
}

/** `--name` with no value: true when given (`--no-name` gives false). */
export function flag(options: Describe): OptionSpec<boolean> {
  return {
    kind: "flag",
    positional: false,
    required: false,
    describe: options.describe,
    decode: (raw) => last(raw) === true,
  };
}

/** `--name N`: a whole number in [min, max]; absent, `undefined`. */
export function integer(
  options: Describe & { readonly min: number; readonly max?: number },
): OptionSpec<number | undefined> {
  const { min, max } = options;
  const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`;
  return {
    kind: "integer",
    positional: false,
    required: false,
    describe: options.describe,
    decode: (raw, name) => {
      const value = last(raw);
      if (value === undefined) return undefined;
      const text = textOf(value).trim();
      const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max))
        throw new UsageError(`${name}: expected an integer ${range}, got ${shown(value)}`);
      return n;
    },
  };
}

/** `--name TEXT`; absent, `undefined`. */
export function text(options: Describe): OptionSpec<string | undefined> {
  return {
    kind: "text",
    positional: false,
    required: false,
    describe: options.describe,
    decode: (raw) => {
      const value = last(raw);
      return value === undefined ? undefined : textOf(value);
    },
  };
}

/** `--name TEXT` that must be given. */
export function requiredText(options: Describe): OptionSpec<string> {
  return { ...requiredPositional(options), positional: false };
}

/** `--name TEXT` with a default. */
export function textWithDefault(options: Describe & { readonly default: string }): OptionSpec<string> {
  const plain = text(options);
  return {
    ...plain,
    shownDefault: options.default,
    decode: (raw, name) => plain.decode(raw, name) ?? options.default,
  };
}

/** `--name VALUE`, one of `choices`; absent, the default. */
export function choice<const C extends string>(
  options: Describe & { readonly choices: readonly C[]; readonly default: NoInfer<C> },
): OptionSpec<C> {
  const { choices } = options;
  const expected = `${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1] ?? ""}`;
  return {
    kind: "choice",
    positional: false,
    required: false,
    choices,
    describe: `${options.describe}: ${expected}`,
    shownDefault: options.default,
    decode: (raw, name) => {
      const value = last(raw);
      if (value === undefined) return options.default;
      const found = choices.find((c) => c === textOf(value));
      if (found !== undefined) return found;
      throw new UsageError(
        `${name}: expected ${expected}, got ${shown(value)}${didYouMean(textOf(value), choices)}`,
      );
    },
  };
}

/** `--name VALUE`, repeatable; absent, `[]`. */
export function list(options: Describe): OptionSpec<string[]> {
  return {
    kind: "list",
    positional: false,
    required: false,
    describe: options.describe,
    decode: (raw) => (raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map(textOf)),
  };
}

/** A positional argument that must be given. */
export function requiredPositional(options: Describe): OptionSpec<string> {
  return {
    kind: "text",
    positional: true,
    required: true,
    describe: options.describe,
    decode: (raw, name) => {
      const value = last(raw);
      if (value === undefined) throw new UsageError(`${name}: missing`);
      return textOf(value);
    },
  };
}

/** A positional argument that may be left out. */
export function optionalPositional(options: Describe): OptionSpec<string | undefined> {
  return { ...text(options), positional: true };
}

/** The rest of the positional arguments, at least one. */
export function variadicPositional(options: Describe): OptionSpec<string[]> {
  return { ...list(options), positional: true, required: true };
}

/**
 * The typed arguments of a command from what yargs parsed.
 * @throws UsageError naming the option whose value is not what its entry expects
 */
export function decodeArguments<A>(table: OptionTable<A>, parsed: Readonly<Record<string, unknown>>): A {
  // Filled key by key below from the table, whose type ties each key's decoder to A[key].
  const args = {} as A;
  for (const key in table) {
    const spec = table[key];
    args[key] = spec.decode(parsed[key], argumentLabel(key, spec));
  }
  return args;
}
