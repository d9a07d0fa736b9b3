/**
 * Entry point of the CrossGuard policy pack (policy-pack/PulumiPolicy.yaml → dist/policies/pack-entry.js).
 * Constructing a PolicyPack starts the analyzer's gRPC server and reads ./package.json for the version, so only the
 * Pulumi engine loads this module; tests import buildPolicies from pack.ts instead.
 */
import * as policySdk from "@pulumi/policy";
import { buildPolicies } from "./pack.js";

new policySdk.PolicyPack("asc", {
  policies: buildPolicies(),
  enforcementLevel: "mandatory",
  description: "asc security and operations rules for the AWS and Azure blueprints; tier and exemptions come from the pack config.",
});
