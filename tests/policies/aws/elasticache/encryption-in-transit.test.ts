import { elasticacheEncryptionInTransit } from "../../../../src/policies/aws/elasticache/encryption-in-transit.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantReplicationGroup, REPLICATION_GROUP_TYPE } from "./fixtures.js";

describeRule(elasticacheEncryptionInTransit, {
  type: REPLICATION_GROUP_TYPE,
  compliant: compliantReplicationGroup,
  passes: [{ title: "mode required", props: { ...compliantReplicationGroup, transitEncryptionMode: "required" } }],
  violations: [
    { title: "no TLS", props: { ...compliantReplicationGroup, transitEncryptionEnabled: false }, expected: ["transitEncryptionEnabled is false; it must be true"] },
    { title: "transitEncryptionEnabled unset", props: { ...compliantReplicationGroup, transitEncryptionEnabled: undefined }, expected: ["transitEncryptionEnabled is not set; it must be true"] },
    { title: "mode preferred (plaintext accepted)", props: { ...compliantReplicationGroup, transitEncryptionMode: "preferred" }, expected: ['transitEncryptionMode is "preferred"; it must be "required" or unset'] },
  ],
});
