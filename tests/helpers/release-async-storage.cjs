// Node's async_hooks module is shared by the whole Jest worker and keeps every enabled AsyncLocalStorage in one list,
// which it walks on every promise the worker creates (lib/async_hooks.js: AsyncLocalStorage._enable, and the init
// hook calling _propagate on each). Two kinds are created once per test file and never disabled, so a worker's later
// files paid for all the earlier ones (a CPU profile of the whole suite in one worker: _propagate alone 30.7 s):
//   - each file's copy of @pulumi/pulumi puts one on the test's global (runtime/state.js, global.asyncLocalStorage);
//   - Jest loads jest-circus's adapter into every test file, and its module creates a testExecutionContext storage
//     (jest-circus/build/jestAdapterInit.js, Jest 30.5).
// Pulumi's is disabled when its file ends. Jest's is still in use then, so it is recorded when it is first enabled
// and disabled when the worker's next file starts, when nothing of the earlier file runs any more.
"use strict";

const { AsyncLocalStorage } = require("node:async_hooks");

const FINISHED = Symbol.for("asc.tests.perFileAsyncStorages");
if (!AsyncLocalStorage[FINISHED]) {
  const perFile = new Set();
  AsyncLocalStorage[FINISHED] = perFile;
  const enable = AsyncLocalStorage.prototype._enable;
  AsyncLocalStorage.prototype._enable = function (...args) {
    if (!this.enabled) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 30;
      const stack = new Error().stack ?? "";
      Error.stackTraceLimit = limit;
      if (/jest-circus[\\/]build[\\/]jestAdapterInit\.js/.test(stack)) perFile.add(this);
    }
    return enable.apply(this, args);
  };
}
for (const storage of AsyncLocalStorage[FINISHED]) storage.disable();
AsyncLocalStorage[FINISHED].clear();

afterAll(() => {
  globalThis.asyncLocalStorage?.disable?.();
});
