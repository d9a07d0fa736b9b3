/**
 * Start-up cost of every command that loads the SDK: @pulumi/pulumi eagerly requires `typescript` and
 * `@npmcli/arborist` for closure serialization (function values and dynamic providers), which asc never uses.
 * They take most of the SDK's load time (measured: about 650 of 1000 ms on these 2-core machines; `asc deploy` up to
 * its first pulumi call, 1.44 s against 0.77 s wall, medians of three). This defers them until first use (see
 * lazy-module.cjs), so behaviour is unchanged if they are ever needed. Call before the first import of
 * @pulumi/pulumi: the CLI's `run()` (src/cli/main.ts) does, before any command.
 */
import { createRequire } from "node:module";

const DEFERRED = new Set(["typescript", "@npmcli/arborist"]);
let installed = false;

export function deferPulumiClosureDependencies(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const { lazyModule } = require("./lazy-module.cjs") as { lazyModule: (load: () => unknown) => unknown };
  const Module = require("node:module") as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = Module._load;
  Module._load = function (this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean) {
    if (DEFERRED.has(request) && parent?.filename?.includes(`${"@pulumi"}/pulumi/`)) {
      return lazyModule(() => load.call(this, request, parent, isMain));
    }
    return load.call(this, request, parent, isMain);
  } as typeof Module._load;
}
