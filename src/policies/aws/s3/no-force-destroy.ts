/**
 * A bucket with objects is not deleted with the stack.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isNotTrue } from "../../props.js";
import { defineRule, OUTSIDE_DEV } from "../../rule.js";

export const s3NoForceDestroy = defineRule({
  name: "asc-aws-s3-no-force-destroy",
  cloud: "aws",
  description: "A bucket does not set forceDestroy (which deletes every object when the bucket is destroyed).",
  severity: "medium",
  frameworks: {},
  mandatoryTiers: OUTSIDE_DEV,
  devOverride: "forceDestroyStorage",
  remediation: "Remove forceDestroy: true from the bucket; in dev only, asc:devOverrides.forceDestroyStorage relaxes this.",
  configKeys: ["devOverrides.forceDestroyStorage"],
  resourceTypes: AWS.s3Bucket,
  check: (_type, props) => expectInput(props, { path: "forceDestroy", ok: isNotTrue, must: "false", whenMissing: "compliant" }),
});
