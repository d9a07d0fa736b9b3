import { elasticacheEncryptionAtRest } from "../../../../src/policies/aws/elasticache/encryption-at-rest.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantReplicationGroup, REPLICATION_GROUP_TYPE } from "./fixtures.js";

describeRule(elasticacheEncryptionAtRest, {
  type: REPLICATION_GROUP_TYPE,
  compliant: compliantReplicationGroup,
  violations: [
    { title: "no encryption at rest", props: { ...compliantReplicationGroup, atRestEncryptionEnabled: false }, expected: ["atRestEncryptionEnabled is false; it must be true"] },
    { title: "atRestEncryptionEnabled unset", props: { ...compliantReplicationGroup, atRestEncryptionEnabled: undefined }, expected: ["atRestEncryptionEnabled is not set; it must be true"] },
  ],
});
