/**
 * The stand-in that defers @pulumi/pulumi's closure-serialization dependencies (src/preview/lazy-module.cjs): nothing
 * loads until the module is really used, and then the stand-in behaves as the module itself, loaded once.
 */
import { createRequire } from "node:module";

const { lazyModule } = createRequire(import.meta.url)("../../src/preview/lazy-module.cjs") as { lazyModule: <T extends object>(load: () => T) => T };

function counted() {
  const calls = { n: 0 };
  const real = { version: "5.9.3", createSourceFile: (name: string) => `parsed ${name}` };
  return { calls, mod: lazyModule(() => (calls.n++, real)) };
}

describe("lazyModule", () => {
  it("GIVEN the __importStar check TypeScript's CommonJS output makes THEN the module is not loaded", () => {
    const { calls, mod } = counted();
    expect((mod as unknown as { __esModule: boolean }).__esModule).toBe(true);
    expect(calls.n).toBe(0);
  });

  it("GIVEN a property used THEN the real module loads once and answers for every later use", () => {
    const { calls, mod } = counted();
    expect(mod.createSourceFile("a.ts")).toBe("parsed a.ts");
    expect(mod.version).toBe("5.9.3");
    expect(Object.keys(mod).sort()).toEqual(["createSourceFile", "version"]);
    expect("version" in mod).toBe(true);
    expect(calls.n).toBe(1);
  });
});
