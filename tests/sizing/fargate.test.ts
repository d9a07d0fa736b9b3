import fc from "fast-check";
import { FARGATE_MEMORY_BY_CPU, resolveFargateSize } from "../../src/sizing/fargate.js";
import { resolveContainerAppSize } from "../../src/sizing/container-apps.js";

describe("resolveFargateSize", () => {
  it.each([
    [0.25, 0.5, 256, 512],
    [0.25, 2, 256, 2048],
    [0.5, 4, 512, 4096],
    [1, 8, 1024, 8192],
    [2, 16, 2048, 16384],
    [4, 30, 4096, 30720],
    [8, 60, 8192, 61440],
    [16, 120, 16384, 122880],
  ])("GIVEN %f vCPU and %f GiB THEN %i units and %i MiB", (cpu, mem, units, mib) => {
    expect(resolveFargateSize(cpu, mem)).toEqual({ ok: true, size: { cpuUnits: units, memoryMiB: mib } });
  });

  it.each([
    [0.25, 3, "3 GiB is not allowed with 0.25 vCPU on Fargate", "memoryGiB with cpu 0.25: 0.5, 1, 2"],
    [1, 1, "1 GiB is not allowed with 1 vCPU on Fargate", "memoryGiB with cpu 1: 2 to 8 in steps of 1"],
    [8, 18, "18 GiB is not allowed with 8 vCPU on Fargate", "memoryGiB with cpu 8: 16 to 60 in steps of 4"],
    [3, 6, "3 vCPU is not a Fargate size", "cpu: 0.25, 0.5, 1, 2, 4, 8, 16"],
  ])("GIVEN %f vCPU and %f GiB THEN refused", (cpu, mem, reason, allowed) => {
    expect(resolveFargateSize(cpu, mem)).toEqual({ ok: false, reason, allowed });
  });

  it("THEN every allowed pair maps to units and MiB that are 1024 times the input", () => {
    const pairs = [...FARGATE_MEMORY_BY_CPU.entries()].flatMap(([cpu, mems]) => mems.map((m) => [cpu, m] as const));
    fc.assert(fc.property(fc.constantFrom(...pairs), ([cpu, mem]) => {
      const r = resolveFargateSize(cpu, mem);
      expect(r).toEqual({ ok: true, size: { cpuUnits: cpu * 1024, memoryMiB: mem * 1024 } });
    }));
  });
});

describe("resolveContainerAppSize", () => {
  it.each([
    [0.25, 0.5, "0.5Gi"],
    [1, 2, "2Gi"],
    [4, 8, "8Gi"],
  ])("GIVEN %f vCPU and %f GiB THEN %s", (cpu, mem, memory) => {
    expect(resolveContainerAppSize(cpu, mem)).toEqual({ ok: true, size: { cpu, memory } });
  });

  it.each([
    [0.3, 0.6, "0.3 vCPU is not a Container Apps size", "cpu: 0.25 to 4 in steps of 0.25"],
    [1, 4, "4 GiB is not allowed with 1 vCPU on Container Apps (Consumption)", "memoryGiB with cpu 1: 2 (2 GiB per vCPU)"],
    [8, 16, "8 vCPU is not a Container Apps size", "cpu: 0.25 to 4 in steps of 0.25"],
  ])("GIVEN %f vCPU and %f GiB THEN refused", (cpu, mem, reason, allowed) => {
    expect(resolveContainerAppSize(cpu, mem)).toEqual({ ok: false, reason, allowed });
  });
});
