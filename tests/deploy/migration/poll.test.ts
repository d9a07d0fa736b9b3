import { pollUntilDone, type PollCheck } from "../../../src/deploy/migration/poll.js";
import { fakeClock } from "./fake-clock.js";

const checks = <T>(...results: (PollCheck<T> | Error)[]) => {
  let i = 0;
  return async () => {
    const next = results[Math.min(i++, results.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  };
};

describe("pollUntilDone", () => {
  it("GIVEN a check that finishes on the third call THEN it waits two intervals and returns the value", async () => {
    const clock = fakeClock(0);
    const outcome = await pollUntilDone({ clock, deadline: 60_000, intervalMs: 5000, signal: new AbortController().signal }, checks({ done: false, state: "A" }, { done: false }, { done: true, value: 42 }));
    expect(outcome).toEqual({ kind: "done", value: 42 });
    expect(clock.sleeps).toEqual([5000, 5000]);
  });

  it("GIVEN a deadline that is not a multiple of the interval THEN the last sleep is shortened to end at the deadline, then one last check is made", async () => {
    const clock = fakeClock(0);
    let calls = 0;
    const outcome = await pollUntilDone({ clock, deadline: 12_000, intervalMs: 5000, signal: new AbortController().signal }, async () => (calls++, { done: false, state: "RUNNING" }));
    expect(outcome).toEqual({ kind: "timeout", lastState: "RUNNING" });
    expect(clock.sleeps).toEqual([5000, 5000, 2000]);
    expect(calls).toBe(4);
  });

  it("GIVEN failures that recover before the limit THEN polling goes on", async () => {
    const outcome = await pollUntilDone(
      { clock: fakeClock(0), deadline: 60_000, intervalMs: 1000, signal: new AbortController().signal },
      checks<string>(new Error("a"), new Error("b"), { done: true, value: "ok" }),
    );
    expect(outcome).toEqual({ kind: "done", value: "ok" });
  });

  it("GIVEN status calls that keep failing THEN polling never gives up early: it backs off (doubling, capped) until the deadline, then reports unknown", async () => {
    const clock = fakeClock(0);
    const outcome = await pollUntilDone(
      { clock, deadline: 300_000, intervalMs: 5000, signal: new AbortController().signal, maxBackoffMs: 60_000 },
      checks<string>({ done: false, state: "RUNNING" }, Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredTokenException" })),
    );
    expect(outcome).toEqual({ kind: "unknown", message: "ExpiredTokenException: The security token included in the request is expired", failedChecks: 10, lastState: "RUNNING" });
    expect(clock.sleeps).toEqual([5000, 5000, 5000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000, 35_000]);
  });

  it("GIVEN sight lost and regained before the deadline THEN the run's real end is reported", async () => {
    const fail = new Error("ThrottlingException");
    const clock = fakeClock(0);
    const outcome = await pollUntilDone({ clock, deadline: 600_000, intervalMs: 1000, signal: new AbortController().signal }, checks<string>(fail, fail, fail, fail, { done: true, value: "Succeeded" }));
    expect(outcome).toEqual({ kind: "done", value: "Succeeded" });
    expect(clock.sleeps).toEqual([1000, 1000, 2000, 4000]);
  });

  it("GIVEN failures at the deadline that were fewer than the limit THEN it is an ordinary timeout", async () => {
    const outcome = await pollUntilDone({ clock: fakeClock(0), deadline: 2000, intervalMs: 1000, signal: new AbortController().signal }, checks<string>({ done: false, state: "RUNNING" }, { done: false }, new Error("blip")));
    expect(outcome).toEqual({ kind: "timeout", lastState: "RUNNING" });
  });

  it("GIVEN an already aborted signal THEN nothing is checked", async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const outcome = await pollUntilDone({ clock: fakeClock(0), deadline: 60_000, intervalMs: 1000, signal: controller.signal }, async () => (calls++, { done: false }));
    expect(outcome).toEqual({ kind: "cancelled" });
    expect(calls).toBe(0);
  });
});
