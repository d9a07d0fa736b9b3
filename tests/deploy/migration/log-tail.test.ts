import { LineTail, logTail, LOG_TAIL_LINES } from "../../../src/deploy/migration/log-tail.js";

describe("LineTail", () => {
  it("GIVEN chunks that cut lines THEN the lines are joined before they are kept, and CRLF is one line break", () => {
    const tail = new LineTail();
    for (const chunk of ["INFO one\r", "\nINFO t", "wo\nINFO thr", "ee"]) tail.write(chunk);
    expect(tail.redacted()).toEqual(["INFO one", "INFO two", "INFO three"]);
  });

  it("GIVEN more lines than the limit THEN only the last ones are kept", () => {
    const tail = new LineTail(3);
    tail.push("1\n2\n3\n4\n5\n");
    expect(tail.redacted()).toEqual(["3", "4", "5"]);
  });

  it("GIVEN 1000 lines THEN the tail is the last 200", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join("\n");
    const tail = logTail(text);
    expect(LOG_TAIL_LINES).toBe(200);
    expect([tail.length, tail[0], tail[199]]).toEqual([200, "line 801", "line 1000"]);
  });

  it("GIVEN a secret THEN it is redacted, and no output means an empty tail", () => {
    expect(logTail("password is pw-123456\n", ["pw-123456"])).toEqual(["password is [redacted]"]);
    expect(logTail("")).toEqual([]);
  });
});
