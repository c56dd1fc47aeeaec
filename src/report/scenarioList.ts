// `mdmsim scenarios` at a terminal: one line a scenario, its name and its description's first sentence,
// cut at a space with an ellipsis where the terminal is narrower: never wrapped, no word broken.
import type { ScenarioList } from "../results/scenarioList.js";
import { displayWidth, splitByWidth, visible } from "./terminal.js";

function fitted(line: string, columns: number | undefined, keep: number): string {
  if (columns === undefined || displayWidth(line) <= columns) return line;
  const piece = splitByWidth(line, Math.max(1, columns - 1))[0] ?? "";
  const space = piece.lastIndexOf(" ");
  return `${(space > keep ? piece.slice(0, space) : piece).replace(/[\s,;:]+$/, "")}…`;
}

/** The list, one line a scenario, fitted to `columns` when given. */
export function renderScenarioList(list: ScenarioList, columns: number | undefined): string {
  const width = list.scenarios.reduce((w, s) => Math.max(w, s.name.length), 0);
  return list.scenarios
    .map((s) => `${fitted(visible(`${s.name.padEnd(width)}  ${s.summary}`), columns, width + 2)}\n`)
    .join("");
}
