import { CONSUMPTION_PROFILE, CONTAINER_APPS_ENVIRONMENT_TYPE, CREATE_ONLY_ENVIRONMENT_INPUTS, ContainerAppsEnvironment, resolveContainerAppsEnvironmentArgs } from "../../../src/components/azure/container-apps-environment.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const ARGS = { resourceGroupName: "rg", location: "westeurope", infrastructureSubnetId: "/subnets/container-apps", logAnalyticsWorkspaceName: "logs", logAnalyticsCustomerId: "customer-1" };

describe("resolveContainerAppsEnvironmentArgs", () => {
  it("GIVEN no options WHEN resolved THEN the environment is external and not zone-redundant", () => {
    expect(resolveContainerAppsEnvironmentArgs(ARGS)).toEqual({ ...ARGS, zoneRedundant: false, internal: false, tags: {} });
  });
});

describe("ContainerAppsEnvironment", () => {
  it("GIVEN a subnet and a workspace WHEN created THEN the environment is VNet-integrated, external, zone-redundant when asked, on the Consumption profile, and logs with a secret shared key", async () => {
    const env = new ContainerAppsEnvironment("e", { ...ARGS, zoneRedundant: true, tags: { tier: "production" } });
    const [urn, domain] = await Promise.all([promiseOf(env.urn), promiseOf(env.defaultDomain), promiseOf(env.environmentId)]);
    await mocked.graph.settled();
    const managed = mocked.graph.byName("e-env");
    expect(mocked.graph.byName("e").type).toBe(CONTAINER_APPS_ENVIRONMENT_TYPE);
    expect(managed).toMatchObject({ type: "azure-native:app:ManagedEnvironment", parent: urn });
    expect(managed.inputs).toEqual({
      resourceGroupName: "rg",
      location: "westeurope",
      appLogsConfiguration: { destination: "log-analytics", logAnalyticsConfiguration: { customerId: "customer-1", sharedKey: "[secret]" } },
      vnetConfiguration: { infrastructureSubnetId: "/subnets/container-apps", internal: false },
      workloadProfiles: [{ name: CONSUMPTION_PROFILE, workloadProfileType: "Consumption" }],
      zoneRedundant: true,
      tags: { tier: "production" },
    });
    expect(managed.secretInputs).toEqual(["appLogsConfiguration"]);
    expect(domain).toBe("mock.azurecontainerapps.io");
  });

  it("GIVEN a name and an infrastructure resource group WHEN created THEN both are inputs, and both are create-only: Pulumi ignores later changes, so an existing environment is never replaced for them", async () => {
    const env = new ContainerAppsEnvironment("named", { ...ARGS, environmentName: "asc-prod-env", infrastructureResourceGroupName: "asc-prod-cae-infra-1ad441b9" });
    await Promise.all([promiseOf(env.urn), promiseOf(env.environmentId)]);
    await mocked.graph.settled();
    const managed = mocked.graph.byName("named-env");
    expect([managed.inputs.environmentName, managed.inputs.infrastructureResourceGroup]).toEqual(["asc-prod-env", "asc-prod-cae-infra-1ad441b9"]);
    expect(managed.ignoreChanges).toEqual(["environmentName", "infrastructureResourceGroup"]);
    expect(CREATE_ONLY_ENVIRONMENT_INPUTS).toEqual(managed.ignoreChanges);
  });

  it("GIVEN neither WHEN created THEN neither input is sent (Pulumi names the environment, Azure its resource group)", async () => {
    const env = new ContainerAppsEnvironment("unnamed", ARGS);
    await promiseOf(env.urn);
    await mocked.graph.settled();
    const managed = mocked.graph.byName("unnamed-env");
    expect(Object.keys(managed.inputs)).not.toContain("environmentName");
    expect(Object.keys(managed.inputs)).not.toContain("infrastructureResourceGroup");
  });
});
