import fc from "fast-check";
import type { EnvEntry } from "../../../src/contract/types.js";
import {
  checkLogRetentionDays,
  checkNonRootUser,
  containerDefinition,
  definedOnly,
  ecsTasksTrustPolicy,
  executionRolePolicy,
  secretArnOf,
  toContainerEnvironment,
  volumeNameFor,
} from "../../../src/components/aws/task-definition.js";

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-AbCdEf`;
const KMS = "arn:aws:kms:eu-west-1:123456789012:key/k-0000";
const LOGS = "arn:aws:logs:eu-west-1:123456789012:log-group:api-logs";

describe("toContainerEnvironment", () => {
  it.each<[string, EnvEntry<string>[], ReturnType<typeof toContainerEnvironment<string>>]>([
    ["no entries", [], { environment: [], secrets: [] }],
    ["a literal", [{ name: "PORT", source: "literal", value: "8000" }], { environment: [{ name: "PORT", value: "8000" }], secrets: [] }],
    ["an output", [{ name: "S3_BUCKET", source: "output", value: "bucket-1" }], { environment: [{ name: "S3_BUCKET", value: "bucket-1" }], secrets: [] }],
    [
      "a Secrets Manager reference",
      [{ name: "DATABASE_URL", source: "secret", ref: { store: "aws-secrets-manager", arn: ARN("db") } }],
      { environment: [], secrets: [{ name: "DATABASE_URL", valueFrom: ARN("db") }] },
    ],
    [
      "a mix, in contract order",
      [
        { name: "ENVIRONMENT", source: "literal", value: "production" },
        { name: "SECRET_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: ARN("sk") } },
        { name: "APP_PUBLIC_URL", source: "output", value: "https://app.example.com" },
        { name: "OPENAI_API_KEY", source: "secret", ref: { store: "aws-secrets-manager", arn: ARN("openai") } },
      ],
      {
        environment: [
          { name: "ENVIRONMENT", value: "production" },
          { name: "APP_PUBLIC_URL", value: "https://app.example.com" },
        ],
        secrets: [
          { name: "SECRET_KEY", valueFrom: ARN("sk") },
          { name: "OPENAI_API_KEY", valueFrom: ARN("openai") },
        ],
      },
    ],
  ])("GIVEN %s WHEN split THEN environment and secrets are exact", (_label, entries, expected) => {
    expect(toContainerEnvironment(entries)).toEqual(expected);
  });

  it("GIVEN a Key Vault reference WHEN split for ECS THEN it throws naming the variable and the fix", () => {
    const entries: EnvEntry<string>[] = [{ name: "REDIS_URL", source: "secret", ref: { store: "azure-key-vault", secretUri: "https://v.vault.azure.net/secrets/redis", secretName: "redis" } }];
    expect(() => toContainerEnvironment(entries)).toThrow(
      "env contract: REDIS_URL references a secret in azure-key-vault (redis); an ECS task can only read secrets from aws-secrets-manager. Bind REDIS_URL to an aws-secrets-manager reference.",
    );
  });

  it("GIVEN the same variable twice WHEN split THEN it throws naming it", () => {
    const entries: EnvEntry<string>[] = [
      { name: "PORT", source: "literal", value: "8000" },
      { name: "PORT", source: "literal", value: "3000" },
    ];
    expect(() => toContainerEnvironment(entries)).toThrow("env contract: PORT appears twice; ECS would keep only one of the values. Pass each variable once.");
  });

  const entryArb: fc.Arbitrary<EnvEntry<string>> = fc.oneof(
    fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/), source: fc.constant("literal" as const), value: fc.string() }),
    fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/), source: fc.constant("output" as const), value: fc.string() }),
    fc.record({
      name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/),
      source: fc.constant("secret" as const),
      ref: fc.record({ store: fc.constant("aws-secrets-manager" as const), arn: fc.string({ minLength: 1 }).map(ARN) }),
    }),
  );

  it("PROPERTY: no secret entry ever lands in environment, every literal/output lands there exactly once, every secret in secrets exactly once", () => {
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.name, maxLength: 30 }), (entries) => {
        const { environment, secrets } = toContainerEnvironment(entries);
        const envNames = environment.map((e) => e.name);
        for (const entry of entries) {
          if (entry.source === "secret") {
            expect(envNames).not.toContain(entry.name);
            expect(secrets.filter((s) => s.name === entry.name)).toEqual([{ name: entry.name, valueFrom: (entry.ref as { arn: string }).arn }]);
          } else {
            expect(environment.filter((e) => e.name === entry.name)).toEqual([{ name: entry.name, value: entry.value }]);
          }
        }
        expect(environment.length + secrets.length).toBe(entries.length);
      }),
    );
  });
});

describe("secretArnOf", () => {
  it.each([
    [ARN("db"), ARN("db")],
    [`${ARN("db")}:password::`, ARN("db")],
    [`${ARN("db")}:password:AWSCURRENT:`, ARN("db")],
  ])("GIVEN valueFrom %s WHEN reduced THEN the secret ARN is %s", (valueFrom, expected) => {
    expect(secretArnOf(valueFrom)).toBe(expected);
  });
});

describe("containerDefinition", () => {
  const env = { environment: [{ name: "PORT", value: "8000" }], secrets: [{ name: "SECRET_KEY", valueFrom: ARN("sk") }] };

  it("GIVEN a served container with a command and health check WHEN built THEN every field is exact", () => {
    expect(
      containerDefinition({
        name: "api",
        image: "repo/api@sha256:abc",
        user: "10001",
        command: ["uvicorn", "app:app"],
        containerPort: 8000,
        env,
        logGroupName: "api-logs",
        region: "eu-west-1",
        logStreamPrefix: "api",
        healthCheck: { command: ["CMD-SHELL", "curl -fsS http://127.0.0.1:8000/health || exit 1"] },
        writablePaths: ["/tmp"],
      }),
    ).toEqual({
      name: "api",
      image: "repo/api@sha256:abc",
      essential: true,
      user: "10001",
      readonlyRootFilesystem: true,
      privileged: false,
      command: ["uvicorn", "app:app"],
      portMappings: [{ containerPort: 8000, protocol: "tcp" }],
      environment: [{ name: "PORT", value: "8000" }],
      secrets: [{ name: "SECRET_KEY", valueFrom: ARN("sk") }],
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "api-logs", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api" } },
      mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
      linuxParameters: { initProcessEnabled: true },
      healthCheck: { command: ["CMD-SHELL", "curl -fsS http://127.0.0.1:8000/health || exit 1"] },
    });
  });

  it("GIVEN no port, command or health check WHEN built THEN there are no port mappings and no command or healthCheck keys", () => {
    const def = containerDefinition({ name: "worker", image: "img", user: "10001", env, logGroupName: "g", region: "eu-west-1", logStreamPrefix: "worker", writablePaths: ["/tmp"] });
    expect(def.portMappings).toEqual([]);
    expect(Object.keys(def)).not.toContain("command");
    expect(Object.keys(def)).not.toContain("healthCheck");
    expect(Object.keys(def)).not.toContain("dockerLabels");
  });

  it("GIVEN the web's writable paths WHEN built THEN each is mounted writable from its own volume, and the root filesystem stays read-only", () => {
    const def = containerDefinition({ name: "web", image: "img", user: "10001", env, logGroupName: "g", region: "eu-west-1", logStreamPrefix: "web", writablePaths: ["/tmp", "/app/.next/cache"] });
    expect(def.mountPoints).toEqual([
      { sourceVolume: "tmp", containerPath: "/tmp", readOnly: false },
      { sourceVolume: "app-next-cache", containerPath: "/app/.next/cache", readOnly: false },
    ]);
    expect(def.readonlyRootFilesystem).toBe(true);
  });

  it("GIVEN the writable-root-filesystem exemption WHEN built THEN the root filesystem is writable and the container carries the exemption label", () => {
    const def = containerDefinition({ name: "web", image: "img", user: "10001", env, logGroupName: "g", region: "eu-west-1", logStreamPrefix: "web", writablePaths: ["/tmp"], writableRootFilesystem: true });
    expect(def.readonlyRootFilesystem).toBe(false);
    expect(def.dockerLabels).toEqual({ "asc.exemption.writable-root-filesystem": "the image cannot run with a read-only root filesystem (not allowed in production)" });
  });
});

describe("volumeNameFor", () => {
  it.each([["/tmp", "tmp"], ["/app/.next/cache", "app-next-cache"], ["/var/lib/app_data", "var-lib-app_data"]])("GIVEN %s WHEN named THEN the volume is %s", (path, name) => {
    expect(volumeNameFor(path)).toBe(name);
  });

  it.each(["tmp", "/app/../etc", "/a b"])("GIVEN %s WHEN named THEN it throws", (path) => {
    expect(() => volumeNameFor(path)).toThrow(`writable path ${JSON.stringify(path)} is not an absolute container path; pass one such as "/tmp".`);
  });
});

describe("executionRolePolicy", () => {
  const ECR_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:abc";
  const GHCR_IMAGE = "ghcr.io/acme/api@sha256:abc";
  const ecrPull = [
    { Sid: "PullImageAuth", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
    { Sid: "PullImage", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: ["*"] },
  ];
  const logs = { Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [LOGS, `${LOGS}:log-stream:*`] };
  const base = [...ecrPull, logs];
  const policy = (secretArns: string[], image = ECR_IMAGE, registryCredentials?: { secretArn: string; kmsKeyArn?: string }) =>
    executionRolePolicy({ secretArns, kmsKeyArn: KMS, logGroupArn: LOGS, image, registryCredentials });

  it("GIVEN an image outside ECR and no credentials WHEN built THEN the role has no ECR grant and nothing to pull with", () => {
    expect(policy([], GHCR_IMAGE)).toEqual({ Version: "2012-10-17", Statement: [logs] });
  });

  it("GIVEN an image outside ECR and credentials under a customer-managed key WHEN built THEN the role reads that secret and decrypts with that key, and has no ECR grant", () => {
    const creds = { secretArn: ARN("ghcr"), kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555" };
    expect(policy([], GHCR_IMAGE, creds).Statement).toEqual([
      { Sid: "ReadRegistryCredentials", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [ARN("ghcr")] },
      { Sid: "DecryptRegistryCredentials", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [creds.kmsKeyArn] },
      logs,
    ]);
  });

  it("GIVEN an ECR image and credentials WHEN built THEN only the ECR grants pull it (the credentials are not granted)", () => {
    expect(policy([], ECR_IMAGE, { secretArn: ARN("ghcr") }).Statement).toEqual(base);
  });

  it("GIVEN referenced secrets (one twice, one with a JSON key) WHEN built THEN GetSecretValue lists exactly those secret ARNs, once each, and kms:Decrypt the key", () => {
    expect(policy([ARN("sk"), `${ARN("db")}:password::`, ARN("sk")])).toEqual({
      Version: "2012-10-17",
      Statement: [
        ...base,
        { Sid: "ReadReferencedSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [ARN("db"), ARN("sk")] },
        { Sid: "DecryptReferencedSecrets", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KMS] },
      ],
    });
  });

  it("GIVEN no referenced secrets WHEN built THEN there is no secrets or KMS statement at all", () => {
    expect(policy([])).toEqual({ Version: "2012-10-17", Statement: base });
  });
});

describe("ecsTasksTrustPolicy", () => {
  it("GIVEN an account WHEN built THEN only ecs-tasks from that account may assume the role", () => {
    expect(ecsTasksTrustPolicy("123456789012")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }],
    });
  });
});

describe("argument checks", () => {
  it.each([0, 1, 7, 30, 90, 731, 3653])("GIVEN retention %i WHEN checked THEN it is accepted", (days) => {
    expect(() => checkLogRetentionDays(days, "x logRetentionDays")).not.toThrow();
  });

  it.each([2, 31, -1, 1.5])("GIVEN retention %d WHEN checked THEN it throws with the allowed values", (days) => {
    expect(() => checkLogRetentionDays(days, "x logRetentionDays")).toThrow(
      `x logRetentionDays: ${days} is not a CloudWatch Logs retention; allowed: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Pick one of those values.`,
    );
  });

  it.each(["10001", "1000:1000", "1"])("GIVEN user %s WHEN checked THEN it is accepted", (user) => {
    expect(() => checkNonRootUser(user, "x user")).not.toThrow();
  });

  it.each(["0", "root", "0:0", "", "app", "-1"])("GIVEN user %j WHEN checked THEN it is refused as not non-root", (user) => {
    expect(() => checkNonRootUser(user, "x user")).toThrow(
      `x user: "${user}" is not a non-root numeric user; allowed: a uid other than 0, optionally uid:gid (e.g. "10001"). Pass the image's app uid.`,
    );
  });

  it("GIVEN args with explicit undefined WHEN spread over defaults via definedOnly THEN the defaults survive", () => {
    const args: { user?: string; port?: number } = { user: undefined, port: 1 };
    expect({ user: "10001", ...definedOnly(args) }).toEqual({ user: "10001", port: 1 });
  });
});
