import { FOUNDATION_TYPE, Foundation, resolveFoundationArgs } from "../../../src/components/azure/foundation.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "westeurope" });
const TAGS = { project: "asc", profile: "test", tier: "production", "managed-by": "asc" };

describe("resolveFoundationArgs", () => {
  it("GIVEN only a location (retention explicitly undefined) WHEN resolved THEN 30 days and no tags apply", () => {
    expect(resolveFoundationArgs({ location: "westeurope", logRetentionDays: undefined })).toEqual({ location: "westeurope", logRetentionDays: 30, tags: {} });
  });

  it.each([
    [{ location: "westeurope", logRetentionDays: 7 }, "Foundation logRetentionDays: 7 is out of range; Log Analytics keeps whole days from 30 to 730. Pass logAnalyticsRetentionDays(<profile days>)."],
    [{ location: "westeurope", logRetentionDays: 731 }, "Foundation logRetentionDays: 731 is out of range; Log Analytics keeps whole days from 30 to 730. Pass logAnalyticsRetentionDays(<profile days>)."],
    [{ location: " " }, 'Foundation location: empty; pass an Azure location such as "westeurope".'],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (args, message) => {
    expect(() => resolveFoundationArgs(args)).toThrow(message);
  });
});

describe("Foundation", () => {
  it("GIVEN a location and retention WHEN created THEN a tagged resource group and a PerGB2018 workspace keeping that long live in it", async () => {
    const foundation = new Foundation("f", { location: "westeurope", logRetentionDays: 90, tags: TAGS });
    const [urn, rgName, customerId] = await Promise.all([promiseOf(foundation.urn), promiseOf(foundation.resourceGroupName), promiseOf(foundation.workspaceCustomerId)]);
    await mocked.graph.settled();
    const { graph } = mocked;
    expect(graph.byName("f").type).toBe(FOUNDATION_TYPE);
    expect(graph.byName("f-rg")).toMatchObject({ type: "azure-native:resources:ResourceGroup", parent: urn, inputs: { location: "westeurope", tags: TAGS } });
    expect(graph.byName("f-logs")).toMatchObject({ type: "azure-native:operationalinsights:Workspace", parent: urn });
    expect(graph.byName("f-logs").inputs).toEqual({ resourceGroupName: "f-rg-mock", location: "westeurope", sku: { name: "PerGB2018" }, retentionInDays: 90, tags: TAGS });
    expect(graph.byName("f-logs").propertyDependencies.resourceGroupName).toEqual([graph.byName("f-rg").urn]);
    expect(rgName).toBe("f-rg-mock");
    expect(customerId).toBe("workspace-f-logs");
    expect(foundation.location).toBe("westeurope");
  });
});
