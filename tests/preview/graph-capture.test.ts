import * as pulumi from "@pulumi/pulumi";
import * as aws from "../../src/components/aws/sdk.js";
import { promiseOf, usePulumiMocks } from "../helpers/pulumi.js";

const mocked = usePulumiMocks();

class Holder extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly subnetId: pulumi.Output<string>;
  constructor(name: string, secretValue: string) {
    super("asc:test:Holder", name, {}, {});
    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: "10.0.0.0/16" }, { parent: this });
    const subnet = new aws.ec2.Subnet(`${name}-subnet`, { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", tags: { Token: pulumi.secret(secretValue) } }, { parent: this });
    this.vpcId = vpc.id;
    this.subnetId = subnet.id;
    this.registerOutputs({ vpcId: this.vpcId });
  }
}

describe("captureGraph", () => {
  it("GIVEN a component with children WHEN it registers THEN parents, property dependencies and secrets are captured", async () => {
    const holder = new Holder("h", "super-secret-value");
    await promiseOf(holder.subnetId);
    const { graph } = mocked;
    const component = graph.byName("h");
    const vpc = graph.byName("h-vpc");
    const subnet = graph.byName("h-subnet");
    expect(component.type).toBe("asc:test:Holder");
    expect(vpc.parent).toBe(component.urn);
    expect(subnet.parent).toBe(component.urn);
    expect(subnet.propertyDependencies.vpcId).toEqual([vpc.urn]);
    expect(subnet.inputs.cidrBlock).toBe("10.0.1.0/24");
    expect(subnet.inputs.tags).toEqual({ Token: "[secret]" });
    expect(subnet.secretInputs).toEqual(["tags"]);
    expect(JSON.stringify(graph.resources)).not.toContain("super-secret-value");
  });
});
