// @pulumi/pulumi's runtime/debuggable.js as its runtime modules require it ("./debuggable", mapped here by
// jest.config.js), with one change: debuggablePromise captures no stack. It records `new Error().stack` on every
// promise it wraps, for the leak report PULUMI_DEBUG_PROMISE_LEAKS prints at exit, which never runs in a test; the
// capture was most of its cost (100,000 wraps at a 30-frame depth: 1.7 s with Node's 10 frames, 0.3 s with none)
// and debuggablePromise was the largest single Pulumi function in a CPU profile of the suite (3.7 s of 145 s).
// Everything else, the leak bookkeeping included, is the real module's.
"use strict";

const path = require("node:path");

const real = require(path.join(__dirname, "../../node_modules/@pulumi/pulumi/runtime/debuggable.js"));

module.exports = {
  ...real,
  debuggablePromise(p, ctx) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return real.debuggablePromise(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  },
};
