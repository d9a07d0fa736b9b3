/** The env contract of every service of a deployed (or offline-previewed) stack, from its typed outputs. Pure. */
import type { BlueprintConfig } from "../config/schema.js";
import type { StackOutputs } from "./stack-outputs.js";
import { deriveEnvContract } from "./derive.js";
import { contractConsumers } from "./topology.js";
import type { ContractService, EnvEntry } from "./types.js";

export const concatStrings = (...parts: string[]): string => parts.join("");

export function contractFromStackOutputs(config: BlueprintConfig, outputs: Pick<StackOutputs, "contract">): Partial<Record<ContractService, EnvEntry<string>[]>> {
  const bindings = { config, outputs: outputs.contract.outputs, secrets: outputs.contract.secrets, concat: concatStrings };
  return Object.fromEntries(contractConsumers(config).map((service) => [service, deriveEnvContract(service, bindings)]));
}

/** A secret reference as one string: an ARN or a Key Vault secret URI. */
export function secretRefString(entry: Extract<EnvEntry<string>, { source: "secret" }>): string {
  return entry.ref.store === "aws-secrets-manager" ? entry.ref.arn : entry.ref.secretUri;
}
