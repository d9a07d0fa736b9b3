import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AWS } from "../../src/policies/aws/resource-types.js";
import { AZURE } from "../../src/policies/azure/resource-types.js";
import { AWS_RULES, AZURE_RULES, indexRules, POLICY_RULES, SHARED_RULES } from "../../src/policies/index.js";

const root = new URL("../../", import.meta.url);

/** src/policies/<cloud>/<service>/<rule>.ts for asc-<cloud>-<service>-<rule>; shared/<service>/<rule>.ts for asc-<service>-<rule>. */
function fileOf(name: string, cloud: string): string {
  const parts = name.replace(/^asc-/, "").split("-");
  return cloud === "any" ? `src/policies/shared/${parts[0]}/${parts.slice(1).join("-")}.ts` : `src/policies/${parts[0]}/${parts[1]}/${parts.slice(2).join("-")}.ts`;
}

describe("the rule registry", () => {
  it("GIVEN all rules WHEN counted THEN there are at least 45, with both clouds covered", () => {
    expect(POLICY_RULES.length).toBeGreaterThanOrEqual(45);
    expect(AWS_RULES.length).toBe(40);
    expect(AZURE_RULES.length).toBe(27);
    expect(SHARED_RULES.length).toBe(2);
  });

  it("GIVEN all rules WHEN their names are read THEN they are unique kebab-case asc names", () => {
    const names = POLICY_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^asc-[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it.each(POLICY_RULES.map((r) => [r.name, r] as const))("GIVEN %s WHEN its file is loaded THEN the file sits at the path its name spells and exports it", async (name, rule) => {
    const module = (await import(fileURLToPath(new URL(fileOf(name, rule.cloud), root)))) as Record<string, unknown>;
    expect(Object.values(module)).toContain(rule);
  });

  it.each(POLICY_RULES.map((r) => [r.name, r] as const))("GIVEN %s WHEN its metadata is read THEN it is complete and consistent", (_name, rule) => {
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.remediation.length).toBeGreaterThan(20);
    expect(["low", "medium", "high", "critical"]).toContain(rule.severity);
    expect(rule.mandatoryTiers).toContain("production");
    if (rule.devOverride) expect(rule.mandatoryTiers).not.toContain("dev");
    const prefix = { aws: "aws:", azure: "azure-native:", any: "" }[rule.cloud];
    if (rule.resourceTypes !== "*") {
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      for (const type of rule.resourceTypes) expect(type.startsWith(prefix)).toBe(true);
    }
  });

  it.each([...Object.values(AWS), ...Object.values(AZURE)].flat())("GIVEN the rule type token %s WHEN the provider is read THEN the token exists", (type) => {
    const [pkg, module, className] = type.split(":");
    const path = pkg === "aws" ? module : `${module}/${className[0].toLowerCase()}${className.slice(1)}`;
    expect(readFileSync(new URL(`node_modules/@pulumi/${pkg}/${path}.js`, root), "utf8")).toContain(`__pulumiType = '${type}'`);
  });

  it("GIVEN the index WHEN rules for a type are asked THEN typed rules come with the every-type rules, in rule order", () => {
    const names = indexRules(POLICY_RULES).rulesFor("aws:kms/key:Key").map((r) => r.name);
    expect(names).toEqual(["asc-aws-kms-key-rotation", "asc-tags-required", "asc-secrets-no-plaintext"]);
    expect(indexRules(POLICY_RULES).rulesFor("asc:aws:Network").map((r) => r.name)).toEqual(["asc-secrets-no-plaintext"]);
  });
});
