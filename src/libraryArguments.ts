// The public functions' arguments, declared once per function (a rule per parameter, typed over the
// function's parameters so none is left out) and checked by one guard before the function runs: a caller's
// null, wrong kind or missing field is a UsageError naming the function and the argument, never a TypeError
// from inside nor a silent undefined. The core calls the unchecked functions: no cost in its hot paths.
import { UsageError } from "./errors.js";
import { toScenario } from "./scenario/toScenario.js";
import { shown } from "./valueRules.js";

/** How one argument is checked: the value the function gets (the one given, or it loaded), or a UsageError. */
export interface ArgumentRule {
  /** The parameter's name, as the documentation calls it. */
  readonly name: string;
  /** @param fn - the public function's name, for the message */
  readonly check: (value: unknown, fn: string) => unknown;
}

/** One rule per parameter, in order, none left out (optional parameters included). */
export type ArgumentRules<P extends readonly unknown[]> = { readonly [K in keyof P]-?: ArgumentRule };

/** A public function or class and the rules of its arguments, as `guarded` registered it. */
export interface Declaration {
  readonly name: string;
  readonly rules: readonly ArgumentRule[];
}

// Keyed by the function a user holds, so a test can ask of every export whether it was declared.
const DECLARED = new WeakMap<object, Declaration>();

/** The declaration of a public function, when it has one. */
export function declarationOf(value: unknown): Declaration | undefined {
  return typeof value === "function" ? DECLARED.get(value) : undefined;
}

/** Registers a public class whose constructor checks its own arguments (the errors: errors.ts). */
export function declareChecked(value: object, declaration: Declaration): void {
  DECLARED.set(value, declaration);
}

/**
 * `f` as the library offers it: each argument checked by its rule, then `f` called with what the rules
 * give. Arguments beyond the declared ones are ignored, as JavaScript does.
 * @param name - the function's public name (in messages, and the wrapper's `name`)
 */
export function guarded<F extends (...args: never[]) => unknown>(
  name: string,
  f: F,
  rules: ArgumentRules<Parameters<F>>,
): F {
  const list = rules as readonly ArgumentRule[];
  const call = f as unknown as (...args: unknown[]) => unknown;
  // A computed key names the wrapper after the function (stack traces, `fn.name`).
  const wrapper = {
    [name]: (...args: unknown[]): unknown => call(...list.map((rule, i) => rule.check(args[i], name))),
  }[name] as (...args: unknown[]) => unknown;
  DECLARED.set(wrapper, { name, rules: list });
  return wrapper as unknown as F;
}

/** The UsageError for an argument that is not what its rule expects. */
export function refused(fn: string, name: string, expected: string, value: unknown): UsageError {
  return new UsageError(`expected ${expected}, got ${shown(value)}`, { argument: name, function: fn });
}

/** An argument given as is when `test` holds, else refused with `expected`. */
export function argument(name: string, expected: string, test: (value: unknown) => boolean): ArgumentRule {
  return {
    name,
    check: (value, fn) => {
      if (!test(value)) throw refused(fn, name, expected, value);
      return value;
    },
  };
}

/** An optional parameter: undefined is passed on (the function's default applies), anything else checked. */
export function optional(rule: ArgumentRule): ArgumentRule {
  return { name: rule.name, check: (value, fn) => (value === undefined ? undefined : rule.check(value, fn)) };
}

/** An argument any value of which the function takes (it refuses bad ones itself, as its documentation says). */
export function anything(name: string): ArgumentRule {
  return { name, check: (value) => value };
}

/** An argument checked (and maybe converted) by the rule that owns it: the loader, an options checker. */
export function checkedBy(name: string, check: (value: unknown, fn: string) => unknown): ArgumentRule {
  return { name, check };
}

/** A scenario argument: loaded, or loaded now (the loader refuses what is not one, as a ScenarioError). */
export const scenarioArgument = (name: string): ArgumentRule => checkedBy(name, (value) => toScenario(value));

export const isFiniteAtLeast =
  (min: number) =>
  (v: unknown): v is number =>
    typeof v === "number" && Number.isFinite(v) && v >= min;
