/**
 * The parts of @pulumi/aws asc uses, imported from their submodules (`@pulumi/aws/ec2/index.js`, …) rather than the
 * package root. The root's index loads and declares every AWS service (2,700 declaration files and ~250 modules at
 * run time, pulumi-aws 7.x); these are under 1,000 files and the modules asc creates resources from. The same rule
 * as for @pulumi/azure-native (docs/architecture.md).
 *
 * The components import this as `aws`, so `aws.ec2.Vpc` reads as it would against the root. A service asc starts to
 * use is added here; `tests/architecture/layers.test.ts` fails if anything imports the root.
 */
export * as acm from "@pulumi/aws/acm/index.js";
export * as cloudwatch from "@pulumi/aws/cloudwatch/index.js";
export * as ec2 from "@pulumi/aws/ec2/index.js";
export * as ecs from "@pulumi/aws/ecs/index.js";
export * as elasticache from "@pulumi/aws/elasticache/index.js";
export * as iam from "@pulumi/aws/iam/index.js";
export * as kms from "@pulumi/aws/kms/index.js";
export * as lb from "@pulumi/aws/lb/index.js";
export * as rds from "@pulumi/aws/rds/index.js";
export * as route53 from "@pulumi/aws/route53/index.js";
export * as s3 from "@pulumi/aws/s3/index.js";
export * as secretsmanager from "@pulumi/aws/secretsmanager/index.js";
export * as servicediscovery from "@pulumi/aws/servicediscovery/index.js";
export * as vpc from "@pulumi/aws/vpc/index.js";
// Types only (aws.types.input…, aws.types.output…): nothing of types/ is loaded at run time.
export type * as types from "@pulumi/aws/types/index.js";
export { Provider, type ProviderArgs } from "@pulumi/aws/provider.js";
export { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones.js";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity.js";
export { getPartitionOutput } from "@pulumi/aws/getPartition.js";
export { getRegionOutput } from "@pulumi/aws/getRegion.js";
