/**
 * The editor JSON Schema for profile files, generated from the zod schema. Every asc key is optional in a file
 * (the tier defaults fill the rest); secret keys accept Pulumi's encrypted `{secure: …}` form only. Pure.
 */
import { z } from "zod";
import { BlueprintConfigSchema, SECRET_CONFIG_KEYS } from "./schema.js";

type JsonSchema = Record<string, unknown>;

function stripRequired(node: unknown): void {
  if (Array.isArray(node)) node.forEach(stripRequired);
  else if (node && typeof node === "object") {
    delete (node as JsonSchema).required;
    Object.values(node).forEach(stripRequired);
  }
}

export function profileJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(BlueprintConfigSchema, { target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  const properties = (generated.properties ?? {}) as Record<string, JsonSchema>;
  stripRequired(properties);
  const config: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(properties)) {
    config[`asc:${key}`] = (SECRET_CONFIG_KEYS as readonly string[]).includes(key)
      ? { description: `${String(schema.description ?? "")} Set with pulumi config set --secret.`, type: "object", properties: { secure: { type: "string" } }, required: ["secure"], additionalProperties: false }
      : schema;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://asc.dev/schemas/asc-profile.schema.json",
    title: "asc profile (stacks/Pulumi.<profile>.yaml)",
    type: "object",
    properties: {
      config: {
        type: "object",
        properties: config,
        required: ["asc:cloud", "asc:tier", "asc:region", "asc:images"],
        patternProperties: { "^(?!asc:)[A-Za-z0-9-]+:": {} },
        additionalProperties: false,
      },
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
      environment: {},
    },
    required: ["config"],
    additionalProperties: false,
  };
}
