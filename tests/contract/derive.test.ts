import fc from "fast-check";
import { ENV_CATALOG } from "../../src/contract/catalog.js";
import { ContractBindingError, deriveEnvContract } from "../../src/contract/derive.js";
import { concatStrings } from "../../src/contract/from-outputs.js";
import { contractConsumers } from "../../src/contract/topology.js";
import { SECRET_VARIABLES, type ContractBindings, type ContractService, type EnvEntry } from "../../src/contract/types.js";
import type { BlueprintConfig } from "../../src/config/schema.js";
import { testConfig } from "../helpers/config.js";

function bindings(config: BlueprintConfig): ContractBindings<string> {
  const secrets = Object.fromEntries(SECRET_VARIABLES.map((v) => [v, { store: "aws-secrets-manager", arn: `arn:aws:secretsmanager:eu-west-1:1:secret:${v}` } as const]));
  return {
    config,
    outputs: { webUrl: "https://app.example.com", apiHost: "api.example.com", apiBaseUrl: "https://api.example.com", keysetSecretName: "keyset", signingSecretArn: "arn:signing", bucketName: "bucket" },
    secrets,
    concat: concatStrings,
  };
}
const valueOf = (entries: EnvEntry<string>[], name: string) => {
  const e = entries.find((x) => x.name === name);
  return e && e.source !== "secret" ? e.value : e?.source;
};

describe("deriveEnvContract", () => {
  const staging = testConfig();

  it("GIVEN the web's public URL THEN ALLOWED_ORIGINS, APP_PUBLIC_URL and ALLOWED_HOSTS follow it", () => {
    const api = deriveEnvContract("api", bindings(staging));
    expect(valueOf(api, "ALLOWED_ORIGINS")).toBe("https://app.example.com");
    expect(valueOf(api, "APP_PUBLIC_URL")).toBe("https://app.example.com");
    expect(valueOf(api, "ALLOWED_HOSTS")).toBe("api.example.com,127.0.0.1,localhost");
  });

  it("GIVEN staging THEN key storage is the secret manager with provider and keyset name, and DEBUG is off", () => {
    const api = deriveEnvContract("api", bindings(staging));
    expect([valueOf(api, "AUTH_KEY_STORAGE_BACKEND"), valueOf(api, "AUTH_KEY_STORAGE_PROVIDER"), valueOf(api, "AUTH_KEY_SECRET_NAME"), valueOf(api, "DEBUG"), valueOf(api, "ENVIRONMENT")]).toEqual(["secret-manager", "aws_sm", "keyset", "false", "staging"]);
  });

  it("GIVEN dev THEN DEBUG is left unset and ENVIRONMENT is development", () => {
    const api = deriveEnvContract("api", bindings(testConfig({ tier: "dev", billing: { workerTopology: "inline" } })));
    expect(valueOf(api, "DEBUG")).toBeUndefined();
    expect(valueOf(api, "ENVIRONMENT")).toBe("development");
  });

  it("GIVEN the web THEN it gets HOSTNAME=0.0.0.0, the api base URL and secure cookies, and no api secrets", () => {
    const web = deriveEnvContract("web", bindings(staging));
    expect(web.map((e) => e.name)).toEqual(["APP_PUBLIC_URL", "PORT", "HOSTNAME", "API_BASE_URL", "AGENT_FORCE_SECURE_COOKIES", "AGENT_ALLOW_INSECURE_COOKIES"]);
    expect(valueOf(web, "HOSTNAME")).toBe("0.0.0.0");
  });

  it.each([
    // topology, billing.stream, service → [retry worker, stream replay, stream]
    ["inline", true, "api", ["true", "true", "true"]],
    ["inline", false, "api", ["true", "false", "false"]],
    ["dedicated", false, "api", ["false", "false", "false"]],
    ["dedicated", false, "worker", ["true", "true", "true"]],
    ["dedicated", true, "api", ["false", "false", "true"]],
  ] as const)("GIVEN a %s worker with stream=%s THEN the %s flags are %j", (topology, stream, service, flags) => {
    const config = testConfig({ tier: topology === "inline" ? "dev" : "staging", billing: { enabled: true, stream, workerTopology: topology, productPriceMap: "a=b" } });
    const env = deriveEnvContract(service, bindings(config));
    expect([valueOf(env, "ENABLE_BILLING_RETRY_WORKER"), valueOf(env, "ENABLE_BILLING_STREAM_REPLAY"), valueOf(env, "ENABLE_BILLING_STREAM")]).toEqual(flags);
    expect(valueOf(env, "BILLING_RETRY_DEPLOYMENT_MODE")).toBe(topology);
  });

  it("GIVEN billing on THEN the Stripe secrets are references and the price map a literal", () => {
    const env = deriveEnvContract("api", bindings(testConfig({ billing: { enabled: true, productPriceMap: "pro=price_1" } })));
    expect(env.find((e) => e.name === "STRIPE_SECRET_KEY")).toEqual({ name: "STRIPE_SECRET_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: "arn:aws:secretsmanager:eu-west-1:1:secret:STRIPE_SECRET_KEY" } });
    expect(valueOf(env, "STRIPE_PRODUCT_PRICE_MAP")).toBe("pro=price_1");
  });

  it("GIVEN any service THEN migrate gets exactly the api's contract", () => {
    const b = bindings(staging);
    expect(deriveEnvContract("migrate", b)).toEqual(deriveEnvContract("api", b));
  });

  it("GIVEN a missing secret binding THEN it fails loudly naming the variable", () => {
    const b = bindings(staging);
    const { DATABASE_URL: _dropped, ...rest } = b.secrets;
    expect(() => deriveEnvContract("api", { ...b, secrets: rest })).toThrow(new ContractBindingError("api", "DATABASE_URL", "a secret reference for DATABASE_URL"));
  });

  it("PROPERTY: for any tier, topology and billing, secret variables only travel as references and names are unique", () => {
    fc.assert(
      fc.property(fc.constantFrom("dev", "staging", "production"), fc.boolean(), fc.boolean(), fc.boolean(), (tier, billing, stream, email) => {
        const config = testConfig({
          tier,
          images: { api: `ghcr.io/a/api@sha256:${"b".repeat(64)}`, web: `ghcr.io/a/web@sha256:${"b".repeat(64)}` },
          billing: { enabled: billing, stream, workerTopology: tier === "dev" ? "inline" : "dedicated", productPriceMap: "a=b" },
          email: { enabled: email, from: "noreply@example.com" },
        });
        for (const service of contractConsumers(config) as ContractService[]) {
          const env = deriveEnvContract(service, bindings(config));
          expect(new Set(env.map((e) => e.name)).size).toBe(env.length);
          for (const e of env) if ((SECRET_VARIABLES as readonly string[]).includes(e.name)) expect(e.source).toBe("secret");
          const required = ENV_CATALOG.filter((v) => v.services.includes(service) && v.clouds.includes("aws") && v.required(config) && (!v.when || v.when(config, service)));
          for (const v of required) expect(env.map((e) => e.name)).toContain(v.name);
        }
      }),
      { numRuns: 30 },
    );
  });
});
