import { elasticacheAutomaticFailover } from "../../../../src/policies/aws/elasticache/automatic-failover.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantReplicationGroup, REPLICATION_GROUP_TYPE } from "./fixtures.js";

describeRule(elasticacheAutomaticFailover, {
  type: REPLICATION_GROUP_TYPE,
  compliant: compliantReplicationGroup,
  violations: [
    { title: "failover off", props: { ...compliantReplicationGroup, automaticFailoverEnabled: false }, expected: ["automaticFailoverEnabled is false; it must be true"] },
    {
      title: "neither failover nor Multi-AZ set",
      props: { ...compliantReplicationGroup, automaticFailoverEnabled: undefined, multiAzEnabled: undefined },
      expected: ["automaticFailoverEnabled is not set (the AWS default is false); it must be true", "multiAzEnabled is not set (the AWS default is false); it must be true"],
    },
  ],
});
