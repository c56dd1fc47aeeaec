// A count with its noun, singular for one: "1 device", "2 devices", "3 boundaries".

/** `n` and the noun for that many: `one` for 1, else `many` (`one` + "s" unless given). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
