// Each test file loads its own copy of @pulumi/pulumi, and each copy creates an AsyncLocalStorage on the test's
// global (runtime/state.js: `global.asyncLocalStorage = new AsyncLocalStorage()`) that its first run enables. Node's
// async_hooks module is shared by the whole Jest worker and keeps every enabled storage in one list, which it walks
// on every promise the worker creates (lib/async_hooks.js, AsyncLocalStorage._enable and the init hook's
// _propagate). Never disabled, the list grew by one per test file, so a worker's later files paid for all the earlier
// ones: in a CPU profile of the whole suite in one worker, node:async_hooks was 62 s of 333 s busy. Disabling the
// file's storage when it ends keeps the list to the files still running.
"use strict";

afterAll(() => {
  globalThis.asyncLocalStorage?.disable?.();
});
