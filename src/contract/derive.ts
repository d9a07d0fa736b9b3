/**
 * deriveEnvContract: the env a service receives for a config and its bindings. Pure. Components map the result to
 * task-definition `environment`/`secrets` or Container Apps `env`/`secretRef`; the CLI prints and checks it.
 */
import { catalogFor } from "./catalog.js";
import type { ContractBindings, ContractService, EnvEntry, SecretVariable } from "./types.js";

export class ContractBindingError extends Error {
  constructor(service: ContractService, variable: string, what: string) {
    super(`env contract for ${service}: ${variable} needs ${what}, but the blueprint did not bind it`);
    this.name = "ContractBindingError";
  }
}

export function deriveEnvContract<V>(service: ContractService, bindings: ContractBindings<V>): EnvEntry<V>[] {
  const { config } = bindings;
  const entries: EnvEntry<V>[] = [];
  for (const variable of catalogFor(service, config.cloud)) {
    if (variable.when && !variable.when(config, service)) continue;
    switch (variable.source) {
      case "literal":
        entries.push({ name: variable.name, source: "literal", value: variable.value(config, service) });
        break;
      case "output": {
        const value = variable.value(bindings, service);
        if (value === undefined) throw new ContractBindingError(service, variable.name, "an output value");
        entries.push({ name: variable.name, source: "output", value });
        break;
      }
      case "secret": {
        const ref = bindings.secrets[variable.secret];
        if (!ref) throw new ContractBindingError(service, variable.name, `a secret reference for ${variable.secret}`);
        entries.push({ name: variable.name, source: "secret", ref });
        break;
      }
    }
  }
  return entries;
}

/**
 * The secret variables a service receives for a config, before any binding exists: what its identity must be able
 * to read (per-secret grants on Azure). Same filter as deriveEnvContract.
 */
export function secretVariablesFor(service: ContractService, config: ContractBindings<unknown>["config"]): SecretVariable[] {
  return catalogFor(service, config.cloud)
    .filter((v) => !v.when || v.when(config, service))
    .flatMap((v) => (v.source === "secret" ? [v.secret] : []));
}
