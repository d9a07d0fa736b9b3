import * as pulumi from "@pulumi/pulumi";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";
import { MOCK_RANDOM_PREFIX, mockRandomValue } from "../../../src/preview/mocks.js";
import { Database, DATABASE_TYPE, enhancedMonitoringTrustPolicy, rdsInstanceIdentifier, resolveDatabaseArgs, type DatabaseArgs, type EnhancedMonitoringInterval } from "../../../src/components/aws/database.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const KMS = "arn:aws:kms:eu-west-1:123456789012:key/db-key";
const TAGS = { project: "asc", profile: "test", tier: "staging", "managed-by": "asc" };

const baseArgs: DatabaseArgs = {
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-db",
  kmsKeyArn: KMS,
  size: "medium",
  storageGiB: 50,
  engineVersion: "16",
  multiAz: true,
  deletionProtection: true,
  backupRetentionDays: 14,
  iamAuthentication: true,
  databaseName: "app",
  username: "app_admin",
  passwordEpoch: 0,
  finalSnapshot: true,
  tags: TAGS,
};

/** Builds the component and waits until every child has registered. */
async function build(name: string, overrides: Partial<DatabaseArgs> = {}): Promise<Database> {
  const db = new Database(name, { ...baseArgs, ...overrides });
  await Promise.all([promiseOf(db.databaseUrlSecretArn), promiseOf(db.credentialsSecretArn), promiseOf(db.address)]);
  await new Promise((r) => setTimeout(r, 50));
  return db;
}

/** The plaintext the mock provider received for a secret, read from the mock monitor (never from the captured graph). */
function storedSecretString(resourceName: string): string {
  const monitor = pulumi.runtime.getMonitor() as unknown as { getRegisteredResources(): Map<string, { state: Record<string, any> }> };
  const hit = [...monitor.getRegisteredResources()].find(([urn]) => urn.endsWith(`::${resourceName}`));
  if (!hit) throw new Error(`no registered resource ${resourceName}`);
  return hit[1].state.secretString.value;
}

describe("resolveDatabaseArgs", () => {
  it("GIVEN only required args WHEN resolved THEN defaults are applied and sizes mapped", () => {
    const resolved = resolveDatabaseArgs(baseArgs);
    expect(resolved).toMatchObject({
      maxStorageGiB: 100,
      allowPublicAccess: false,
      secretRecoveryWindowDays: 30,
      instanceClass: "db.t4g.medium",
      parameterGroupFamily: "postgres16",
    });
    expect(resolved.publicAccess).toBeUndefined();
    expect(resolved.logRetentionDays).toBeUndefined();
  });

  it("GIVEN explicit undefined optionals WHEN resolved THEN the defaults still apply", () => {
    const resolved = resolveDatabaseArgs({ ...baseArgs, maxStorageGiB: undefined, allowPublicAccess: undefined, secretRecoveryWindowDays: undefined });
    expect([resolved.maxStorageGiB, resolved.allowPublicAccess, resolved.secretRecoveryWindowDays]).toEqual([100, false, 30]);
  });

  it("GIVEN explicit optionals WHEN resolved THEN they win over the defaults", () => {
    const resolved = resolveDatabaseArgs({ ...baseArgs, maxStorageGiB: 60, secretRecoveryWindowDays: 0, logRetentionDays: 30 });
    expect([resolved.maxStorageGiB, resolved.secretRecoveryWindowDays, resolved.logRetentionDays]).toEqual([60, 0, 30]);
  });

  it.each<[string, Partial<DatabaseArgs>, string]>([
    [
      "publicAccess without allowPublicAccess",
      { publicAccess: { cidrs: ["203.0.113.7/32"] } },
      'Database: publicAccess is set (cidrs ["203.0.113.7/32"]) but allowPublicAccess is not true. A public database is a dev-only override: set allowPublicAccess: true together with publicAccess in a dev profile, or remove publicAccess.',
    ],
    [
      "publicAccess with allowPublicAccess false",
      { publicAccess: { cidrs: ["203.0.113.7/32"] }, allowPublicAccess: false },
      'Database: publicAccess is set (cidrs ["203.0.113.7/32"]) but allowPublicAccess is not true. A public database is a dev-only override: set allowPublicAccess: true together with publicAccess in a dev profile, or remove publicAccess.',
    ],
    [
      "publicAccess with no CIDRs",
      { publicAccess: { cidrs: [] }, allowPublicAccess: true },
      'Database: publicAccess.cidrs is empty. List the CIDRs allowed to reach 5432, e.g. ["203.0.113.7/32"], or remove publicAccess.',
    ],
    [
      "maxStorageGiB below storageGiB",
      { maxStorageGiB: 40 },
      "Database: maxStorageGiB (40) is below storageGiB (50). Set maxStorageGiB to at least 50, or leave it unset for 2 × storageGiB.",
    ],
    ["storage below the gp3 minimum", { storageGiB: 10 }, "Database: storageGiB is 10; gp3 storage must be a whole number of at least 20 GiB. Set storageGiB to 20 or more."],
    ["a negative password epoch", { passwordEpoch: -1 }, "Database: passwordEpoch is -1; it must be a whole number of 0 or more. Bump it by one to rotate the password."],
    [
      "a log key without a retention",
      { logKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/logs" },
      "Database: logKmsKeyArn is set but logRetentionDays is not; asc creates (and encrypts) the exported-log groups only with a retention. Set logRetentionDays too, or drop logKmsKeyArn.",
    ],
    [
      "an Enhanced Monitoring interval RDS refuses",
      { monitoringIntervalSeconds: 20 as EnhancedMonitoringInterval },
      "Database: monitoringIntervalSeconds is 20; RDS Enhanced Monitoring allows 0, 1, 5, 10, 15, 30, 60 (0 turns it off). Pick one of those, or leave it unset.",
    ],
    [
      "a log retention CloudWatch refuses",
      { logRetentionDays: 10 },
      "Database: logRetentionDays is 10; CloudWatch Logs allows 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Pick one of those, or leave it unset.",
    ],
  ])("GIVEN %s WHEN resolved THEN it throws naming the args", (_, overrides, message) => {
    expect(() => resolveDatabaseArgs({ ...baseArgs, ...overrides })).toThrow(message);
  });

  it("GIVEN publicAccess together with allowPublicAccess WHEN resolved THEN it is accepted", () => {
    const resolved = resolveDatabaseArgs({ ...baseArgs, publicAccess: { cidrs: ["203.0.113.7/32"] }, allowPublicAccess: true });
    expect(resolved.publicAccess).toEqual({ cidrs: ["203.0.113.7/32"] });
  });
});

describe("enhancedMonitoringTrustPolicy", () => {
  it("GIVEN an instance WHEN the trust policy is built THEN RDS monitoring may assume the role for that instance of that account only", () => {
    expect(enhancedMonitoringTrustPolicy("aws", "eu-west-1", "123456789012", "prod-db")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "monitoring.rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" }, ArnLike: { "aws:SourceArn": "arn:aws:rds:eu-west-1:123456789012:db:prod-db" } },
        },
      ],
    });
  });
});

describe("rdsInstanceIdentifier", () => {
  it.each(["db", "acme-dev-db", "a1", `a${"b".repeat(62)}`])("GIVEN %s WHEN checked THEN it is the identifier", (name) => {
    expect(rdsInstanceIdentifier(name)).toBe(name);
  });

  it.each(["Acme-db", "1db", "acme--db", "acme-db-", "acme_db", `a${"b".repeat(63)}`, ""])("GIVEN %j WHEN checked THEN it throws with the rules", (name) => {
    expect(() => rdsInstanceIdentifier(name)).toThrow(
      `Database: the name ${JSON.stringify(name)} is not a valid RDS instance identifier; allowed: 1-63 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Rename the component, e.g. "acme-dev-db".`,
    );
  });
});

describe("Database", () => {
  it("GIVEN the default args WHEN built THEN the subnet and parameter groups get exact inputs under the component", async () => {
    await build("db");
    const { graph } = mocked;
    const component = graph.byName("db");
    expect(component.type).toBe(DATABASE_TYPE);
    const subnets = graph.byName("db-subnets");
    expect(subnets.type).toBe("aws:rds/subnetGroup:SubnetGroup");
    expect(subnets.parent).toBe(component.urn);
    expect(subnets.inputs).toEqual({ description: "Subnets of db", subnetIds: ["subnet-a", "subnet-b"], tags: TAGS });
    const params = graph.byName("db-params");
    expect(params.type).toBe("aws:rds/parameterGroup:ParameterGroup");
    expect(params.parent).toBe(component.urn);
    expect(params.inputs).toEqual({
      family: "postgres16",
      description: "TLS-only postgres16 for db",
      parameters: [
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        { name: "log_min_duration_statement", value: "1000", applyMethod: "immediate" },
      ],
      tags: TAGS,
    });
  });

  it("GIVEN the default args WHEN built THEN the password is 40 alphanumerics keyed on the epoch", async () => {
    await build("db", { passwordEpoch: 3 });
    const password = mocked.graph.byName("db-password");
    expect(password.type).toBe("random:index/randomPassword:RandomPassword");
    expect(password.parent).toBe(mocked.graph.byName("db").urn);
    expect(password.inputs).toEqual({ length: 40, special: false, keepers: { epoch: "3" } });
  });

  it("GIVEN the default args WHEN built THEN the instance gets exact inputs and depends on its groups and password", async () => {
    await build("db");
    const { graph } = mocked;
    const instance = graph.byName("db-instance");
    expect(instance.type).toBe("aws:rds/instance:Instance");
    expect(instance.parent).toBe(graph.byName("db").urn);
    expect(instance.inputs).toEqual({
      identifier: "db",
      engine: "postgres",
      engineVersion: "16",
      allowMajorVersionUpgrade: true,
      autoMinorVersionUpgrade: true,
      instanceClass: "db.t4g.medium",
      allocatedStorage: 50,
      maxAllocatedStorage: 100,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: KMS,
      dbName: "app",
      username: "app_admin",
      password: "[secret]",
      port: 5432,
      dbSubnetGroupName: "db-subnets-id",
      parameterGroupName: "db-params-id",
      vpcSecurityGroupIds: ["sg-db"],
      publiclyAccessible: false,
      multiAz: true,
      deletionProtection: true,
      backupRetentionPeriod: 14,
      copyTagsToSnapshot: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: expect.stringMatching(/^db-final-[0-9a-f]{8}$/),
      applyImmediately: false,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: KMS,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      monitoringInterval: 0,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      tags: TAGS,
    });
    expect(instance.secretInputs).toEqual(["password"]);
    expect(instance.propertyDependencies.dbSubnetGroupName).toEqual([graph.byName("db-subnets").urn]);
    expect(instance.propertyDependencies.parameterGroupName).toEqual([graph.byName("db-params").urn]);
    expect(instance.propertyDependencies.password).toEqual([graph.byName("db-password").urn]);
    expect(instance.propertyDependencies.finalSnapshotIdentifier).toEqual([graph.byName("db-final-snapshot-suffix").urn]);
    const inputDeps = ["db-subnets", "db-params", "db-password", "db-final-snapshot-suffix"].map((n) => graph.byName(n).urn);
    expect([...instance.dependencies].sort()).toEqual(inputDeps.sort());
  });

  it.each<[string, Partial<DatabaseArgs>, Record<string, unknown>]>([
    [
      "a dev database",
      { size: "small", engineVersion: "15", multiAz: false, deletionProtection: false, backupRetentionDays: 1, iamAuthentication: false, finalSnapshot: false, maxStorageGiB: 50 },
      { instanceClass: "db.t4g.small", engineVersion: "15", multiAz: false, deletionProtection: false, backupRetentionPeriod: 1, iamDatabaseAuthenticationEnabled: false, skipFinalSnapshot: true, maxAllocatedStorage: 50 },
    ],
    [
      "a production database",
      { size: "xlarge", engineVersion: "17", storageGiB: 200, backupRetentionDays: 35 },
      { instanceClass: "db.m7g.xlarge", engineVersion: "17", allocatedStorage: 200, maxAllocatedStorage: 400, backupRetentionPeriod: 35, skipFinalSnapshot: false, finalSnapshotIdentifier: expect.stringMatching(/^db-final-[0-9a-f]{8}$/) },
    ],
  ])("GIVEN %s WHEN built THEN the instance reflects it", async (_, overrides, expected) => {
    await build("db", overrides);
    const instance = mocked.graph.byName("db-instance");
    expect(instance.inputs).toMatchObject(expected);
    if (overrides.finalSnapshot === false) expect(instance.inputs).not.toHaveProperty("finalSnapshotIdentifier");
    if (overrides.engineVersion) expect(mocked.graph.byName("db-params").inputs.family).toBe(`postgres${overrides.engineVersion}`);
  });

  it("GIVEN the default args WHEN built THEN both secrets are KMS-encrypted, secret in the graph and depend on the instance and password", async () => {
    await build("db");
    const { graph } = mocked;
    const component = graph.byName("db");
    const instance = graph.byName("db-instance");
    const password = graph.byName("db-password");
    for (const [part, description] of [
      ["credentials", "Master credentials of db"],
      ["database-url", "DATABASE_URL of db"],
    ]) {
      const secret = graph.byName(`db-${part}`);
      expect(secret.type).toBe("aws:secretsmanager/secret:Secret");
      expect(secret.parent).toBe(component.urn);
      expect(secret.inputs).toEqual({ description, kmsKeyId: KMS, recoveryWindowInDays: 30, tags: TAGS });
      const version = graph.byName(`db-${part}-version`);
      expect(version.type).toBe("aws:secretsmanager/secretVersion:SecretVersion");
      expect(version.parent).toBe(component.urn);
      expect(version.inputs).toEqual({ secretId: `db-${part}-id`, secretString: "[secret]" });
      expect(version.secretInputs).toEqual(["secretString"]);
      expect(version.propertyDependencies.secretId).toEqual([secret.urn]);
      expect([...version.propertyDependencies.secretString].sort()).toEqual([instance.urn, password.urn].sort());
    }
  });

  it("GIVEN the default args WHEN built THEN DATABASE_URL and the credentials hold the asyncpg URL and JSON the app expects", async () => {
    await build("db");
    const password = mockRandomValue("db-password", 40, { epoch: "0" });
    const host = "db-instance.abcdefgh.eu-west-1.rds.amazonaws.com";
    expect(storedSecretString("db-database-url-version")).toBe(`postgresql+asyncpg://app_admin:${password}@${host}:5432/app?ssl=require`);
    expect(JSON.parse(storedSecretString("db-credentials-version"))).toEqual({ engine: "postgres", host, port: 5432, username: "app_admin", password, dbname: "app" });
  });

  it("GIVEN the default args WHEN built THEN no random value appears anywhere in the captured graph or the component outputs", async () => {
    await build("db");
    const serialized = JSON.stringify(mocked.graph.resources) + JSON.stringify([...mocked.graph.componentOutputs.values()]);
    expect(serialized).not.toContain(MOCK_RANDOM_PREFIX);
  });

  it("GIVEN the default args WHEN built THEN the outputs are the instance address, port, identifier and the two secret ARNs", async () => {
    const db = await build("db");
    expect(await promiseOf(db.address)).toBe("db-instance.abcdefgh.eu-west-1.rds.amazonaws.com");
    expect(await promiseOf(db.port)).toBe(5432);
    expect(await promiseOf(db.instanceIdentifier)).toBe("db");
    expect(await promiseOf(db.databaseUrlSecretArn)).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-database-url-mock-AbCdEf");
    expect(await promiseOf(db.credentialsSecretArn)).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-credentials-mock-AbCdEf");
    expect(Object.keys(mocked.graph.componentOutputs.get(mocked.graph.byName("db").urn) ?? {}).sort()).toEqual(
      ["address", "credentialsSecretArn", "databaseUrlSecretArn", "instanceIdentifier", "port"],
    );
  });

  it("GIVEN no dev override WHEN built THEN no ingress rule or log group is created", async () => {
    await build("db");
    expect(mocked.graph.byType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).toEqual([]);
    expect(mocked.graph.byType("aws:cloudwatch/logGroup:LogGroup")).toEqual([]);
  });

  it("GIVEN publicAccess without allowPublicAccess WHEN constructed THEN it throws naming both", () => {
    expect(() => new Database("db-public", { ...baseArgs, publicAccess: { cidrs: ["203.0.113.7/32"] } })).toThrow(
      'Database: publicAccess is set (cidrs ["203.0.113.7/32"]) but allowPublicAccess is not true. A public database is a dev-only override: set allowPublicAccess: true together with publicAccess in a dev profile, or remove publicAccess.',
    );
  });

  it("GIVEN the dev override WHEN built THEN the instance is public and 5432 opens on the given SG for each CIDR", async () => {
    await build("devdb", { publicAccess: { cidrs: ["203.0.113.7/32", "2001:db8::/64"] }, allowPublicAccess: true });
    const { graph } = mocked;
    expect(graph.byName("devdb-instance").inputs.publiclyAccessible).toBe(true);
    const rules = graph.byType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(rules.map((r) => r.name)).toEqual(["devdb-public-ingress-0", "devdb-public-ingress-1"]);
    expect(rules.map((r) => r.parent)).toEqual([graph.byName("devdb").urn, graph.byName("devdb").urn]);
    expect(rules[0].inputs).toEqual({
      securityGroupId: "sg-db",
      description: "Dev override: Postgres from 203.0.113.7/32",
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      cidrIpv4: "203.0.113.7/32",
      tags: TAGS,
    });
    expect(rules[1].inputs).toEqual({
      securityGroupId: "sg-db",
      description: "Dev override: Postgres from 2001:db8::/64",
      ipProtocol: "tcp",
      fromPort: 5432,
      toPort: 5432,
      cidrIpv6: "2001:db8::/64",
      tags: TAGS,
    });
  });

  it("GIVEN logRetentionDays WHEN built THEN both log groups exist with that retention before the instance", async () => {
    await build("db", { logRetentionDays: 30 });
    const { graph } = mocked;
    const groups = ["postgresql", "upgrade"].map((t) => graph.byName(`db-log-${t}`));
    expect(groups.map((g) => g.inputs)).toEqual([
      { name: "/aws/rds/instance/db/postgresql", retentionInDays: 30, tags: TAGS },
      { name: "/aws/rds/instance/db/upgrade", retentionInDays: 30, tags: TAGS },
    ]);
    expect(groups.map((g) => g.parent)).toEqual([graph.byName("db").urn, graph.byName("db").urn]);
    const inputDeps = ["db-subnets", "db-params", "db-password", "db-final-snapshot-suffix"].map((n) => graph.byName(n).urn);
    expect([...graph.byName("db-instance").dependencies].sort()).toEqual([...groups.map((g) => g.urn), ...inputDeps].sort());
  });

  it("GIVEN logRetentionDays and a log key WHEN built THEN both groups have the names RDS publishes to and are KMS-encrypted", async () => {
    const LOGS_KMS = "arn:aws:kms:eu-west-1:123456789012:key/logs";
    await build("db", { logRetentionDays: 365, logKmsKeyArn: LOGS_KMS });
    expect(["postgresql", "upgrade"].map((t) => mocked.graph.byName(`db-log-${t}`).inputs)).toEqual([
      { name: "/aws/rds/instance/db/postgresql", retentionInDays: 365, kmsKeyId: LOGS_KMS, tags: TAGS },
      { name: "/aws/rds/instance/db/upgrade", retentionInDays: 365, kmsKeyId: LOGS_KMS, tags: TAGS },
    ]);
  });

  it("GIVEN no monitoring interval WHEN built THEN there is no monitoring role and the instance's interval is 0", async () => {
    await build("db");
    expect(mocked.graph.byType("aws:iam/role:Role")).toEqual([]);
    expect(mocked.graph.byName("db-instance").inputs).not.toHaveProperty("monitoringRoleArn");
  });

  it("GIVEN a 60-second monitoring interval WHEN built THEN the instance publishes with a role only RDS monitoring of this instance may assume, holding the AWS managed policy", async () => {
    await build("db", { monitoringIntervalSeconds: 60 });
    const { graph } = mocked;
    const role = graph.byName("db-monitoring-role");
    expect(role.parent).toBe(graph.byName("db").urn);
    expect(role.inputs).toEqual({ description: "RDS Enhanced Monitoring of db: publish OS metrics to CloudWatch Logs", assumeRolePolicy: expect.any(String), tags: TAGS });
    expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual(enhancedMonitoringTrustPolicy("aws", "eu-west-1", "123456789012", "db"));
    const attachment = graph.byName("db-monitoring-policy");
    expect(attachment.inputs).toEqual({ role: "db-monitoring-role-id", policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" });
    const instance = graph.byName("db-instance");
    expect(instance.inputs).toMatchObject({ monitoringInterval: 60, monitoringRoleArn: "arn:aws:iam:eu-west-1:123456789012:role/db-monitoring-role-mock" });
    expect(instance.dependencies).toContain(attachment.urn);
  });

  it("GIVEN secretRecoveryWindowDays 0 WHEN built THEN both secrets are deleted without recovery", async () => {
    await build("db", { secretRecoveryWindowDays: 0 });
    expect(mocked.graph.byName("db-credentials").inputs.recoveryWindowInDays).toBe(0);
    expect(mocked.graph.byName("db-database-url").inputs.recoveryWindowInDays).toBe(0);
  });

  it("GIVEN a name RDS refuses WHEN constructed THEN it throws before creating children", () => {
    expect(() => new Database("Bad--Name", baseArgs)).toThrow('Database: the name "Bad--Name" is not a valid RDS instance identifier');
  });
});
