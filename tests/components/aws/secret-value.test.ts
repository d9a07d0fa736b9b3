import * as pulumi from "@pulumi/pulumi";
// Any resource that takes a string input serves as the consumer; an SSM parameter is one asc itself never creates.
import * as ssm from "@pulumi/aws/ssm/index.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";
import { createSecret, type SecretReference, type SecretValueArgs } from "../../../src/components/aws/secret-value.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const KMS = "arn:aws:kms:eu-west-1:123456789012:key/app-key";
const TAGS = { project: "asc" };

class Holder extends pulumi.ComponentResource {
  readonly ref: SecretReference;
  constructor(name: string, args: SecretValueArgs) {
    super("asc:test:SecretHolder", name, {}, {});
    this.ref = createSecret(`${name}-signing`, args, this);
    this.registerOutputs({ arn: this.ref.arn });
  }
}

async function build(name: string, overrides: Partial<SecretValueArgs> = {}): Promise<Holder> {
  const holder = new Holder(name, { description: "SIGNING_SECRET", value: "plain-text-value", kmsKeyId: KMS, tags: TAGS, ...overrides });
  await Promise.all([promiseOf(holder.ref.arn), promiseOf(holder.ref.name)]);
  await new Promise((r) => setTimeout(r, 50));
  return holder;
}

describe("createSecret", () => {
  it("GIVEN a plain value WHEN stored THEN the Secret and SecretVersion sit under the parent and the value is secret", async () => {
    await build("h");
    const { graph } = mocked;
    const parent = graph.byName("h");
    const secret = graph.byName("h-signing");
    const version = graph.byName("h-signing-version");
    expect(secret.type).toBe("aws:secretsmanager/secret:Secret");
    expect(secret.inputs).toEqual({ description: "SIGNING_SECRET", kmsKeyId: KMS, recoveryWindowInDays: 30, tags: TAGS });
    expect(version.type).toBe("aws:secretsmanager/secretVersion:SecretVersion");
    expect(version.inputs).toEqual({ secretId: "h-signing-id", secretString: "[secret]" });
    expect(version.propertyDependencies.secretId).toEqual([secret.urn]);
    expect([secret.parent, version.parent]).toEqual([parent.urn, parent.urn]);
    expect(JSON.stringify(graph.resources)).not.toContain("plain-text-value");
  });

  it("GIVEN recoveryWindowInDays 0 WHEN stored THEN the secret is deleted without recovery", async () => {
    await build("h", { recoveryWindowInDays: 0 });
    expect(mocked.graph.byName("h-signing").inputs.recoveryWindowInDays).toBe(0);
  });

  it("GIVEN a stored secret WHEN its reference is read THEN it gives the secret's ARN and name", async () => {
    const holder = await build("h");
    expect(await promiseOf(holder.ref.arn)).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:h-signing-mock-AbCdEf");
    expect(await promiseOf(holder.ref.name)).toBe("h-signing-mock");
    expect(pulumi.Output.isInstance(holder.ref.arn)).toBe(true);
  });

  it("GIVEN a consumer of the ARN WHEN it registers THEN it depends on the SecretVersion as well as the Secret", async () => {
    const holder = await build("h");
    const consumer = new ssm.Parameter("consumer", { type: "String", value: holder.ref.arn });
    await promiseOf(consumer.id);
    const { graph } = mocked;
    expect([...graph.byName("consumer").propertyDependencies.value].sort()).toEqual([graph.byName("h-signing").urn, graph.byName("h-signing-version").urn].sort());
  });
});
