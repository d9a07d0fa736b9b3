/**
 * The generated files under docs/ and schemas/ that come from below the CLI (config, contract, policies, parity),
 * by path relative to the project root. docs/cli.md comes from the CLI itself: `src/cli/generated-docs.ts` adds it,
 * so this layer never imports the CLI.
 */
import { profileJsonSchema } from "../config/json-schema.js";
import { renderConfigDoc } from "./config-doc.js";
import { renderEnvContractDoc } from "./env-contract-doc.js";
import { renderPolicyDocs } from "../policies/docs.js";
import { renderParityDoc } from "./parity-doc.js";

export function generatedFiles(): Record<string, string> {
  return {
    "docs/config.md": renderConfigDoc(),
    "docs/env-contract.md": renderEnvContractDoc(),
    "docs/policies.md": renderPolicyDocs(),
    "docs/parity.md": renderParityDoc(),
    "schemas/asc-profile.schema.json": `${JSON.stringify(profileJsonSchema(), null, 2)}\n`,
  };
}
