/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The studio page's script (bundled for the browser): reads the controls and the URL fragment, starts the
// simulator in a worker made from the text the page carries, and shows each answer. The page never
// simulates in its own thread, so it stays responsive while a large scenario runs.
import { decodeEdits, encodeEdits, type Edit } from "./fragment.js";
import type { WhatIfProblem } from "./whatIf.js";
import type { WorkerReply, WorkerRequest } from "./worker.js";
import { plural } from "../report/plural.js";
import { fieldLinks } from "./fieldLinks.js";

/** The worker's script, set by the page (see page.ts) before this script runs. */
declare const mdmsimWorkerSource: string;

type Control = HTMLInputElement | HTMLSelectElement;

/** A field's edit path: its `--set` path (`data-path`), or a structural what-if's (`data-what-if`). */
const pathOf = (control: Control): string => control.dataset.path ?? control.dataset.whatIf ?? "";

/**
 * Gives a select that names a shared list (`data-options`, a `<template>` of options the page holds once)
 * its choices, keeping the one it shows. The page writes such lists only when all of them fit at once
 * (page.ts); longer ones are text fields with a `<datalist>`, which take any value a script sets.
 */
function fillSelect(select: HTMLSelectElement): void {
  const list = document.getElementById(`mdmsim-options-${select.dataset.options ?? ""}`);
  if (!(list instanceof HTMLTemplateElement)) return;
  const current = select.value;
  select.replaceChildren(list.content.cloneNode(true));
  select.value = current;
}

function start(): void {
  const body = document.body;
  const form = document.getElementById("controls") as HTMLFormElement;
  const controls = [...document.querySelectorAll<Control>("[data-path], [data-what-if]")];
  for (const c of controls)
    if (c instanceof HTMLSelectElement && c.dataset.options !== undefined) fillSelect(c);
  const byPath = new Map(controls.map((c) => [pathOf(c), c]));
  const links = fieldLinks(controls.map((c) => ({ path: pathOf(c), resets: c.dataset.resets })));
  const removable = links.removedBy.flatMap(([field, remover]) => {
    const [c, r] = [controls[field], controls[remover]];
    return c !== undefined && r !== undefined ? [[c, r] as const] : [];
  });
  const index = new Map(controls.map((c, i) => [c, i]));
  const status = document.getElementById("status-text") as HTMLElement;
  const problemBox = document.getElementById("problem") as HTMLElement;
  const figures = document.getElementById("figures") as HTMLElement;
  const download = document.querySelector<HTMLAnchorElement>('[data-action="download-scenario"]');
  const scenario = document.getElementById("mdmsim-scenario")?.textContent ?? "{}";
  // Edits in the fragment that no control shows (any `--set` path works there): kept and applied.
  let extra: Edit[] = [];
  let latest = 0;
  let sentAt = 0;
  let downloadUrl: string | undefined;
  // Whether the page has shown numbers yet: before, there are no "last valid values" to speak of.
  let shownOnce = false;

  const workerUrl = URL.createObjectURL(new Blob([mdmsimWorkerSource], { type: "text/javascript" }));
  const worker = new Worker(workerUrl);
  const send = (request: WorkerRequest) => {
    worker.postMessage(request);
  };

  function fieldOf(control: Control): HTMLElement | null {
    return control.closest(".field");
  }

  function setError(control: Control, message: string): void {
    control.setAttribute("aria-invalid", message === "" ? "false" : "true");
    const box = document.getElementById(`${control.id}-error`);
    if (box) box.textContent = message;
  }

  function markEdited(control: Control): void {
    fieldOf(control)?.classList.toggle("edited", control.value !== control.dataset.original);
  }

  function edits(): Edit[] {
    const own = controls
      .filter((c) => c.value !== c.dataset.original)
      .map((c) => ({ path: pathOf(c), value: c.value }));
    return [...own, ...extra];
  }

  function fromFragment(): void {
    extra = [];
    for (const c of controls) c.value = c.dataset.original ?? "";
    for (const edit of decodeEdits(location.hash)) {
      const control = byPath.get(edit.path);
      // A select shows a value it does not offer (a list of phases a link carries) as a choice of its own.
      if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === edit.value))
        control.add(new Option(edit.value, edit.value));
      if (control) control.value = edit.value;
      else extra.push(edit);
    }
    for (const c of controls) {
      markEdited(c);
      setError(c, "");
    }
    disableRemoved();
  }

  // A removed management point's own fields are disabled while it is removed: nothing they say would run.
  function disableRemoved(): void {
    for (const [c, remover] of removable) c.disabled = remover.value === "removed";
  }

  function clearPaired(): void {
    for (const kind of ["paired", "relative", "verdict"])
      for (const el of document.querySelectorAll<HTMLElement>(`[data-${kind}-metric]`)) el.textContent = "–";
  }

  function simulate(): void {
    clearPaired();
    latest += 1;
    sentAt = performance.now();
    body.dataset.state = "running";
    status.textContent = "Simulating…";
    send({ type: "run", id: latest, edits: edits() });
  }

  function keepInAddress(): void {
    const fragment = encodeEdits(edits());
    history.replaceState(null, "", fragment === "" ? location.pathname + location.search : `#${fragment}`);
  }

  // The banner: each problem a sentence on a line of its own, then what the numbers below are.
  function showProblem(outcome: WhatIfProblem): void {
    const control = outcome.path !== null ? byPath.get(outcome.path) : undefined;
    if (control) setError(control, outcome.message);
    const sentences = [
      ...outcome.sentences,
      shownOnce
        ? "The numbers below are of the last valid values."
        : "No numbers yet: they appear once every value is valid.",
    ];
    problemBox.replaceChildren(
      ...sentences.map((text) => {
        const line = document.createElement("span");
        line.className = "sentence";
        line.textContent = text;
        return line;
      }),
    );
    status.textContent = "Not simulated: see the message below.";
    body.dataset.state = "error";
  }

  // A time's duration beside its seconds ("407.2 s (6m47s)") in smaller type, so a card's number keeps to
  // one line; the text stays the same.
  function showNumber(el: HTMLElement, text: string): void {
    const aside = / (\([^()]*\))$/.exec(text);
    if (aside === null) {
      el.textContent = text;
      return;
    }
    const small = document.createElement("span");
    small.className = "aside";
    small.textContent = aside[1] ?? "";
    el.replaceChildren(text.slice(0, aside.index), " ", small);
  }

  const cell = (kind: string, path: string) =>
    document.querySelector<HTMLElement>(`[data-${kind}-metric="${path}"]`);

  function show(reply: WorkerReply): void {
    if (reply.id !== latest) return;
    for (const c of controls) setError(c, "");
    const ms = Math.round(performance.now() - sentAt);
    if (!reply.outcome.ok) {
      showProblem(reply.outcome);
      return;
    }
    problemBox.textContent = "";
    if (reply.kind === "paired") {
      const paired = reply.outcome;
      for (const n of paired.numbers) {
        const [difference, relative, verdict] = ["paired", "relative", "verdict"].map((k) => cell(k, n.path));
        if (difference) difference.textContent = n.differenceText;
        if (relative) relative.textContent = n.relativeText;
        if (verdict) verdict.textContent = n.verdict;
      }
      status.textContent = `Ready: paired comparison over ${paired.runs} seeds (${paired.firstSeed} to ${paired.firstSeed + paired.runs - 1}), computed in ${ms} ms.`;
      body.dataset.state = "ready";
      return;
    }
    const outcome = reply.outcome;
    for (const n of outcome.numbers) {
      for (const el of document.querySelectorAll<HTMLElement>(`[data-metric="${n.path}"]`)) {
        el.dataset.value = n.value;
        showNumber(el, n.text);
      }
      const [file, edited, difference] = ["file", "edited", "difference"].map((k) => cell(k, n.path));
      if (file) file.textContent = n.fileText;
      if (edited) edited.textContent = n.text;
      if (difference) difference.textContent = n.differenceText;
    }
    figures.innerHTML = outcome.figures;
    for (const note of document.querySelectorAll<HTMLElement>("[data-replica-note]"))
      note.textContent = outcome.replicaNotes[note.dataset.replicaNote ?? ""] ?? "";
    shownOnce = true;
    if (download) {
      if (downloadUrl !== undefined) URL.revokeObjectURL(downloadUrl);
      downloadUrl = URL.createObjectURL(new Blob([outcome.scenarioJson], { type: "application/json" }));
      download.href = downloadUrl;
    }
    const count = edits().length;
    status.textContent = `Ready: seed ${outcome.seed}, ${count === 0 ? "no edits" : plural(count, "edit")}, computed in ${ms} ms.`;
    body.dataset.state = "ready";
  }

  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    show(event.data);
  };
  worker.onerror = (event: ErrorEvent) => {
    problemBox.textContent = `The simulator stopped: ${event.message}.`;
    body.dataset.state = "error";
  };

  form.addEventListener("change", (event) => {
    const control = event.target as Control;
    const path = pathOf(control);
    if (!byPath.has(path)) return;
    // The fields that edit the same part of the file, and a removed management point's own (fieldLinks.ts).
    for (const i of links.resetOnChange[index.get(control) ?? -1] ?? []) {
      const other = controls[i];
      if (other === undefined) continue;
      other.value = other.dataset.original ?? "";
      markEdited(other);
    }
    markEdited(control);
    disableRemoved();
    keepInAddress();
    simulate();
  });
  // Enter in a field applies it (as a change does) instead of submitting the form.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
  });
  document.querySelector('[data-action="paired-compare"]')?.addEventListener("click", () => {
    const runs = Number(document.querySelector<HTMLSelectElement>("#paired-runs")?.value ?? "10");
    latest += 1;
    sentAt = performance.now();
    body.dataset.state = "running";
    status.textContent = `Comparing over ${runs} seeds…`;
    send({ type: "compare", id: latest, edits: edits(), runs });
  });
  document.querySelector('[data-action="reset"]')?.addEventListener("click", () => {
    history.replaceState(null, "", location.pathname + location.search);
    fromFragment();
    simulate();
  });
  window.addEventListener("hashchange", () => {
    fromFragment();
    simulate();
  });

  send({ type: "init", scenario });
  fromFragment();
  simulate();
}

start();
