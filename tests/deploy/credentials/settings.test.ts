/**
 * Which credential asc's own clients use: the settings Pulumi's providers read, in their order
 * (pulumi-azure-native auth_azidentity.go; pulumi-aws config), from stack config over the environment.
 */
import { awsCredentialSettings, azureCredentialSettings, isSettingsProblem, parseDurationSeconds, plainStackConfig } from "../../../src/deploy/credentials/settings.js";

const SP = { "azure-native:clientId": "cid", "azure-native:tenantId": "tid", "azure-native:subscriptionId": "sub" };

describe("Azure credential settings, as azure-native chooses them", () => {
  it("GIVEN nothing THEN the Azure CLI, as the provider falls back to", () => {
    expect(azureCredentialSettings({}, {})).toMatchObject({ method: "azure-cli", sources: {} });
  });

  it("GIVEN ARM_* for OIDC on GitHub Actions THEN the GitHub token exchange with the request URL and token", () => {
    const env = { ARM_USE_OIDC: "true", ARM_CLIENT_ID: "cid", ARM_TENANT_ID: "tid", ARM_SUBSCRIPTION_ID: "sub", ACTIONS_ID_TOKEN_REQUEST_URL: "https://gh/token", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "req" };
    expect(azureCredentialSettings({}, env)).toMatchObject({ method: "oidc-github", clientId: "cid", oidcRequestUrl: "https://gh/token", sources: { useOidc: "env ARM_USE_OIDC", clientId: "env ARM_CLIENT_ID" } });
  });

  it("GIVEN stack config and the environment both THEN the stack config wins", () => {
    const s = azureCredentialSettings({ ...SP, "azure-native:clientSecret": "from-config" }, { ARM_CLIENT_ID: "env-cid", ARM_CLIENT_SECRET: "from-env" });
    expect(s).toMatchObject({ method: "client-secret", clientId: "cid", clientSecret: "from-config", sources: { clientId: "stack config azure-native:clientId" } });
  });

  it("GIVEN a client secret and OIDC both THEN the client secret, which the provider tries first", () => {
    expect(azureCredentialSettings({ ...SP, "azure-native:clientSecret": "s", "azure-native:useOidc": "true", "azure-native:oidcToken": "jwt" }, {})).toMatchObject({ method: "client-secret" });
  });

  it("GIVEN OIDC without a token source, or a secret without a tenant THEN a problem naming what is missing, not a fall-through", () => {
    const oidc = azureCredentialSettings({}, { ARM_USE_OIDC: "true", ARM_CLIENT_ID: "c", ARM_TENANT_ID: "t", ARM_SUBSCRIPTION_ID: "s" });
    expect(isSettingsProblem(oidc) && oidc.needs.join(" ")).toContain("ARM_OIDC_TOKEN");
    const secret = azureCredentialSettings({ "azure-native:clientSecret": "s", "azure-native:clientId": "c", "azure-native:subscriptionId": "sub" }, {});
    expect(isSettingsProblem(secret) && secret.problem).toBe("a service principal with a client secret is configured, but azure-native:tenantId is not set");
  });

  it("GIVEN ARM_USE_MSI with a client id THEN a user-assigned managed identity", () => {
    expect(azureCredentialSettings({}, { ARM_USE_MSI: "true", ARM_CLIENT_ID: "uami", ARM_SUBSCRIPTION_ID: "s" })).toMatchObject({ method: "managed-identity", clientId: "uami" });
  });
});

describe("AWS credential settings, as pulumi-aws reads them", () => {
  it("GIVEN aws:profile and two aws:assumeRoles THEN both roles in order, durations in seconds", () => {
    const s = awsCredentialSettings({ "aws:profile": "ops", "aws:assumeRoles": JSON.stringify([{ roleArn: "arn:aws:iam::1:role/a", duration: "1h30m" }, { roleArn: "arn:aws:iam::2:role/b", externalId: "x", sessionName: "ci" }]) }, {}, "eu-west-1");
    expect(s).toMatchObject({ region: "eu-west-1", profile: "ops", assumeRoles: [{ roleArn: "arn:aws:iam::1:role/a", durationSeconds: 5400 }, { roleArn: "arn:aws:iam::2:role/b", externalId: "x", sessionName: "ci" }] });
  });

  it.each([
    [{ "aws:accessKey": "AKIA" }, "only one of aws:accessKey and aws:secretKey is set"],
    [{ "aws:assumeRoles": "{not json" }, "aws:assumeRoles is not a JSON list"],
    [{ "aws:assumeRoles": JSON.stringify([{ externalId: "x" }]) }, "aws:assumeRoles[0] has no roleArn"],
    [{ "aws:assumeRoles": JSON.stringify([{ roleArn: "arn:aws:iam::1:role/a", duration: "an hour" }]) }, 'aws:assumeRoles[0].duration "an hour" is not a duration'],
  ])("GIVEN %j THEN the problem: %s", (config, problem) => {
    const s = awsCredentialSettings(config, {}, "eu-west-1");
    expect(isSettingsProblem(s) && s.problem).toBe(problem);
  });

  it("GIVEN aws:endpoints with an sts entry THEN asc's STS calls go there", () => {
    expect(awsCredentialSettings({ "aws:endpoints": JSON.stringify([{ ecs: "https://ecs.vpce" }, { sts: "https://sts.vpce" }]) }, {}, "eu-west-1")).toMatchObject({ stsEndpoint: "https://sts.vpce" });
  });

  it("GIVEN durations THEN Go's units s, m, h, and nothing else", () => {
    expect([parseDurationSeconds("15m"), parseDurationSeconds("3600s"), parseDurationSeconds("1h"), parseDurationSeconds("1d"), parseDurationSeconds("")]).toEqual([900, 3600, 3600, undefined, undefined]);
  });

  it("GIVEN a profile file's config THEN plain values as strings, lists as JSON, secure values left out", () => {
    expect(plainStackConfig({ "aws:profile": "ops", "aws:assumeRoles": [{ roleArn: "r" }], "azure-native:clientSecret": { secure: "v1:abc" }, "aws:skipMetadataApiCheck": false })).toEqual({ "aws:profile": "ops", "aws:assumeRoles": '[{"roleArn":"r"}]', "aws:skipMetadataApiCheck": "false" });
  });
});
