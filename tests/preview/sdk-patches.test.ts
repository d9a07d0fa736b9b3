/**
 * The test transform's SDK patch (tests/helpers/sdk-patches.cjs): a resource's `__aliases` are collapsed to URNs on
 * first read instead of in its constructor. These tests check that the patch is applied to the SDK the suite loads,
 * that what it yields equals what the SDK computes for the same aliases, that allAliases (the only reader) still
 * derives a child's inherited aliases from it, and that a patch that no longer matches fails loudly.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { promiseOf, usePulumiMocks } from "../helpers/pulumi.js";

const require = createRequire(import.meta.url);
const { applySdkPatches } = require("../helpers/sdk-patches.cjs") as { applySdkPatches: (source: string, filename: string) => string };
// The SDK's internal helpers, from the same module the resources below use.
const internals = require("@pulumi/pulumi/resource") as {
  allAliases(childAliases: pulumi.Input<pulumi.Alias | string>[], childName: string, childType: string, parent: pulumi.Resource, parentName: string): pulumi.Output<string>[];
  createUrn(name: string, type: string, parent?: pulumi.Resource, project?: string, stack?: string): pulumi.Output<string>;
};

usePulumiMocks({ project: "asc", stack: "test" });

class Thing extends pulumi.CustomResource {
  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, {}, opts);
  }
}

const ALIASES = [{ type: "test:old/v1:Thing" }, { type: "test:old/v2:Thing" }, { name: "before-rename" }];

describe("the lazy aliases patch", () => {
  it("GIVEN a custom resource with aliases THEN its __aliases are computed only when read, and equal the URNs of those aliases", async () => {
    const thing = new Thing("thing", { aliases: ALIASES });
    const before = Object.getOwnPropertyDescriptor(thing, "__aliases");
    expect(typeof before?.get).toBe("function"); // the SDK unpatched holds an array here
    const collapsed = (thing as unknown as { __aliases: pulumi.Output<string>[] }).__aliases;
    expect(Object.getOwnPropertyDescriptor(thing, "__aliases")?.value).toBe(collapsed); // computed once
    expect(await Promise.all(collapsed.map(promiseOf))).toEqual([
      "urn:pulumi:test::asc::test:old/v1:Thing::thing",
      "urn:pulumi:test::asc::test:old/v2:Thing::thing",
      "urn:pulumi:test::asc::test:index:Thing::before-rename",
    ]);
    expect(await promiseOf(internals.createUrn("thing", "test:old/v1:Thing"))).toBe("urn:pulumi:test::asc::test:old/v1:Thing::thing");
    await promiseOf(thing.urn);
  });

  it("GIVEN a resource without aliases THEN __aliases reads as an empty list and can be assigned", async () => {
    const plain = new Thing("plain");
    const holder = plain as unknown as { __aliases: unknown[] };
    expect(holder.__aliases).toEqual([]);
    holder.__aliases = ["urn:set"];
    expect(holder.__aliases).toEqual(["urn:set"]);
    await promiseOf(plain.urn);
  });

  it("GIVEN an aliased parent THEN allAliases gives its child one inherited alias per parent alias", async () => {
    const parent = new pulumi.ComponentResource("test:index:Parent", "parent", {}, { aliases: [{ type: "test:old:Parent" }] });
    const inherited = internals.allAliases([], "parent-child", "test:index:Child", parent, "parent");
    expect(await Promise.all(inherited.map(promiseOf))).toEqual(["urn:pulumi:test::asc::test:old:Parent$test:index:Child::parent-child"]);
  });
});

describe("applySdkPatches", () => {
  it("GIVEN the SDK file without the patched text THEN it throws and names the file", () => {
    expect(() => applySdkPatches("module.exports = {};", "/x/node_modules/@pulumi/pulumi/resource.js")).toThrow(/not in \/x\/node_modules\/@pulumi\/pulumi\/resource\.js.*SDK upgraded/);
  });

  it("GIVEN any other file THEN it returns the source unchanged", () => {
    const source = "this.__aliases = [];";
    expect(applySdkPatches(source, "/x/node_modules/@pulumi/pulumi/output.js")).toBe(source);
  });
});
