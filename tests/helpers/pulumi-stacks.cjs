// @pulumi/pulumi records a stack trace for bookkeeping it never shows under mocks: `new Error().stack` for every
// promise it wraps (runtime/debuggable.js, kept for its leak report) and an unbounded trace for every resource it
// registers (resource.js, for the source position sent to the engine, which the mocks ignore). Jest renders every
// `.stack` through its source-map formatter, which clones each frame: under mocks that was most of a blueprint
// test's time (network.test.ts: cloneCallSite alone 6.8 s of 19 s in a CPU profile).
//
// Node formats an error's stack with `Error.prepareStackTrace` of the realm that created it, and falls back to the
// main realm's, which is where Jest installs its formatter (node:internal/errors maybeOverridePrepareStackTrace;
// @jest/source-map SourceMapSupport.install). This file runs in the test's realm: the traces those two Pulumi files
// capture get no frames at all (the resource then registers without a source position, which only the engine would
// read), and every other stack goes to Jest's formatter, so assertion failures and thrown errors keep their
// source-mapped frames.
"use strict";

const BOOKKEEPING = [/[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/, /[\\/]@pulumi[\\/]pulumi[\\/]resource\.js$/];

// An error node creates internally is constructed in the main realm: its constructor is the main realm's Error.
let MainError;
try {
  require("node:fs").statSync("/nonexistent-asc-realm-probe");
} catch (error) {
  MainError = error.constructor;
}

const plain = (error, trace) => `${error}${trace.map((frame) => `\n    at ${frame}`).join("")}`;

if (MainError && MainError !== Error) {
  Error.prepareStackTrace = (error, trace) => {
    const file = trace[0]?.getFileName?.();
    if (file && BOOKKEEPING.some((pattern) => pattern.test(file))) return String(error);
    const jest = MainError.prepareStackTrace;
    return typeof jest === "function" ? jest(error, trace) : plain(error, trace);
  };
}

// Jest raises the test realm's Error.stackTraceLimit to 100 (jest-environment-node), and every Error a test or the
// code under it creates then captures up to 100 frames (debuggablePromise's capture is gone altogether:
// pulumi-debuggable.cjs). 10 is Node's default, what a program run by the real engine captures, and enough for a
// failing assertion's trace.
Error.stackTraceLimit = 10;
