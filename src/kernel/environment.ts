// The kernel: a clock and an event queue. Processes schedule callbacks; `run(until)` executes them in
// (time, priority, seq) order and stops before `until` (events at or after it do not happen).
import { EventQueue } from "./eventQueue.js";

/** A scheduled action: receives the environment, may schedule more. */
export type Action = (env: Environment) => void;

/** What a process waits for: the instant (seconds) and the priority it resumes at. */
export interface Wake {
  readonly time: number;
  readonly priority: number;
}

/**
 * Something a process waits for whose instant nobody knows yet (an answer, SimPy's event): the process
 * resumes inside the action that fires it, with the value fired.
 */
export class Signal {
  private resume: ((value: unknown) => void) | null = null;
  private fired = false;
  private value: unknown = undefined;

  /** Resumes the waiting process now with `value` (once; later calls do nothing). */
  fire(value: unknown): void {
    if (this.fired) return;
    this.fired = true;
    this.value = value;
    const resume = this.resume;
    this.resume = null;
    resume?.(value);
  }

  /** The kernel's side: what to call when fired (at once if it already was). */
  wait(resume: (value: unknown) => void): void {
    if (this.fired) resume(this.value);
    else this.resume = resume;
  }
}

/** A process, SimPy style: a generator that yields each instant (or signal) it waits for and resumes there. */
export type Process = Generator<Wake | Signal, void, unknown>;

/** The simulation environment: clock, queue, processed-event counter. */
export class Environment {
  private readonly queue = new EventQueue<Action>();
  private clock = 0;
  private processed = 0;

  /** Current simulation time, in seconds. */
  get now(): number {
    return this.clock;
  }

  /** Events processed so far. */
  get events(): number {
    return this.processed;
  }

  /**
   * Schedules `action` at absolute time `time` with a priority from `Priority`.
   * @throws RangeError when `time` is before now or not finite
   */
  schedule(time: number, priority: number, action: Action): void {
    if (!(time >= this.clock) || !Number.isFinite(time)) {
      throw new RangeError(`cannot schedule at ${time}s: now is ${this.clock}s`);
    }
    this.queue.push(time, priority, action);
  }

  /**
   * Starts a process now: it runs until its first `yield`, then resumes at each instant it yields. A
   * process waiting for an instant at or after the end of `run` simply never resumes.
   */
  process(body: Process): void {
    const resume = (value?: unknown): void => {
      const next = body.next(value);
      if (next.done === true) return;
      const wait = next.value;
      if (wait instanceof Signal) wait.wait(resume);
      else
        this.schedule(wait.time, wait.priority, () => {
          resume();
        });
    };
    resume();
  }

  /** Processes one event; returns false when none is left. */
  step(): boolean {
    const event = this.queue.pop();
    if (event === undefined) return false;
    this.clock = event.time;
    this.processed++;
    event.payload(this);
    return true;
  }

  /** Processes every event before `until` (seconds); later events stay queued. */
  run(until: number): void {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.time >= until) break;
      this.step();
    }
    this.clock = Math.max(this.clock, until);
  }
}
