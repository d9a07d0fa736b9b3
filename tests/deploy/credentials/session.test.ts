/**
 * openCloudSession on AWS through the real STSClient and credential providers against a fake STS endpoint
 * (aws:endpoints' sts entry points asc at it, as it points the provider at a private endpoint): the chain starts
 * from the static keys in stack config and assumes each of aws:assumeRoles in turn, and GetCallerIdentity is
 * signed by the last role's key. Azure's token path needs Entra ID and is covered by the settings tests only.
 */
import { openCloudSession } from "../../../src/deploy/credentials/session.js";
import { isAscUserError } from "../../../src/errors.js";
import { startFakeSts, type FakeSts } from "../../helpers/fake-cloud/fake-sts.js";

let sts: FakeSts;
beforeEach(async () => {
  sts = await startFakeSts();
});
afterEach(async () => sts.close());

const config = (extra: Record<string, string> = {}) => ({
  "aws:accessKey": "AKIABASE",
  "aws:secretKey": "base-secret",
  "aws:endpoints": JSON.stringify([{ sts: sts.url }]),
  ...extra,
});

describe("the AWS cloud session", () => {
  it("GIVEN two aws:assumeRoles THEN each role is assumed with the previous credentials and the identity is the last role", async () => {
    const roles = JSON.stringify([{ roleArn: "arn:aws:iam::111111111111:role/hop", sessionName: "asc-hop" }, { roleArn: "arn:aws:iam::222222222222:role/deployer", externalId: "ext-1" }]);
    const session = await openCloudSession({ cloud: "aws", region: "eu-west-1", stackConfig: config({ "aws:assumeRoles": roles }), env: {} });
    expect(sts.calls.map((c) => [c.action, c.accessKeyId, c.params.RoleArn ?? ""])).toEqual([
      ["AssumeRole", "AKIABASE", "arn:aws:iam::111111111111:role/hop"],
      ["AssumeRole", "ASIAHOP", "arn:aws:iam::222222222222:role/deployer"],
      ["GetCallerIdentity", "ASIADEPLOYER", ""],
    ]);
    expect(sts.calls[1].params.ExternalId).toBe("ext-1");
    expect(session.identity).toBe("arn:aws:sts::123456789012:assumed-role/deployer/asc");
  });

  it("GIVEN expired base credentials THEN a user error (exit 2) naming the STS failure, and no secret in it", async () => {
    sts.expired.add("AKIABASE");
    const error = await openCloudSession({ cloud: "aws", region: "eu-west-1", stackConfig: config(), env: {} }).catch((e: unknown) => e);
    expect(isAscUserError(error)).toBe(true);
    const text = JSON.stringify(error);
    expect(text).toContain("STS GetCallerIdentity failed");
    expect(text).toContain("ExpiredToken");
    expect(text).not.toContain("base-secret");
  });

  it("GIVEN incomplete Azure settings THEN a user error before any token request", async () => {
    const error = await openCloudSession({ cloud: "azure", region: "westeurope", stackConfig: {}, env: { ARM_USE_OIDC: "true" } }).catch((e: unknown) => e);
    expect(isAscUserError(error) && error.title).toBe("The Azure credential settings are incomplete");
  });
});
