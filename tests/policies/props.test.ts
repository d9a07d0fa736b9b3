import { asNumber, expectInput, isTrue, lookup, parseJsonInput } from "../../src/policies/props.js";

describe("lookup", () => {
  it.each([
    { title: "a nested value", props: { a: { b: 1 } }, path: "a.b", expected: { state: "set", value: 1 } },
    { title: "a missing leaf", props: { a: {} }, path: "a.b", expected: { state: "missing" } },
    { title: "a null leaf", props: { a: { b: null } }, path: "a.b", expected: { state: "missing" } },
    { title: "a scalar parent", props: { a: "x" }, path: "a.b", expected: { state: "missing" } },
    { title: "an unknown parent", props: { a: "[unknown]" }, path: "a.b", expected: { state: "opaque" } },
    { title: "a secret leaf", props: { a: { b: "[secret]" } }, path: "a.b", expected: { state: "opaque" } },
    { title: "a dashed key", props: { tags: { "asc-service": "api" } }, path: "tags.asc-service", expected: { state: "set", value: "api" } },
  ])("GIVEN $title WHEN looked up THEN the state is $expected.state", ({ props, path, expected }) => {
    expect(lookup(props, path)).toEqual(expected);
  });
});

describe("expectInput", () => {
  it.each([
    { title: "a wrong value", props: { x: false }, expected: ["x is false; it must be true"] },
    { title: "a missing value", props: {}, expected: ["x is not set (default off); it must be true"] },
    { title: "a right value", props: { x: true }, expected: [] },
    { title: "an unknown value", props: { x: "[unknown]" }, expected: [] },
  ])("GIVEN $title WHEN checked THEN the messages are exact", ({ props, expected }) => {
    expect(expectInput(props, { path: "x", ok: isTrue, must: "true", missingNote: "default off" })).toEqual(expected);
  });

  it("GIVEN a missing value that defaults safely WHEN checked THEN it passes", () => {
    expect(expectInput({}, { path: "x", ok: isTrue, must: "true", whenMissing: "compliant" })).toEqual([]);
  });
});

describe("asNumber and parseJsonInput", () => {
  it.each([
    [30, 30],
    ["45", 45],
    ["", undefined],
    ["soon", undefined],
    [Number.NaN, undefined],
    [true, undefined],
  ])("GIVEN %p WHEN read as a number THEN it is %p", (value, expected) => {
    expect(asNumber(value)).toBe(expected);
  });

  it("GIVEN JSON text, a value and broken text WHEN parsed THEN each is handled", () => {
    expect(parseJsonInput('[{"a":1}]')).toEqual({ ok: true, value: [{ a: 1 }] });
    expect(parseJsonInput([1])).toEqual({ ok: true, value: [1] });
    expect(parseJsonInput("{")).toEqual({ ok: false });
  });
});
