/** Every generated file under docs/ and schemas/, by path relative to the project root. */
import { profileJsonSchema } from "../config/json-schema.js";
import { renderCliDoc } from "./cli-doc.js";
import { renderConfigDoc } from "./config-doc.js";
import { renderEnvContractDoc } from "./env-contract-doc.js";
import { renderPolicyDocs } from "../policies/docs.js";
import { renderParityDoc } from "./parity-doc.js";

export async function generatedFiles(): Promise<Record<string, string>> {
  return {
    "docs/config.md": renderConfigDoc(),
    "docs/env-contract.md": renderEnvContractDoc(),
    "docs/cli.md": await renderCliDoc(),
    "docs/policies.md": renderPolicyDocs(),
    "docs/parity.md": renderParityDoc(),
    "schemas/asc-profile.schema.json": `${JSON.stringify(profileJsonSchema(), null, 2)}\n`,
  };
}
