/**
 * Azure Container Apps sizes on the Consumption workload profile. Pure.
 * CPU goes from 0.25 to 4 vCPU in steps of 0.25, and memory must be exactly 2 GiB per vCPU.
 */
export interface ContainerAppSize {
  /** vCPU, as Container Apps takes it (a number such as 0.5). */
  readonly cpu: number;
  /** Memory as Container Apps takes it, e.g. `"1Gi"`. */
  readonly memory: string;
}

export const CONTAINER_APPS_CPU_VALUES: readonly number[] = Array.from({ length: 16 }, (_, i) => (i + 1) * 0.25);

export type ContainerAppSizeCheck = { ok: true; size: ContainerAppSize } | { ok: false; reason: string; allowed: string };

export function resolveContainerAppSize(cpu: number, memoryGiB: number): ContainerAppSizeCheck {
  if (!CONTAINER_APPS_CPU_VALUES.includes(cpu)) {
    return {
      ok: false,
      reason: `${cpu} vCPU is not a Container Apps size`,
      allowed: "cpu: 0.25 to 4 in steps of 0.25",
    };
  }
  const expected = cpu * 2;
  if (memoryGiB !== expected) {
    return {
      ok: false,
      reason: `${memoryGiB} GiB is not allowed with ${cpu} vCPU on Container Apps (Consumption)`,
      allowed: `memoryGiB with cpu ${cpu}: ${expected} (2 GiB per vCPU)`,
    };
  }
  return { ok: true, size: { cpu, memory: `${expected}Gi` } };
}
