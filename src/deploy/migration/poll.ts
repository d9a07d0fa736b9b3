/**
 * The bounded wait both cloud runners use: check, sleep the interval, stop at the deadline or on abort.
 * SDK waiters are avoided on purpose: the ECS waiter's default maxDelay is 600 s and it cannot be cancelled
 * mid-sleep, and the Azure poller only covers starting the execution, not running it.
 *
 * Losing sight of a run (status calls failing: throttling, expired credentials, a network blip) never ends the wait:
 * after `maxConsecutiveErrors` failures in a row the interval backs off (doubling, up to `maxBackoffMs`) and
 * checking goes on until the deadline. If sight is still lost then, the outcome is `unknown`: the run may have
 * finished, failed or still be running, and the caller must say how to check it rather than guess.
 */
import type { Clock } from "./clock.js";
import { describeError } from "./result.js";

export type PollCheck<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly state?: string };

export type PollOutcome<T> =
  | { readonly kind: "done"; readonly value: T }
  | { readonly kind: "timeout"; readonly lastState?: string }
  | { readonly kind: "cancelled"; readonly lastState?: string }
  /** The deadline passed while the status calls kept failing: the run's state is not known. */
  | { readonly kind: "unknown"; readonly message: string; readonly failedChecks: number; readonly lastState?: string };

export const DEFAULT_MAX_BACKOFF_MS = 60_000;

export interface PollOptions {
  readonly clock: Clock;
  /** Epoch milliseconds after which no further check is made. */
  readonly deadline: number;
  readonly intervalMs: number;
  readonly signal: AbortSignal;
  /**
   * This many failed checks in a row mean sight of the run is lost: the interval then backs off.
   * @default 3
   */
  readonly maxConsecutiveErrors?: number;
  /**
   * The longest wait between checks while sight is lost.
   * @default 60000
   */
  readonly maxBackoffMs?: number;
}

/** Calls `check` every `intervalMs` until it reports done, the deadline passes or the signal aborts. */
export async function pollUntilDone<T>(options: PollOptions, check: () => Promise<PollCheck<T>>): Promise<PollOutcome<T>> {
  const maxErrors = options.maxConsecutiveErrors ?? 3;
  const maxBackoff = Math.max(options.intervalMs, options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
  let lastState: string | undefined;
  let errors = 0;
  let lastError = "";
  for (;;) {
    if (options.signal.aborted) return withState({ kind: "cancelled" }, lastState);
    try {
      const result = await check();
      errors = 0;
      if (result.done) return { kind: "done", value: result.value };
      lastState = result.state ?? lastState;
    } catch (error) {
      errors += 1;
      lastError = describeError(error);
    }
    if (options.signal.aborted) return withState({ kind: "cancelled" }, lastState);
    const remaining = options.deadline - options.clock.now();
    if (remaining <= 0) {
      return errors >= maxErrors ? withState({ kind: "unknown", message: lastError, failedChecks: errors }, lastState) : withState({ kind: "timeout" }, lastState);
    }
    const interval = errors >= maxErrors ? Math.min(maxBackoff, options.intervalMs * 2 ** (errors - maxErrors + 1)) : options.intervalMs;
    await options.clock.sleep(Math.min(interval, remaining), options.signal);
  }
}

function withState<T extends PollOutcome<unknown>>(outcome: T, lastState: string | undefined): T {
  return lastState === undefined ? outcome : { ...outcome, lastState };
}
