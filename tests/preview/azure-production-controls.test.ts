/**
 * The hardening controls a security review runs over the Azure production plan, one test each, on the shipped
 * azure-production profile as `asc preview --offline --json` prints it. Each asserts the inputs the control needs;
 * the plan's policy summary asserts the pack agrees.
 */
import { runAsc } from "../helpers/cli.js";
import type { PlanResource, PlanV1 } from "../../src/preview/plan.js";

let plan: PlanV1;
beforeAll(async () => {
  const result = await runAsc(["preview", "--profile", "azure-production", "--offline", "--json"]);
  expect(result.code).toBe(0);
  plan = JSON.parse(result.stdout) as PlanV1;
}, 120_000);
const ofType = (type: string): PlanResource[] => plan.resources.filter((r) => r.type === type);
const one = (type: string): PlanResource => {
  const found = ofType(type);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("Azure production controls", () => {
  it("GIVEN the production plan THEN the policy pack finds no mandatory or advisory violation", () => {
    expect(plan.summary.violations).toMatchObject({ mandatory: 0 });
    expect(plan.policies.filter((p) => p.enforcement === "mandatory")).toEqual([]);
  });

  it("Postgres: Microsoft Entra authentication beside the password, with an Entra administrator", () => {
    const server = one("azure-native:dbforpostgresql:Server");
    expect(server.inputs.authConfig).toMatchObject({ activeDirectoryAuth: "Enabled", passwordAuth: "Enabled" });
    const admin = one("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra");
    expect(admin.inputs).toMatchObject({ principalType: "Group", tenantId: (server.inputs.authConfig as { tenantId: string }).tenantId });
  });

  it("Postgres: log_connections, log_disconnections and connection_throttle.enable are on", () => {
    const settings = Object.fromEntries(ofType("azure-native:dbforpostgresql:Configuration").map((c) => [c.inputs.configurationName, c.inputs.value]));
    expect(settings).toMatchObject({ log_connections: "on", log_disconnections: "on", "connection_throttle.enable": "on" });
  });

  it("Key Vault: a diagnostic setting sends the audit logs to the stack's Log Analytics workspace", () => {
    const vault = one("azure-native:keyvault:Vault");
    const workspace = one("azure-native:operationalinsights:Workspace");
    const setting = ofType("azure-native:monitor:DiagnosticSetting").find((d) => d.dependencies.includes(vault.urn));
    expect(setting?.inputs).toMatchObject({ logs: [{ categoryGroup: "audit", enabled: true }] });
    expect(setting?.dependencies).toContain(workspace.urn);
  });

  it("Redis: production Managed Redis keeps a replica of every shard (highAvailability Enabled)", () => {
    expect(one("azure-native:redisenterprise:RedisEnterprise").inputs).toMatchObject({ highAvailability: "Enabled" });
  });

  it("Container Apps: the environment and its infrastructure resource group are named from asc:name, within Azure's limits (kept on existing stacks: tests/components/azure/container-apps-environment.test.ts)", () => {
    const env = one("azure-native:app:ManagedEnvironment");
    const { environmentName, infrastructureResourceGroup } = env.inputs as { environmentName: string; infrastructureResourceGroup: string };
    expect(environmentName).toMatch(/^[a-z][a-z0-9-]{0,58}[a-z0-9]$/);
    expect(infrastructureResourceGroup.length).toBeLessThanOrEqual(90);
  });
});
