// The studio page's worker: holds the file's scenario, and answers each request with a what-if. Bundled
// for the browser (scripts/bundle.mjs) and started by the page from its own text, so it needs no request.
// Only the newest request waiting is run: a user typing fast gets the last edit's numbers, not a backlog.
import { expressionInterpreter } from "vega-interpreter";
import { loadScenario } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import type { Edit } from "./fragment.js";
import { pairedComparison, type PairedResult } from "./paired.js";
import { runWhatIf, type FileValues, type WhatIfProblem, type WhatIfResult } from "./whatIf.js";

/** A message to the worker. */
export type WorkerRequest =
  | { readonly type: "init"; readonly scenario: string }
  | { readonly type: "run"; readonly id: number; readonly edits: readonly Edit[] }
  | { readonly type: "compare"; readonly id: number; readonly edits: readonly Edit[]; readonly runs: number };

/** The worker's answer to a `run` (a what-if) or a `compare` (a paired comparison over several seeds). */
export type WorkerReply =
  | { readonly id: number; readonly kind: "what-if"; readonly outcome: WhatIfResult | WhatIfProblem }
  | { readonly id: number; readonly kind: "paired"; readonly outcome: PairedResult | WhatIfProblem };

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply): void;
}

/** Serves requests on a worker's global scope. */
export function serve(scope: WorkerScope): void {
  let file: Scenario | undefined;
  const fileValues: FileValues = new Map();
  let pending: Exclude<WorkerRequest, { type: "init" }> | undefined;
  let busy = false;

  async function drain(): Promise<void> {
    busy = true;
    while (pending !== undefined && file !== undefined) {
      const request = pending;
      pending = undefined;
      let reply: WorkerReply;
      try {
        reply =
          request.type === "run"
            ? {
                id: request.id,
                kind: "what-if",
                outcome: await runWhatIf(file, request.edits, {
                  interpreter: expressionInterpreter,
                  fileValues,
                }),
              }
            : {
                id: request.id,
                kind: "paired",
                outcome: pairedComparison(file, request.edits, request.runs),
              };
      } catch (error) {
        // A bug, not a bad value: say so in the page with what is needed to report it.
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        const message = `internal error (please report it with the scenario and seed ${file.seed}): ${detail}`;
        reply = {
          id: request.id,
          kind: request.type === "run" ? "what-if" : "paired",
          outcome: {
            ok: false,
            path: null,
            message,
            sentences: [message],
          },
        };
      }
      scope.postMessage(reply);
    }
    busy = false;
  }

  scope.onmessage = (event) => {
    const request = event.data;
    if (request.type === "init") file = loadScenario(JSON.parse(request.scenario) as unknown);
    else pending = request;
    if (!busy) void drain();
  };
}

serve(globalThis as unknown as WorkerScope);
