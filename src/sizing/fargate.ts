/**
 * Fargate task sizes. Pure: the allowed CPU/memory combinations from the ECS task-size table.
 * CPU is given in vCPU (0.25 … 16) and memory in GiB, as in the profile; ECS wants CPU units and MiB.
 */
export interface FargateSize {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
}

const range = (from: number, to: number, step: number): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
};

/** vCPU → allowed memory in GiB. */
export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
  [0.25, [0.5, 1, 2]],
  [0.5, range(1, 4, 1)],
  [1, range(2, 8, 1)],
  [2, range(4, 16, 1)],
  [4, range(8, 30, 1)],
  [8, range(16, 60, 4)],
  [16, range(32, 120, 8)],
]);

export const FARGATE_CPU_VALUES = [...FARGATE_MEMORY_BY_CPU.keys()];

export type SizeCheck = { ok: true; size: FargateSize } | { ok: false; reason: string; allowed: string };

export function resolveFargateSize(cpu: number, memoryGiB: number): SizeCheck {
  const memories = FARGATE_MEMORY_BY_CPU.get(cpu);
  if (!memories) {
    return { ok: false, reason: `${cpu} vCPU is not a Fargate size`, allowed: `cpu: ${FARGATE_CPU_VALUES.join(", ")}` };
  }
  if (!memories.includes(memoryGiB)) {
    return {
      ok: false,
      reason: `${memoryGiB} GiB is not allowed with ${cpu} vCPU on Fargate`,
      allowed: `memoryGiB with cpu ${cpu}: ${describeMemories(memories)}`,
    };
  }
  return { ok: true, size: { cpuUnits: Math.round(cpu * 1024), memoryMiB: Math.round(memoryGiB * 1024) } };
}

function describeMemories(values: readonly number[]): string {
  if (values.length <= 4) return values.join(", ");
  const step = values[1] - values[0];
  return `${values[0]} to ${values[values.length - 1]} in steps of ${step}`;
}
