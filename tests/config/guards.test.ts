/** The config layer's guards as pure functions: identity keys, headlines, exemptions, secrets, collisions, output bounds. */
import { envLayer, flagLayer, loadProfileFromRuntime } from "../../src/config/load.js";
import { nameCollisions, type ProfileSummary } from "../../src/config/profile-list.js";
import { problemsTitle } from "../../src/config/resolve.js";
import { isCalendarDate } from "../../src/config/schema.js";
import { isFileBackend, fileBackendProblem } from "../../src/config/backend.js";
import { OFFLINE_SECRET_PLACEHOLDER, operatorSecretValues, registryPasswordValue } from "../../src/contract/operator-secrets.js";
import { boundedProblems } from "../../src/cli/lib/env-contract-io.js";
import { formatValue, isAscUserError, type AscUserError } from "../../src/errors.js";
import { testConfig } from "../helpers/config.js";

const errorOf = (fn: () => unknown): AscUserError => {
  try {
    fn();
  } catch (e) {
    if (isAscUserError(e)) return e;
    throw e;
  }
  throw new Error("expected an AscUserError");
};

describe("identity keys", () => {
  it.each(["ASC_CLOUD", "ASC_TIER", "ASC_REGION", "ASC_NAME"])("GIVEN %s THEN the env layer refuses it, naming the variable", (name) => {
    const e = errorOf(() => envLayer({ [name]: "x" }));
    expect(e.title).toBe(`Invalid value from ${name}`);
    expect(e.problems.map((p) => p.path)).toEqual([name]);
  });

  it("GIVEN --set for two identity keys THEN both are listed under one headline", () => {
    const e = errorOf(() => flagLayer(["tier=dev", "asc:region=us-east-1", "services.api.replicas=2"]));
    expect(e.title).toBe("Invalid flags (--set asc:tier, --set asc:region)");
    expect(e.problems.map((p) => [p.path, p.value])).toEqual([["--set asc:tier", "dev"], ["--set asc:region", "us-east-1"]]);
  });

  it("GIVEN pulumi up with ASC_TIER in the environment THEN the program refuses it too", () => {
    const stack = { "asc:cloud": "aws", "asc:tier": "production", "asc:region": "eu-west-1" };
    const e = errorOf(() => loadProfileFromRuntime(stack, "aws-production", { ASC_TIER: "dev" }, new Date("2026-11-21")));
    expect(e.problems[0]).toMatchObject({ path: "ASC_TIER", message: "asc:tier is part of the profile's identity and comes from the profile file only" });
  });
});

describe("problemsTitle", () => {
  it.each([
    [["env ASC_DATABASE__SIZE"], "Invalid value from ASC_DATABASE__SIZE"],
    [["flag --set services.api.cpu"], "Invalid --set asc:services.api.cpu"],
    [["flag --image api"], "Invalid --image api"],
    [["env ASC_X", "flag --set a.b"], "Invalid values from ASC_X, --set asc:a.b"],
    [["stacks/Pulumi.p.yaml:4", "env ASC_X"], "Invalid profile stacks/Pulumi.p.yaml (with ASC_X)"],
    [["stacks/Pulumi.p.yaml:4", "default (dev)"], "Invalid profile stacks/Pulumi.p.yaml"],
  ])("GIVEN problems from %j THEN the headline is %j", (sources, title) => {
    expect(problemsTitle(sources.map((source) => ({ path: "asc:x", message: "m", fix: "f", source })), "stacks/Pulumi.p.yaml")).toBe(title);
  });
});

describe("policy exemptions", () => {
  const exemption = (policy: string, expires: string) => ({ policyExemptions: [{ policy, resource: "db", reason: "legacy clients use passwords", expires }] });
  const problemsFor = (overrides: Record<string, unknown>) => errorOf(() => testConfig(overrides)).problems;

  it("GIVEN an Azure policy in an AWS profile THEN it is unknown there, with the AWS names allowed", () => {
    const [p] = problemsFor(exemption("asc-azure-keyvault-rbac", "2027-01-31"));
    expect(p).toMatchObject({ path: "asc:policyExemptions[0].policy", value: "asc-azure-keyvault-rbac", message: "not an asc policy for aws" });
    expect(p.allowed).toContain("asc-aws-rds-iam-auth");
    expect(p.allowed).not.toContain("asc-azure-");
  });

  it("GIVEN the last allowed day (today + 366 days) THEN accepted; the day after THEN refused", () => {
    expect(testConfig(exemption("asc-aws-rds-iam-auth", "2027-11-22")).policyExemptions).toHaveLength(1);
    expect(problemsFor(exemption("asc-aws-rds-iam-auth", "2027-11-23"))[0]).toMatchObject({ path: "asc:policyExemptions[0].expires", message: "expires more than a year ahead (after 2027-11-22)" });
  });

  it.each([["2027-02-28", true], ["2028-02-29", true], ["2027-02-29", false], ["2027-02-30", false], ["2027-13-01", false], ["2027-04-31", false]])("GIVEN %s THEN calendar date: %s", (date, ok) => {
    expect(isCalendarDate(date)).toBe(ok);
  });
});

describe("operator secrets", () => {
  it("GIVEN a decrypted stack secret with a trailing newline THEN deploy refuses it without the value", () => {
    const config = { ...testConfig({ tier: "dev" }), openaiApiKey: "sk-decrypted-value-123\n" };
    const e = errorOf(() => operatorSecretValues(config, "deploy", "[encrypted in profile]"));
    expect(e.title).toBe("Invalid secrets");
    expect(e.problems).toEqual([expect.objectContaining({ path: "asc:openaiApiKey", value: "[secret]", message: "has leading or trailing whitespace" })]);
    expect(e.message).not.toContain("sk-decrypted-value-123");
  });
});

describe("the registry password", () => {
  const withUser = (registryPassword?: string) => {
    const config = testConfig({ tier: "staging" });
    return { ...config, cloud: "azure" as const, azure: { ...config.azure, registryCredentials: { server: "ghcr.io", username: "acme-bot" } }, ...(registryPassword !== undefined ? { registryPassword } : {}) };
  };

  it("GIVEN a registry user and no password THEN deploy refuses it with the command that sets it; offline stands in the placeholder", () => {
    const e = errorOf(() => registryPasswordValue(withUser(), "deploy", "[encrypted in profile]"));
    expect(e.title).toBe("Missing secrets");
    expect(e.problems).toEqual([{
      path: "asc:registryPassword",
      message: "is required: asc:azure.registryCredentials names the user acme-bot on ghcr.io",
      allowed: "a secret set with pulumi config set --secret (for GHCR: a token with read:packages)",
      fix: "run: pulumi config set --secret asc:registryPassword <token> -s <profile>, or export ASC_REGISTRY_PASSWORD",
    }]);
    expect(registryPasswordValue(withUser(), "offline", "[encrypted in profile]")).toBe(OFFLINE_SECRET_PLACEHOLDER("registryPassword"));
  });

  it("GIVEN a decrypted password THEN it is returned; without a registry user there is none", () => {
    expect(registryPasswordValue(withUser("ghp_token"), "deploy", "[encrypted in profile]")).toBe("ghp_token");
    expect(registryPasswordValue({ ...testConfig({ tier: "staging" }), cloud: "azure" }, "deploy", "[encrypted in profile]")).toBeUndefined();
  });
});

describe("backend URLs", () => {
  it.each([["file:///state", true], ["FILE:///state", true], ["  file://~/.pulumi  ", true], ["s3://bucket?region=eu-west-1", false], ["https://api.pulumi.com", false]])("GIVEN %j THEN a file backend: %s", (url, file) => {
    expect(isFileBackend(url)).toBe(file);
  });

  it("GIVEN a file backend THEN only production refuses it", () => {
    expect(fileBackendProblem("staging", "file:///x", "PULUMI_BACKEND_URL", "eu-west-1")).toBeUndefined();
    expect(fileBackendProblem("production", "File:///x", "PULUMI_BACKEND_URL", "eu-west-1")).toMatchObject({ path: "PULUMI_BACKEND_URL", value: "File:///x" });
  });
});

describe("asc profiles name collisions", () => {
  const p = (profile: string, cloud: string, region: string, name: string, error?: string): ProfileSummary => ({ profile, cloud, tier: "dev", region, name, ...(error ? { error } : {}) });
  it("GIVEN profiles THEN only good ones sharing cloud, region and name collide", () => {
    expect(nameCollisions([p("a", "aws", "eu-west-1", "asc-dev"), p("b", "aws", "eu-west-1", "asc-dev"), p("c", "aws", "eu-central-1", "asc-dev"), p("d", "azure", "eu-west-1", "asc-dev"), p("e", "aws", "eu-west-1", "asc-dev", "bad")])).toEqual([
      { cloud: "aws", region: "eu-west-1", name: "asc-dev", profiles: ["a", "b"] },
    ]);
  });
});

describe("bounded error output", () => {
  it("GIVEN 25 problems THEN 20 are kept and one line counts the rest", () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({ path: `f:${i}`, message: "m", fix: "x" }));
    const bounded = boundedProblems(problems, ".env");
    expect(bounded).toHaveLength(21);
    expect(bounded[20]).toEqual({ path: ".env", message: "5 more problem(s) not shown", fix: "fix the problems above and run asc env check again" });
  });

  it.each([
    ["x".repeat(500), `"${"x".repeat(116)}... (502 characters)`],
    ["sk-live-abcdefgh12345", '"[redacted]"'],
    ["token whsec_abcdefgh1234 inside", '"[redacted]"'],
    ["eu-west-1", '"eu-west-1"'],
  ])("GIVEN the value %j THEN errors quote it as %s", (value, shown) => {
    expect(formatValue(value)).toBe(shown);
  });
});
