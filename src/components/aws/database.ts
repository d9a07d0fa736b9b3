/**
 * RDS for PostgreSQL: an encrypted, TLS-only instance in private subnets, with its master credentials and the
 * app's DATABASE_URL stored in Secrets Manager. The password comes from `@pulumi/random`; bump `passwordEpoch` to rotate it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./sdk.js";
import * as random from "@pulumi/random";
import { postgresParameterGroupFamily, rdsInstanceClass, type DatabaseSize, type PostgresMajorVersion } from "../../sizing/aws-instances.js";
import { POSTGRES_PORT } from "./network.js";
import { createSecret, DEFAULT_SECRET_RECOVERY_WINDOW_DAYS } from "./secret-value.js";
import { CLOUDWATCH_RETENTION_DAYS, definedOnly } from "./task-definition.js";

export const DATABASE_TYPE = "asc:aws:Database";

/** Log types exported to CloudWatch Logs (`/aws/rds/instance/<identifier>/<type>`). */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"] as const;
/** Queries slower than this are logged, in milliseconds. */
export const SLOW_QUERY_LOG_MS = 1000;
export const RDS_CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";
/** gp3's minimum allocated storage on RDS. */
export const MIN_STORAGE_GIB = 20;
/** Enhanced Monitoring intervals RDS accepts, in seconds; 0 turns it off (RDS API, CreateDBInstance, MonitoringInterval). */
export const ENHANCED_MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;
export type EnhancedMonitoringInterval = (typeof ENHANCED_MONITORING_INTERVALS)[number];
/** The AWS managed policy of the Enhanced Monitoring role (AWS Managed Policy Reference, AmazonRDSEnhancedMonitoringRole). */
export const ENHANCED_MONITORING_POLICY = "service-role/AmazonRDSEnhancedMonitoringRole";

export interface DatabaseArgs {
  /** Subnets of the DB subnet group: private subnets, in at least two AZs (public ones only with `publicAccess`). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security group attached to the instance; it must allow 5432 from the services. */
  readonly securityGroupId: pulumi.Input<string>;
  /** Customer-managed KMS key for storage, Performance Insights and the two secrets. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Instance size, mapped to an instance class by `rdsInstanceClass`. */
  readonly size: DatabaseSize;
  /** Allocated gp3 storage in GiB (at least 20). */
  readonly storageGiB: number;
  /**
   * Storage autoscaling ceiling in GiB; at least `storageGiB`.
   * @default - 2 × storageGiB
   */
  readonly maxStorageGiB?: number;
  /** Postgres major version; RDS picks the newest minor and upgrades minors automatically. */
  readonly engineVersion: PostgresMajorVersion;
  /** Run a standby in a second AZ. */
  readonly multiAz: pulumi.Input<boolean>;
  /** Refuse deletion of the instance. */
  readonly deletionProtection: pulumi.Input<boolean>;
  /** Automated backup retention in days (1–35). */
  readonly backupRetentionDays: pulumi.Input<number>;
  /** Enable IAM database authentication. */
  readonly iamAuthentication: pulumi.Input<boolean>;
  /** Name of the database created with the instance. */
  readonly databaseName: string;
  /** Master user name. */
  readonly username: string;
  /** Rotation epoch of the master password: a new number generates a new password (and DATABASE_URL). */
  readonly passwordEpoch: number;
  /**
   * Dev only: make the instance publicly accessible and open 5432 on `securityGroupId` to these CIDRs.
   * Requires `allowPublicAccess: true`, and public subnets in `subnetIds`.
   * @default - not publicly accessible
   * @example { cidrs: ["203.0.113.7/32"] }
   */
  readonly publicAccess?: { readonly cidrs: readonly string[] };
  /**
   * Must be true for `publicAccess` to be accepted; the blueprint sets it only in dev profiles.
   * @default false
   */
  readonly allowPublicAccess?: boolean;
  /**
   * Take a final snapshot when the instance is deleted, named `<name>-final-<random>`: a snapshot name must be unique
   * in the account and region (RDS DeleteDBInstance, FinalDBSnapshotIdentifier), so a stack created again after a
   * destroy, or an instance replaced, gets a name of its own instead of failing on the first one's snapshot.
   */
  readonly finalSnapshot: boolean;
  /**
   * Apply instance modifications (class, storage, engine version) at once instead of in the next maintenance window
   * (RDS ModifyDBInstance ApplyImmediately; the API's default is false). @default false
   */
  readonly applyImmediately?: boolean;
  /**
   * Retention of the exported Postgres logs, in days. When set, the log groups are created before the instance.
   * @default - RDS creates the log groups itself and keeps logs forever
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key of the exported-log groups; needs `logRetentionDays` (asc creates the groups only then). Its key policy
   * must let CloudWatch Logs use it (LogEncryptionKey).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logKmsKeyArn?: pulumi.Input<string>;
  /**
   * Seconds between Enhanced Monitoring (OS metrics) samples: 1, 5, 10, 15, 30 or 60, or 0 for none. Above 0 asc
   * creates the monitoring role RDS publishes the metrics with, to the account-wide `RDSOSMetrics` log group that RDS
   * itself creates.
   * @default 0
   */
  readonly monitoringIntervalSeconds?: EnhancedMonitoringInterval;
  /**
   * Days Secrets Manager keeps the two secrets after deletion (0 deletes at once, for dev).
   * @default 30
   */
  readonly secretRecoveryWindowDays?: number;
  /** Tags for every taggable child. */
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedDatabaseArgs extends Omit<DatabaseArgs, "maxStorageGiB" | "allowPublicAccess" | "secretRecoveryWindowDays" | "monitoringIntervalSeconds"> {
  readonly maxStorageGiB: number;
  readonly monitoringIntervalSeconds: EnhancedMonitoringInterval;
  readonly allowPublicAccess: boolean;
  readonly secretRecoveryWindowDays: number;
  readonly instanceClass: string;
  readonly parameterGroupFamily: string;
}

/** Applies defaults and refuses conflicting args. Pure. */
export function resolveDatabaseArgs(args: DatabaseArgs): ResolvedDatabaseArgs {
  const resolved: ResolvedDatabaseArgs = {
    maxStorageGiB: args.storageGiB * 2,
    allowPublicAccess: false,
    secretRecoveryWindowDays: DEFAULT_SECRET_RECOVERY_WINDOW_DAYS,
    monitoringIntervalSeconds: 0,
    ...(definedOnly(args) as DatabaseArgs),
    instanceClass: rdsInstanceClass(args.size),
    parameterGroupFamily: postgresParameterGroupFamily(args.engineVersion),
  };
  if (!Number.isInteger(resolved.storageGiB) || resolved.storageGiB < MIN_STORAGE_GIB) {
    throw new Error(`Database: storageGiB is ${resolved.storageGiB}; gp3 storage must be a whole number of at least ${MIN_STORAGE_GIB} GiB. Set storageGiB to ${MIN_STORAGE_GIB} or more.`);
  }
  if (!Number.isInteger(resolved.passwordEpoch) || resolved.passwordEpoch < 0) {
    throw new Error(`Database: passwordEpoch is ${resolved.passwordEpoch}; it must be a whole number of 0 or more. Bump it by one to rotate the password.`);
  }
  if (resolved.maxStorageGiB < resolved.storageGiB) {
    throw new Error(
      `Database: maxStorageGiB (${resolved.maxStorageGiB}) is below storageGiB (${resolved.storageGiB}). Set maxStorageGiB to at least ${resolved.storageGiB}, or leave it unset for 2 × storageGiB.`,
    );
  }
  if (resolved.publicAccess && !resolved.allowPublicAccess) {
    throw new Error(
      `Database: publicAccess is set (cidrs ${JSON.stringify(resolved.publicAccess.cidrs)}) but allowPublicAccess is not true. A public database is a dev-only override: set allowPublicAccess: true together with publicAccess in a dev profile, or remove publicAccess.`,
    );
  }
  if (resolved.publicAccess && resolved.publicAccess.cidrs.length === 0) {
    throw new Error("Database: publicAccess.cidrs is empty. List the CIDRs allowed to reach 5432, e.g. [\"203.0.113.7/32\"], or remove publicAccess.");
  }
  const retention = resolved.logRetentionDays;
  if (retention !== undefined && !(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(retention)) {
    throw new Error(`Database: logRetentionDays is ${retention}; CloudWatch Logs allows ${CLOUDWATCH_RETENTION_DAYS.join(", ")}. Pick one of those, or leave it unset.`);
  }
  if (resolved.logKmsKeyArn !== undefined && retention === undefined) {
    throw new Error("Database: logKmsKeyArn is set but logRetentionDays is not; asc creates (and encrypts) the exported-log groups only with a retention. Set logRetentionDays too, or drop logKmsKeyArn.");
  }
  const interval = resolved.monitoringIntervalSeconds;
  if (!(ENHANCED_MONITORING_INTERVALS as readonly number[]).includes(interval)) {
    throw new Error(`Database: monitoringIntervalSeconds is ${interval}; RDS Enhanced Monitoring allows ${ENHANCED_MONITORING_INTERVALS.join(", ")} (0 turns it off). Pick one of those, or leave it unset.`);
  }
  return resolved;
}

/** The RDS instance identifier for a component name; RDS lower-cases identifiers, so anything else would diff forever. Pure. */
export function rdsInstanceIdentifier(name: string): string {
  if (!/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,62}$/.test(name)) {
    throw new Error(
      `Database: the name ${JSON.stringify(name)} is not a valid RDS instance identifier; allowed: 1-63 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Rename the component, e.g. "acme-dev-db".`,
    );
  }
  return name;
}

/**
 * Who may assume the Enhanced Monitoring role: the RDS monitoring service (`monitoring.rds.amazonaws.com`), for this
 * DB instance of this account only (Amazon RDS User Guide, "Setting up and enabling Enhanced Monitoring": the role's
 * trusted entity, and "Protecting against the confused deputy problem": aws:SourceArn and aws:SourceAccount). Pure.
 */
export function enhancedMonitoringTrustPolicy(partition: string, region: string, accountId: string, identifier: string): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "monitoring.rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": `arn:${partition}:rds:${region}:${accountId}:db:${identifier}` } },
      },
    ],
  };
}

/** A PostgreSQL database on RDS. Outputs hold references only: the password is never an output. */
export class Database extends pulumi.ComponentResource {
  /** Host name of the instance. */
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  /** RDS instance identifier (equal to the component name). */
  readonly instanceIdentifier: pulumi.Output<string>;
  /** Secrets Manager ARN of DATABASE_URL (`postgresql+asyncpg://…?ssl=require`). */
  readonly databaseUrlSecretArn: pulumi.Output<string>;
  /** DATABASE_URL's versioned ECS `valueFrom` (`<arn>:::<version-id>`): a new password rolls what references it. */
  readonly databaseUrlValueFrom: pulumi.Output<string>;
  /** Secrets Manager ARN of the master credentials JSON: engine, host, port, username, password, dbname. */
  readonly credentialsSecretArn: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(DATABASE_TYPE, name, {}, opts);
    const resolved = resolveDatabaseArgs(args);
    const identifier = rdsInstanceIdentifier(name);

    const subnetGroup = this.createSubnetGroup(name, resolved);
    const parameterGroup = this.createParameterGroup(name, resolved);
    const password = this.createPassword(name, resolved);
    const logGroups = this.createLogGroups(name, identifier, resolved);
    const monitoring = resolved.monitoringIntervalSeconds > 0 ? this.createMonitoringRole(name, identifier, resolved) : undefined;
    // A new suffix whenever an input that replaces the instance changes (its keepers), and in every new stack.
    const finalSnapshotSuffix = resolved.finalSnapshot
      ? new random.RandomId(`${name}-final-snapshot-suffix`, { byteLength: 4, keepers: { identifier, dbName: resolved.databaseName, username: resolved.username, kmsKeyId: resolved.kmsKeyArn } }, { parent: this }).hex
      : undefined;
    const instance = this.createInstance(name, identifier, resolved, { subnetGroup, parameterGroup, password, logGroups, monitoring, finalSnapshotSuffix });
    this.createPublicIngress(name, resolved);
    const credentials = this.createCredentialsSecret(name, resolved, instance, password);
    const databaseUrl = this.createDatabaseUrlSecret(name, resolved, instance, password);

    this.address = instance.address;
    this.port = instance.port;
    this.instanceIdentifier = instance.identifier;
    this.databaseUrlSecretArn = databaseUrl.arn;
    this.databaseUrlValueFrom = databaseUrl.valueFrom;
    this.credentialsSecretArn = credentials.arn;
    this.registerOutputs({
      address: this.address,
      port: this.port,
      instanceIdentifier: this.instanceIdentifier,
      databaseUrlSecretArn: this.databaseUrlSecretArn,
      credentialsSecretArn: this.credentialsSecretArn,
    });
  }

  private createSubnetGroup(name: string, args: ResolvedDatabaseArgs): aws.rds.SubnetGroup {
    return new aws.rds.SubnetGroup(`${name}-subnets`, { description: `Subnets of ${name}`, subnetIds: args.subnetIds, tags: args.tags }, { parent: this });
  }

  private createParameterGroup(name: string, args: ResolvedDatabaseArgs): aws.rds.ParameterGroup {
    // Auto-named, so a new family on a major upgrade is created before the old group is deleted.
    return new aws.rds.ParameterGroup(
      `${name}-params`,
      {
        family: args.parameterGroupFamily,
        description: `TLS-only ${args.parameterGroupFamily} for ${name}`,
        parameters: [
          { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
          { name: "log_min_duration_statement", value: String(SLOW_QUERY_LOG_MS), applyMethod: "immediate" },
        ],
        tags: args.tags,
      },
      { parent: this },
    );
  }

  /** Alphanumeric only, so the password needs no escaping inside DATABASE_URL. */
  private createPassword(name: string, args: ResolvedDatabaseArgs): pulumi.Output<string> {
    const password = new random.RandomPassword(`${name}-password`, { length: 40, special: false, keepers: { epoch: String(args.passwordEpoch) } }, { parent: this });
    return pulumi.secret(password.result);
  }

  private createPublicIngress(name: string, args: ResolvedDatabaseArgs): aws.vpc.SecurityGroupIngressRule[] {
    return (args.publicAccess?.cidrs ?? []).map(
      (cidr, index) =>
        new aws.vpc.SecurityGroupIngressRule(
          `${name}-public-ingress-${index}`,
          {
            securityGroupId: args.securityGroupId,
            description: `Dev override: Postgres from ${cidr}`,
            ipProtocol: "tcp",
            fromPort: POSTGRES_PORT,
            toPort: POSTGRES_PORT,
            ...(cidr.includes(":") ? { cidrIpv6: cidr } : { cidrIpv4: cidr }),
            tags: args.tags,
          },
          { parent: this },
        ),
    );
  }

  /**
   * Created before the instance, with the names RDS publishes to (`/aws/rds/instance/<identifier>/<log type>`, Amazon
   * RDS User Guide, "Publishing database logs to Amazon CloudWatch Logs"): RDS would otherwise create them first,
   * unencrypted and kept forever, and the create here would fail.
   */
  private createLogGroups(name: string, identifier: string, args: ResolvedDatabaseArgs): aws.cloudwatch.LogGroup[] {
    if (args.logRetentionDays === undefined) return [];
    return POSTGRES_LOG_EXPORTS.map(
      (logType) =>
        new aws.cloudwatch.LogGroup(
          `${name}-log-${logType}`,
          { name: `/aws/rds/instance/${identifier}/${logType}`, retentionInDays: args.logRetentionDays, ...(args.logKmsKeyArn ? { kmsKeyId: args.logKmsKeyArn } : {}), tags: args.tags },
          { parent: this },
        ),
    );
  }

  /** The role RDS publishes Enhanced Monitoring metrics with: the AWS managed policy, trusted by this instance only. */
  private createMonitoringRole(name: string, identifier: string, args: ResolvedDatabaseArgs): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
    const opts = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, opts);
    const region = aws.getRegionOutput({}, opts);
    const partition = aws.getPartitionOutput({}, opts);
    const role = new aws.iam.Role(
      `${name}-monitoring-role`,
      {
        description: `RDS Enhanced Monitoring of ${identifier}: publish OS metrics to CloudWatch Logs`,
        assumeRolePolicy: pulumi.all([partition.partition, region.region, identity.accountId]).apply(([p, r, account]) => JSON.stringify(enhancedMonitoringTrustPolicy(p, r, account, identifier))),
        tags: args.tags,
      },
      opts,
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-monitoring-policy`,
      // The id of an IAM role is its name.
      { role: role.id, policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/${ENHANCED_MONITORING_POLICY}` },
      opts,
    );
    return { role, attachment };
  }

  private createInstance(
    name: string,
    identifier: string,
    args: ResolvedDatabaseArgs,
    deps: {
      subnetGroup: aws.rds.SubnetGroup;
      parameterGroup: aws.rds.ParameterGroup;
      password: pulumi.Output<string>;
      logGroups: aws.cloudwatch.LogGroup[];
      monitoring?: { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment };
      finalSnapshotSuffix?: pulumi.Output<string>;
    },
  ): aws.rds.Instance {
    return new aws.rds.Instance(
      `${name}-instance`,
      {
        identifier,
        engine: "postgres",
        engineVersion: args.engineVersion,
        allowMajorVersionUpgrade: true,
        autoMinorVersionUpgrade: true,
        instanceClass: args.instanceClass,
        allocatedStorage: args.storageGiB,
        maxAllocatedStorage: args.maxStorageGiB,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: args.kmsKeyArn,
        dbName: args.databaseName,
        username: args.username,
        password: deps.password,
        port: POSTGRES_PORT,
        // The id of a DB subnet group and of a parameter group is its name.
        dbSubnetGroupName: deps.subnetGroup.id,
        parameterGroupName: deps.parameterGroup.id,
        vpcSecurityGroupIds: [args.securityGroupId],
        publiclyAccessible: args.publicAccess !== undefined,
        multiAz: args.multiAz,
        deletionProtection: args.deletionProtection,
        backupRetentionPeriod: args.backupRetentionDays,
        copyTagsToSnapshot: true,
        skipFinalSnapshot: !args.finalSnapshot,
        finalSnapshotIdentifier: deps.finalSnapshotSuffix ? pulumi.interpolate`${name}-final-${deps.finalSnapshotSuffix}` : undefined,
        applyImmediately: args.applyImmediately ?? false,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: args.kmsKeyArn,
        iamDatabaseAuthenticationEnabled: args.iamAuthentication,
        enabledCloudwatchLogsExports: [...POSTGRES_LOG_EXPORTS],
        monitoringInterval: args.monitoringIntervalSeconds,
        monitoringRoleArn: deps.monitoring?.role.arn,
        caCertIdentifier: RDS_CA_CERT_IDENTIFIER,
        tags: args.tags,
      },
      // RDS checks at create that it can assume the monitoring role with its policy attached.
      { parent: this, dependsOn: [...deps.logGroups, ...(deps.monitoring ? [deps.monitoring.attachment] : [])] },
    );
  }

  private createCredentialsSecret(name: string, args: ResolvedDatabaseArgs, instance: aws.rds.Instance, password: pulumi.Output<string>) {
    const value = pulumi.jsonStringify({
      engine: "postgres",
      host: instance.address,
      port: instance.port,
      username: args.username,
      password,
      dbname: args.databaseName,
    });
    return createSecret(`${name}-credentials`, { description: `Master credentials of ${name}`, value, kmsKeyId: args.kmsKeyArn, tags: args.tags, recoveryWindowInDays: args.secretRecoveryWindowDays }, this);
  }

  private createDatabaseUrlSecret(name: string, args: ResolvedDatabaseArgs, instance: aws.rds.Instance, password: pulumi.Output<string>) {
    const value = pulumi.interpolate`postgresql+asyncpg://${args.username}:${password}@${instance.address}:${POSTGRES_PORT}/${args.databaseName}?ssl=require`;
    return createSecret(`${name}-database-url`, { description: `DATABASE_URL of ${name}`, value, kmsKeyId: args.kmsKeyArn, tags: args.tags, recoveryWindowInDays: args.secretRecoveryWindowDays }, this);
  }
}
