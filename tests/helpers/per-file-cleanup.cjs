// Runs what a test file's helpers left in globalThis.__ascAfterFile when the file ends (the fake engine server of
// tests/helpers/fake-pulumi/world.ts): helpers that start something lazily, inside a test, cannot add an afterAll there.
"use strict";

afterAll(async () => {
  const pending = globalThis.__ascAfterFile ?? [];
  globalThis.__ascAfterFile = [];
  for (const close of pending) await close();
});
