/**
 * Start-up cost of the offline preview: @pulumi/pulumi's runtime eagerly requires `typescript` and
 * `@npmcli/arborist` for closure serialization (function values and dynamic providers), which asc never uses.
 * They take most of the SDK's load time (measured: about 650 of 1000 ms on these 2-core machines). This defers
 * them until first use: a proxy stands in and loads the real module on first property access, so behaviour is
 * unchanged if they are ever needed. Call before the first import of @pulumi/pulumi.
 */
import { createRequire } from "node:module";

const DEFERRED = new Set(["typescript", "@npmcli/arborist"]);
let installed = false;

function lazyModule(load: () => unknown): unknown {
  let real: Record<PropertyKey, unknown> | undefined;
  const target = () => (real ??= load() as Record<PropertyKey, unknown>);
  return new Proxy(
    {},
    {
      // `__importStar` checks `__esModule` first; answering true keeps it from enumerating (and loading) the module.
      get: (_t, key) => (key === "__esModule" && real === undefined ? true : target()[key]),
      has: (_t, key) => key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        return d ? { ...d, configurable: true } : undefined;
      },
    },
  );
}

export function deferPulumiClosureDependencies(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const Module = require("node:module") as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = Module._load;
  Module._load = function (this: unknown, request: string, parent: { filename?: string } | undefined, isMain: boolean) {
    if (DEFERRED.has(request) && parent?.filename?.includes(`${"@pulumi"}/pulumi/`)) {
      return lazyModule(() => load.call(this, request, parent, isMain));
    }
    return load.call(this, request, parent, isMain);
  } as typeof Module._load;
}
