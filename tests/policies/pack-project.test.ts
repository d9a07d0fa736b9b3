import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("policy-pack/ project files", () => {
  it("GIVEN PulumiPolicy.yaml WHEN read THEN it runs nodejs from the compiled entry of src/policies/pack-entry.ts", () => {
    const project = parse(read("policy-pack/PulumiPolicy.yaml")) as { runtime: string; main: string };
    expect(project.runtime).toBe("nodejs");
    expect(project.main).toBe("../dist/policies/pack-entry.js");
    expect(existsSync(new URL("src/policies/pack-entry.ts", root))).toBe(true);
  });

  it("GIVEN the pack's package.json WHEN read THEN it has the version the PolicyPack constructor requires and the same main", () => {
    const pkg = JSON.parse(read("policy-pack/package.json")) as { version: string; main: string };
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.main).toBe("../dist/policies/pack-entry.js");
  });
});
