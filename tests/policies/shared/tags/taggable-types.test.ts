import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TAGGABLE_AWS_TYPES, TAGGABLE_AZURE_TYPES } from "../../../../src/policies/shared/tags/taggable-types.js";

const nodeModules = fileURLToPath(new URL("../../../../node_modules/@pulumi/", import.meta.url));

/** The provider's module file for a type token: aws:ecs/service:Service → aws/ecs/service; azure-native:app:Job → azure-native/app/job. */
function sourceOf(type: string): { file: string; className: string } {
  const [pkg, module, className] = type.split(":");
  const path = pkg === "aws" ? module : `${module}/${className[0].toLowerCase()}${className.slice(1)}`;
  return { file: `${nodeModules}${pkg}/${path}`, className };
}

describe("taggable types", () => {
  it.each([...TAGGABLE_AWS_TYPES, ...TAGGABLE_AZURE_TYPES])("GIVEN %s WHEN its provider files are read THEN the token matches and its Args have a tags input", (type) => {
    const { file, className } = sourceOf(type);
    const js = readFileSync(`${file}.js`, "utf8");
    expect(js).toContain(`__pulumiType = '${type}'`);
    const dts = readFileSync(`${file}.d.ts`, "utf8");
    const start = dts.indexOf(`export interface ${className}Args {`);
    const args = dts.slice(start, dts.indexOf("\n}", start));
    expect(start).toBeGreaterThan(-1);
    expect(args).toMatch(/\n {4}tags\?: /);
  });
});
