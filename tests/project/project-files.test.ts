/** Pulumi.yaml against Pulumi's own project schema, and every shipped profile against asc's generated schema. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { profileJsonSchema } from "../../src/config/json-schema.js";
import { REPO_ROOT } from "../helpers/cli.js";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js").default;

describe("Pulumi.yaml", () => {
  it("GIVEN Pulumi's project-file schema THEN the project file is valid and runs the compiled program from stacks/", () => {
    const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, "schemas/vendor/pulumi-project.schema.json"), "utf8"));
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const project = parse(readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(project)).toBe(true);
    expect(project).toMatchObject({ name: "asc", main: "dist/program.js", stackConfigDir: "stacks", runtime: { name: "nodejs", options: { typescript: false } } });
  });
});

describe("the profile JSON Schema", () => {
  const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(profileJsonSchema());
  const profiles = readdirSync(path.join(REPO_ROOT, "stacks")).filter((f) => f.endsWith(".yaml"));

  it.each(profiles)("GIVEN the shipped %s THEN it validates", (file) => {
    const ok = validate(parse(readFileSync(path.join(REPO_ROOT, "stacks", file), "utf8")));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("GIVEN a misspelled key or a plaintext secret THEN the editor schema flags it", () => {
    expect(validate({ config: { "asc:cloud": "aws", "asc:tier": "dev", "asc:region": "eu-west-1", "asc:images": {}, "asc:databse": {} } })).toBe(false);
    expect(validate({ config: { "asc:cloud": "aws", "asc:tier": "dev", "asc:region": "eu-west-1", "asc:images": {}, "asc:openaiApiKey": "sk-plain" } })).toBe(false);
    expect(validate({ config: { "asc:cloud": "aws", "asc:tier": "dev", "asc:region": "eu-west-1", "asc:images": {}, "asc:openaiApiKey": { secure: "v1:abc" }, "aws:region": "eu-west-1" } })).toBe(true);
  });
});
