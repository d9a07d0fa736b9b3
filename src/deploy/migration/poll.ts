/**
 * The bounded wait both cloud runners use: check, sleep the interval, stop at the deadline or on abort.
 * SDK waiters are avoided on purpose: the ECS waiter's default maxDelay is 600 s and it cannot be cancelled
 * mid-sleep, and the Azure poller only covers starting the execution, not running it.
 */
import type { Clock } from "./clock.js";
import { describeError } from "./result.js";

export type PollCheck<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly state?: string };

export type PollOutcome<T> =
  | { readonly kind: "done"; readonly value: T }
  | { readonly kind: "timeout"; readonly lastState?: string }
  | { readonly kind: "cancelled"; readonly lastState?: string }
  | { readonly kind: "error"; readonly message: string; readonly lastState?: string };

export interface PollOptions {
  readonly clock: Clock;
  /** Epoch milliseconds after which no further check is made. */
  readonly deadline: number;
  readonly intervalMs: number;
  readonly signal: AbortSignal;
  /**
   * A failing check is retried at the next interval; this many failures in a row end the wait.
   * @default 3
   */
  readonly maxConsecutiveErrors?: number;
}

/** Calls `check` every `intervalMs` until it reports done, the deadline passes, the signal aborts, or it keeps failing. */
export async function pollUntilDone<T>(options: PollOptions, check: () => Promise<PollCheck<T>>): Promise<PollOutcome<T>> {
  const maxErrors = options.maxConsecutiveErrors ?? 3;
  let lastState: string | undefined;
  let errors = 0;
  for (;;) {
    if (options.signal.aborted) return withState({ kind: "cancelled" }, lastState);
    try {
      const result = await check();
      errors = 0;
      if (result.done) return { kind: "done", value: result.value };
      lastState = result.state ?? lastState;
    } catch (error) {
      errors += 1;
      if (errors >= maxErrors) return withState({ kind: "error", message: describeError(error) }, lastState);
    }
    if (options.signal.aborted) return withState({ kind: "cancelled" }, lastState);
    const remaining = options.deadline - options.clock.now();
    if (remaining <= 0) return withState({ kind: "timeout" }, lastState);
    await options.clock.sleep(Math.min(options.intervalMs, remaining), options.signal);
  }
}

function withState<T extends PollOutcome<unknown>>(outcome: T, lastState: string | undefined): T {
  return lastState === undefined ? outcome : { ...outcome, lastState };
}
