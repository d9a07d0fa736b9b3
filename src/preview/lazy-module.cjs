// A stand-in for a CommonJS module that loads the real one on first property access. @pulumi/pulumi requires
// `typescript` and `@npmcli/arborist` eagerly for closure serialization, which asc never uses; the CLI
// (src/preview/lazy-requires.ts, installed by run() in src/cli/main.ts) and Jest (jest.config.js) both use this to defer them.
// Plain CommonJS so that Jest's moduleNameMapper can load it too.
"use strict";

function lazyModule(load) {
  let real;
  const target = () => (real ??= load());
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

module.exports = { lazyModule };
