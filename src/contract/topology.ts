/** Which services a config deploys. Pure. */
import type { BlueprintConfig } from "../config/schema.js";
import type { ContractService } from "./types.js";

/** A dedicated worker runs only when billing is on and the topology is dedicated. */
export const hasDedicatedWorker = (config: BlueprintConfig): boolean => config.billing.enabled && config.billing.workerTopology === "dedicated";

/** Long-running services, in rollout order (the web's readiness depends on the api). */
export function deployedServices(config: BlueprintConfig): ("api" | "web" | "worker")[] {
  return hasDedicatedWorker(config) ? ["api", "worker", "web"] : ["api", "web"];
}

/** Every contract consumer of a config: the services plus the one-off migration run. */
export function contractConsumers(config: BlueprintConfig): ContractService[] {
  return [...deployedServices(config), "migrate"];
}
