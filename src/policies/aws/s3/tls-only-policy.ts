/**
 * The bucket refuses requests that do not use TLS.
 * @severity high
 */
import { AWS } from "../resource-types.js";
import { asArray, asRecord, isOpaque, lookup, parseJsonInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

const TLS_ONLY_STATEMENT = '{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }';

/** A value under a case-insensitive key (IAM condition operators and keys are case-insensitive). */
function entryIgnoreCase(record: Readonly<Record<string, unknown>> | undefined, key: string): unknown {
  if (!record) return undefined;
  const match = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
  return match === undefined ? undefined : record[match];
}

function deniesInsecureTransport(statement: unknown): boolean {
  const s = asRecord(statement);
  if (!s || s.Effect !== "Deny") return false;
  const bool = asRecord(entryIgnoreCase(asRecord(s.Condition), "Bool"));
  const secure = entryIgnoreCase(bool, "aws:SecureTransport");
  return secure === false || secure === "false" || (Array.isArray(secure) && secure.some((v) => v === false || v === "false"));
}

export const s3TlsOnlyPolicy = defineRule({
  name: "asc-aws-s3-tls-only-policy",
  cloud: "aws",
  description: 'A bucket policy denies every request made without TLS (Condition Bool "aws:SecureTransport": "false").',
  severity: "high",
  frameworks: { securityHub: ["S3.5"] },
  mandatoryTiers: EVERY_TIER,
  remediation: `Add the statement ${TLS_ONLY_STATEMENT} for the bucket and its objects to the bucket's aws.s3.BucketPolicy.`,
  resourceTypes: AWS.s3BucketPolicy,
  check: (_type, props) => {
    const policy = lookup(props, "policy");
    if (policy.state === "opaque") return [];
    if (policy.state === "missing") return [`policy is not set; it must include ${TLS_ONLY_STATEMENT}`];
    const parsed = parseJsonInput(policy.value);
    const document = parsed.ok ? asRecord(parsed.value) : undefined;
    if (!document) return [`policy is not a JSON policy document; it must include ${TLS_ONLY_STATEMENT}`];
    const statements = asArray(document.Statement) ?? (document.Statement === undefined ? [] : [document.Statement]);
    if (statements.some((s) => isOpaque(s) || deniesInsecureTransport(s))) return [];
    return [`policy has no statement that denies requests without TLS; it must include ${TLS_ONLY_STATEMENT}`];
  },
});
