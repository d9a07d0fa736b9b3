/**
 * Deterministic Pulumi mocks for the offline preview and the tests: stable ids, ARNs and endpoints for the
 * resource types asc creates, so two runs of the same profile give the same plan. Random values are
 * recognisable (`offline-random-…`) so tests can scan output for them.
 */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
export const MOCK_TENANT_ID = "11111111-1111-1111-1111-111111111111";
export const MOCK_RANDOM_PREFIX = "offline-random-";

export interface OfflineMockOptions {
  /** AWS region or Azure location, used in ARNs and host names. */
  readonly region: string;
}

function awsState(type: string, name: string, inputs: Record<string, any>, region: string): Record<string, unknown> {
  const service = type.split(":")[1]?.split("/")[0] ?? "mock";
  const physical = inputs.name ?? `${name}-mock`;
  const arn = `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${type.split(":").pop()?.toLowerCase()}/${physical}`;
  const base: Record<string, unknown> = { ...inputs, arn, id: `${name}-id` };
  switch (type) {
    case "aws:lb/loadBalancer:LoadBalancer":
      return { ...base, dnsName: `${physical}-1234567890.${region}.elb.amazonaws.com`, arnSuffix: `app/${physical}/0123456789abcdef`, zoneId: "Z2MOCKZONE" };
    case "aws:lb/targetGroup:TargetGroup":
      return { ...base, arnSuffix: `targetgroup/${physical}/0123456789abcdef` };
    case "aws:rds/instance:Instance":
      return { ...base, address: `${name}.abcdefgh.${region}.rds.amazonaws.com`, endpoint: `${name}.abcdefgh.${region}.rds.amazonaws.com:5432`, port: 5432 };
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      return { ...base, primaryEndpointAddress: `master.${name}.abcdef.${region}.cache.amazonaws.com`, port: inputs.port ?? 6379 };
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2":
      return { ...base, bucket: inputs.bucket ?? `${name}-mock`, arn: `arn:aws:s3:::${inputs.bucket ?? `${name}-mock`}`, bucketRegionalDomainName: `${name}-mock.s3.${region}.amazonaws.com` };
    case "aws:secretsmanager/secretVersion:SecretVersion": {
      // Secrets Manager gives each stored value a new version id: the mock derives it from the value, so a rotation
      // shows up in a plan diff as a new version (never the value: only a digest of it).
      const digest = createHash("sha256").update(JSON.stringify(inputs.secretString ?? "")).digest("hex");
      const versionId = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
      return { ...base, versionId, id: `${inputs.secretId ?? name}|${versionId}` };
    }
    case "aws:secretsmanager/secret:Secret":
      return { ...base, arn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:${physical}-AbCdEf`, name: physical };
    case "aws:kms/key:Key":
      return { ...base, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${name}-0000`, keyId: `${name}-0000` };
    case "aws:ecs/service:Service":
    case "aws:ecs/cluster:Cluster":
      return { ...base, name: physical };
    case "aws:ecs/taskDefinition:TaskDefinition": {
      // ECS registers a new revision whenever a definition changes; a content hash stands in for its number.
      const revision = Number.parseInt(createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 6), 16) % 100000;
      return { ...base, arn: `arn:aws:ecs:${region}:${MOCK_ACCOUNT_ID}:task-definition/${inputs.family ?? name}:${revision}`, revision };
    }
    case "aws:cloudwatch/logGroup:LogGroup":
      return { ...base, name: inputs.name ?? `/asc/${name}` };
    case "aws:acm/certificate:Certificate": {
      // ACM gives one validation CNAME per domain name; a stable stand-in per host.
      const hosts: string[] = [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])];
      const token = (h: string) => createHash("sha256").update(h).digest("hex").slice(0, 32);
      return {
        ...base,
        arn: `arn:aws:acm:${region}:${MOCK_ACCOUNT_ID}:certificate/00000000-0000-4000-8000-${token(name).slice(0, 12)}`,
        domainValidationOptions: hosts.map((h) => ({ domainName: h, resourceRecordName: `_${token(h)}.${h}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${token(h + "v")}.acm-validations.aws.` })),
      };
    }
    case "aws:acm/certificateValidation:CertificateValidation":
      return { ...base, certificateArn: inputs.certificateArn };
    case "aws:route53/record:Record":
      return { ...base, fqdn: String(inputs.name).replace(/\.$/, "") };
    default:
      return base;
  }
}

function azureState(type: string, name: string, inputs: Record<string, any>): Record<string, unknown> {
  const rg = inputs.resourceGroupName ?? "rg-mock";
  const provider = type.split(":")[1] ?? "mock";
  // Child resources (a secret in a vault, a subnet in a VNet, …) carry their parent's name too: their own name wins.
  const own = inputs.secretName ?? inputs.subnetName ?? inputs.containerName ?? inputs.configurationName ?? inputs.databaseName ?? inputs.firewallRuleName ?? inputs.privateDnsZoneGroupName ?? inputs.virtualNetworkLinkName ?? inputs.roleAssignmentName ?? inputs.blobServicesName;
  const physical = own ?? inputs.name ?? inputs.vaultName ?? inputs.accountName ?? inputs.serverName ?? inputs.containerAppName ?? inputs.jobName ?? inputs.resourceName ?? inputs.workspaceName ?? inputs.environmentName ?? inputs.virtualNetworkName ?? inputs.privateEndpointName ?? inputs.privateZoneName ?? `${name}-mock`;
  const id = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${rg}/providers/${provider}/${type.split(":").pop()}/${physical}`;
  const base: Record<string, unknown> = { ...inputs, id, name: physical };
  switch (type) {
    case "azure-native:managedidentity:UserAssignedIdentity":
      return { ...base, clientId: `client-${name}`, principalId: `principal-${name}`, tenantId: MOCK_TENANT_ID };
    case "azure-native:keyvault:Vault":
      return { ...base, properties: { ...(inputs.properties ?? {}), vaultUri: `https://${physical}.vault.azure.net/` } };
    case "azure-native:keyvault:Secret": {
      const vault = inputs.vaultName ?? "vault";
      // Key Vault gives each stored value a new version: the mock derives it from the value (a digest, never the value).
      const version = createHash("sha256").update(JSON.stringify(inputs.properties?.value ?? "")).digest("hex").slice(0, 32);
      return { ...base, properties: { contentType: inputs.properties?.contentType, secretUri: `https://${vault}.vault.azure.net/secrets/${physical}`, secretUriWithVersion: `https://${vault}.vault.azure.net/secrets/${physical}/${version}` } };
    }
    case "azure-native:storage:StorageAccount":
      return { ...base, primaryEndpoints: { blob: `https://${physical}.blob.core.windows.net/` } };
    case "azure-native:app:ContainerApp":
      return { ...base, latestRevisionFqdn: `${physical}--rev.mock.${"azurecontainerapps.io"}`, configuration: { ...(inputs.configuration ?? {}), ingress: inputs.configuration?.ingress ? { ...inputs.configuration.ingress, fqdn: `${physical}.mock.azurecontainerapps.io` } : undefined } };
    case "azure-native:app:ManagedEnvironment":
      return { ...base, defaultDomain: "mock.azurecontainerapps.io", staticIp: "10.40.0.4" };
    case "azure-native:dbforpostgresql:Server":
      return { ...base, fullyQualifiedDomainName: `${physical}.postgres.database.azure.com` };
    case "azure-native:redisenterprise:RedisEnterprise":
      return { ...base, hostName: `${physical}.westeurope.redis.azure.net` };
    case "azure-native:operationalinsights:Workspace":
      return { ...base, customerId: `workspace-${name}` };
    default:
      return base;
  }
}

/**
 * The value a mocked random resource holds: recognisable (MOCK_RANDOM_PREFIX and the resource name), and new when
 * its keepers change (a rotation epoch), as the real resource is replaced and regenerated then.
 */
export function mockRandomValue(name: string, length: number, keepers?: unknown): string {
  const suffix = keepers ? `-${createHash("sha256").update(JSON.stringify(keepers)).digest("hex").slice(0, 6)}` : "";
  return `${MOCK_RANDOM_PREFIX}${name}${suffix}`.padEnd(length, "x");
}

/** Mocks that return stable, recognisable state for every resource and the invokes asc uses. */
export function offlineMocks(options: OfflineMockOptions): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
      const { type, name, inputs } = args;
      // Offline there is no stack to reference: a StackReference (the program reading its own release) finds no outputs.
      if (type === "pulumi:pulumi:StackReference") return { id: String(inputs.name ?? name), state: { ...inputs, outputs: {}, secretOutputNames: [] } };
      if (type === "random:index/randomId:RandomId") {
        // Not a secret (it names things): a stable hex string of byteLength bytes, as the real resource gives.
        const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 8;
        const hex = createHash("sha256").update(name).digest("hex").slice(0, bytes * 2);
        return { id: `${name}-id`, state: { ...inputs, hex, dec: String(parseInt(hex.slice(0, 12), 16)), b64Std: Buffer.from(hex, "hex").toString("base64") } };
      }
      if (type.startsWith("random:")) {
        const result = mockRandomValue(name, typeof inputs.length === "number" ? inputs.length : 32, inputs.keepers);
        return { id: `${name}-id`, state: { ...inputs, result, hex: result, b64Std: result, b64Url: result } };
      }
      if (type.startsWith("aws:")) {
        const state = awsState(type, name, inputs, options.region);
        return { id: String(state.id ?? `${name}-id`), state };
      }
      if (type.startsWith("azure-native:")) {
        const state = azureState(type, name, inputs);
        return { id: String(state.id), state };
      }
      return { id: `${name}-id`, state: inputs };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      switch (args.token) {
        case "aws:index/getAvailabilityZones:getAvailabilityZones":
          return { names: ["a", "b", "c"].map((s) => `${options.region}${s}`), zoneIds: ["az1", "az2", "az3"] };
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/offline`, userId: "offline" };
        case "aws:index/getRegion:getRegion":
          return { name: options.region, region: options.region };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com" };
        case "aws:elb/getServiceAccount:getServiceAccount":
          return { arn: `arn:aws:iam::156460612806:root`, id: "156460612806" };
        case "azure-native:redisenterprise:listDatabaseKeys":
          return { primaryKey: `${MOCK_RANDOM_PREFIX}redis-key+/=`, secondaryKey: `${MOCK_RANDOM_PREFIX}redis-key-2` };
        case "azure-native:authorization:getClientConfig":
          return { subscriptionId: MOCK_SUBSCRIPTION_ID, tenantId: MOCK_TENANT_ID, clientId: "offline", objectId: "offline-object" };
        default:
          return {};
      }
    },
  };
}
