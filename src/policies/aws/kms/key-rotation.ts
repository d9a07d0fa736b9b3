/**
 * Customer-managed keys rotate yearly.
 * @severity medium
 */
import { AWS } from "../resource-types.js";
import { expectInput, isTrue, lookup } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const kmsKeyRotation = defineRule({
  name: "asc-aws-kms-key-rotation",
  cloud: "aws",
  description: "A symmetric KMS key has automatic rotation enabled (asymmetric and HMAC keys cannot rotate and are skipped).",
  severity: "medium",
  frameworks: { checkov: ["CKV_AWS_7"], securityHub: ["KMS.4"] },
  mandatoryTiers: EVERY_TIER,
  remediation: "Set enableKeyRotation: true on the key (optionally rotationPeriodInDays).",
  resourceTypes: AWS.kmsKey,
  check: (_type, props) => {
    const legacySpec = lookup(props, "customerMasterKeySpec");
    const spec = legacySpec.state === "missing" ? lookup(props, "keySpec") : legacySpec;
    if (spec.state === "opaque" || (spec.state === "set" && spec.value !== "SYMMETRIC_DEFAULT")) return [];
    return expectInput(props, { path: "enableKeyRotation", ok: isTrue, must: "true", missingNote: "the AWS default is false" });
  },
});
