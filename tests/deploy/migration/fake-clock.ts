/** A clock for runner tests: `sleep` advances time at once, so a 10-minute poll runs in microseconds. */
import type { Clock } from "../../../src/deploy/migration/clock.js";

export interface FakeClock extends Clock {
  /** Every duration passed to `sleep`, in order. */
  readonly sleeps: number[];
}

export function fakeClock(start = Date.parse("2026-11-21T12:00:00.000Z")): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) return;
      sleeps.push(ms);
      now += ms;
    },
  };
}
