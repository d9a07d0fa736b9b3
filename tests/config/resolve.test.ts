import fc from "fast-check";
import { resolveConfig, mergeLayers, type ConfigLayer } from "../../src/config/resolve.js";
import { isAscUserError, type AscUserError } from "../../src/errors.js";
import { FARGATE_MEMORY_BY_CPU } from "../../src/sizing/fargate.js";

const NOW = new Date("2026-11-21T00:00:00Z");
const DIGEST = "@sha256:" + "a".repeat(64);
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d";

const profile = (values: Record<string, unknown>): ConfigLayer => ({ kind: "profile", source: "stacks/Pulumi.test.yaml", values });
const base = (tier: string, extra: Record<string, unknown> = {}) =>
  profile({
    cloud: "aws",
    tier,
    region: "eu-west-1",
    images: { api: `ghcr.io/acme/api${DIGEST}`, web: `ghcr.io/acme/web${DIGEST}` },
    domain: { web: "app.example.com", api: "api.example.com", certificateArn: CERT },
    ...extra,
  });
const resolve = (...layers: ConfigLayer[]) => resolveConfig(layers, { now: NOW, profileLabel: "test" });
const problemsOf = (fn: () => unknown): AscUserError["problems"] => {
  try {
    fn();
  } catch (e) {
    if (isAscUserError(e)) return e.problems;
    throw e;
  }
  throw new Error("expected an AscUserError");
};

describe("resolveConfig precedence", () => {
  it("GIVEN a value in every layer WHEN resolved THEN flags win over env over the file over defaults, and the source is recorded", () => {
    const env: ConfigLayer = { kind: "env", source: "environment", values: { services: { api: { replicas: 4 }, web: { replicas: 5 } } }, labels: new Map([["services.api.replicas", "env ASC_SERVICES__API__REPLICAS"], ["services.web.replicas", "env ASC_SERVICES__WEB__REPLICAS"]]) };
    const flags: ConfigLayer = { kind: "flag", source: "flags", values: { services: { api: { replicas: 6 } } }, labels: new Map([["services.api.replicas", "flag --set services.api.replicas"]]) };
    const { config, provenance } = resolve(flags, env, base("staging", { services: { api: { replicas: 3 }, web: { replicas: 3 }, worker: { replicas: 2 } } }));
    expect(config.services.api.replicas).toBe(6);
    expect(config.services.web.replicas).toBe(5);
    expect(config.services.worker.replicas).toBe(2);
    expect(config.services.worker.cpu).toBe(0.5);
    expect(provenance.get("services.api.replicas")).toBe("flag --set services.api.replicas");
    expect(provenance.get("services.web.replicas")).toBe("env ASC_SERVICES__WEB__REPLICAS");
    expect(provenance.get("services.worker.replicas")).toBe("stacks/Pulumi.test.yaml");
    expect(provenance.get("services.worker.cpu")).toBe("default (staging)");
  });

  it("GIVEN an array in a higher layer THEN it replaces the lower one instead of merging", () => {
    const { merged } = mergeLayers([
      { kind: "default", source: "d", values: { migrations: { command: ["a", "b"] } } },
      { kind: "flag", source: "f", values: { migrations: { command: ["c"] } } },
    ]);
    expect(merged).toEqual({ migrations: { command: ["c"] } });
  });
});

describe("tier defaults", () => {
  it.each([
    ["dev", "single", 2, false, false, 7, 1],
    ["staging", "single", 2, false, false, 7, 2],
    ["production", "per-az", 3, true, true, 14, 3],
  ] as const)("GIVEN tier %s THEN NAT %s over %i AZs, Multi-AZ %s, deletion protection %s, backups %i days, %i api replicas", (tier, nat, azs, multiAz, protection, backups, replicas) => {
    const extra = tier === "dev" ? { billing: { workerTopology: "inline" } } : {};
    const { config } = resolve(base(tier, extra));
    expect(config.network).toMatchObject({ natGateways: nat, azCount: azs });
    expect(config.database).toMatchObject({ highAvailability: multiAz, deletionProtection: protection, backupRetentionDays: backups });
    expect(config.cache.highAvailability).toBe(multiAz);
    expect(config.services.api.replicas).toBe(replicas);
  });
});

describe("tier rules", () => {
  it("GIVEN every dev override in staging THEN each is refused by path", () => {
    const problems = problemsOf(() => resolve(base("staging", { devOverrides: { publicDatabase: true, httpOnly: true, forceDestroyStorage: true, keyVaultPurgeProtection: false } })));
    expect(problems.map((p) => p.path)).toEqual(["asc:devOverrides.publicDatabase", "asc:devOverrides.httpOnly", "asc:devOverrides.forceDestroyStorage", "asc:devOverrides.keyVaultPurgeProtection"]);
    expect(problems[0]).toMatchObject({ message: "dev overrides are refused in staging", value: true, fix: "remove asc:devOverrides.publicDatabase from the staging profile" });
  });

  it("GIVEN dev overrides in dev THEN they are accepted", () => {
    const { config } = resolve(base("dev", { domain: undefined, devOverrides: { publicDatabase: true, httpOnly: true } }));
    expect(config.devOverrides).toMatchObject({ publicDatabase: true, httpOnly: true });
  });

  it("GIVEN billing on without a price map THEN it is refused", () => {
    const problems = problemsOf(() => resolve(base("staging", { billing: { enabled: true } })));
    expect(problems).toEqual([expect.objectContaining({ path: "asc:billing.productPriceMap", message: "the api needs STRIPE_PRODUCT_PRICE_MAP when billing is enabled" })]);
  });

  it("GIVEN several problems THEN all are reported at once", () => {
    const problems = problemsOf(() => resolve(base("production", { region: "mars-1", images: { api: "ghcr.io/acme/api:1", web: "ghcr.io/acme/web:1" } })));
    expect(problems.map((p) => p.path)).toEqual(["asc:region", "asc:images.api", "asc:images.web"]);
  });
});

describe("Fargate sizes in config (property)", () => {
  const pairs = [...FARGATE_MEMORY_BY_CPU.entries()].flatMap(([cpu, mems]) => mems.map((memoryGiB) => ({ cpu, memoryGiB })));
  it("GIVEN any allowed cpu/memory pair for every service THEN the config resolves with those sizes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.constantFrom(...pairs), (api, web) => {
        const { config } = resolve(base("staging", { services: { api: { ...api, replicas: 2 }, web: { ...web, replicas: 2 } } }));
        expect(config.services.api).toEqual({ ...api, replicas: 2 });
        expect(config.services.web).toEqual({ ...web, replicas: 2 });
      }),
      { numRuns: 40 },
    );
  });

  it("GIVEN memory outside the allowed set THEN the error names the service and the allowed memory", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FARGATE_MEMORY_BY_CPU.keys()), fc.integer({ min: 121, max: 500 }), (cpu, memoryGiB) => {
        const problems = problemsOf(() => resolve(base("staging", { services: { api: { cpu, memoryGiB } } })));
        expect(problems[0]).toMatchObject({ path: "asc:services.api", allowed: expect.stringMatching(new RegExp(`^memoryGiB with cpu ${cpu}: `)) });
      }),
      { numRuns: 25 },
    );
  });

  it("GIVEN a certificate in another region than the profile THEN it is refused, naming both regions", () => {
    const other = CERT.replace("eu-west-1", "us-east-1");
    const problems = problemsOf(() => resolve(base("staging", { domain: { web: "app.example.com", api: "api.example.com", certificateArn: other } })));
    expect(problems).toEqual([
      {
        path: "asc:domain.certificateArn",
        value: other,
        source: "stacks/Pulumi.test.yaml",
        message: "the certificate is in us-east-1, but the load balancer is in eu-west-1; an ALB can only use an ACM certificate of its own region",
        allowed: "an ACM certificate ARN in eu-west-1 (arn:aws:acm:eu-west-1:…)",
        fix: "request or import the certificate in ACM in eu-west-1 and set asc:domain.certificateArn to its ARN",
      },
    ]);
  });

  it("GIVEN registry credentials on AWS THEN they resolve; a key that is not a secret ARN is refused with its path", () => {
    const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ghcr-pull-AbCdEf";
    expect(resolve(base("staging", { aws: { registryCredentials: { secretArn } } })).config.aws).toEqual({ registryCredentials: { secretArn } });
    expect(resolve(base("staging")).config.aws).toEqual({});
    expect(problemsOf(() => resolve(base("staging", { aws: { registryCredentials: { secretArn: "ghcr-pull" } } })))[0]).toMatchObject({ path: "asc:aws.registryCredentials.secretArn", value: "ghcr-pull" });
  });

  it("GIVEN the writable-root-filesystem exemption THEN staging accepts it and production refuses it with the fix", () => {
    expect(resolve(base("staging", { aws: { writableRootFilesystem: ["web"] } })).config.aws.writableRootFilesystem).toEqual(["web"]);
    expect(problemsOf(() => resolve(base("production", { images: { api: `ghcr.io/acme/api${DIGEST}`, web: `ghcr.io/acme/web${DIGEST}` }, aws: { writableRootFilesystem: ["web"] } })))).toEqual([
      {
        path: "asc:aws.writableRootFilesystem",
        value: ["web"],
        source: "stacks/Pulumi.test.yaml",
        message: "a writable root filesystem is a dev and staging exemption; production containers run read-only",
        allowed: "(unset in production)",
        fix: "make the image declare VOLUME for the paths it writes (/tmp, and /app/.next/cache for the web) owned by uid 10001, then remove asc:aws.writableRootFilesystem",
      },
    ]);
  });

  it("GIVEN a hosted zone and no certificate in production THEN it is accepted (asc requests the certificate)", () => {
    const { config } = resolve(base("production", { domain: { web: "app.example.com", api: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } }));
    expect(config.domain).toEqual({ web: "app.example.com", api: "api.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" });
  });
});

describe("Azure registry credentials", () => {
  const azure = (extra: Record<string, unknown>) =>
    profile({ cloud: "azure", tier: "staging", region: "westeurope", images: { api: `ghcr.io/acme/api${DIGEST}`, web: `ghcr.io/acme/web${DIGEST}` }, ...extra });
  const ACR = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/images/providers/Microsoft.ContainerRegistry/registries/acmeprod";

  it("GIVEN a registry user and its password, or an ACR THEN they resolve", () => {
    expect(resolve(azure({ azure: { registryCredentials: { server: "ghcr.io", username: "acme-bot" } }, registryPassword: "[encrypted in profile]" })).config.azure.registryCredentials).toEqual({ server: "ghcr.io", username: "acme-bot" });
    expect(resolve(azure({ azure: { registryCredentials: { server: "acmeprod.azurecr.io", acrResourceId: ACR } } })).config.azure.registryCredentials).toEqual({ server: "acmeprod.azurecr.io", acrResourceId: ACR });
  });

  it.each([
    [{ server: "ghcr.io" }, "asc:azure.registryCredentials", "set exactly one of username (with asc:registryPassword) and acrResourceId"],
    [{ server: "acmeprod.azurecr.io", username: "u", acrResourceId: ACR }, "asc:azure.registryCredentials", "set exactly one of username (with asc:registryPassword) and acrResourceId"],
    [{ server: "https://ghcr.io", username: "u" }, "asc:azure.registryCredentials.server", "must be a lowercase registry host such as ghcr.io or myacr.azurecr.io"],
  ])("GIVEN registryCredentials %j THEN the schema refuses it at %s", (credentials, path, message) => {
    expect(problemsOf(() => resolve(azure({ azure: { registryCredentials: credentials } })))[0]).toMatchObject({ path, message });
  });

  it("GIVEN an ACR whose login server is another host THEN it is refused with the registry's own host", () => {
    expect(problemsOf(() => resolve(azure({ azure: { registryCredentials: { server: "other.azurecr.io", acrResourceId: ACR } } })))).toEqual([
      { path: "asc:azure.registryCredentials.server", value: "other.azurecr.io", source: "stacks/Pulumi.test.yaml", message: "is not the login server of the registry acmeprod named by acrResourceId", allowed: "acmeprod.azurecr.io", fix: "set asc:azure.registryCredentials.server to acmeprod.azurecr.io, the host your image references use" },
    ]);
  });

  it("GIVEN a registry password without a registry user THEN it is refused as unused", () => {
    expect(problemsOf(() => resolve(azure({ registryPassword: "[encrypted in profile]" })))).toEqual([
      { path: "asc:registryPassword", value: "[secret]", source: "stacks/Pulumi.test.yaml", message: "is set but no registry user uses it", allowed: "a password only with asc:azure.registryCredentials.username (Azure)", fix: "set asc:azure.registryCredentials.server and .username, or run: pulumi config rm asc:registryPassword -s <profile>" },
    ]);
  });

  it("GIVEN Azure registry credentials on AWS THEN they are refused with the AWS key to use", () => {
    expect(problemsOf(() => resolve(base("staging", { azure: { registryCredentials: { server: "ghcr.io", username: "acme-bot" } } })))).toEqual([
      { path: "asc:azure.registryCredentials.server", value: "ghcr.io", source: "stacks/Pulumi.test.yaml", message: "Container Apps registry credentials are Azure only", allowed: "(unset on AWS)", fix: "use asc:aws.registryCredentials (a Secrets Manager secret ARN) on AWS, and remove asc:azure.registryCredentials" },
    ]);
  });
});
