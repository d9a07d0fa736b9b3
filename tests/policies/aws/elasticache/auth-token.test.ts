import { elasticacheAuthToken } from "../../../../src/policies/aws/elasticache/auth-token.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { compliantReplicationGroup, REPLICATION_GROUP_TYPE } from "./fixtures.js";

const MESSAGE = "authToken is not set; it must be set (Redis AUTH), or userGroupIds must name an RBAC user group";

describeRule(elasticacheAuthToken, {
  type: REPLICATION_GROUP_TYPE,
  compliant: compliantReplicationGroup,
  passes: [
    { title: "a write-only token", props: { ...compliantReplicationGroup, authToken: undefined, authTokenWo: "[secret]" } },
    { title: "an RBAC user group", props: { ...compliantReplicationGroup, authToken: undefined, userGroupIds: ["asc-users"] } },
  ],
  violations: [
    { title: "no authentication", props: { ...compliantReplicationGroup, authToken: undefined }, expected: [MESSAGE] },
    { title: "an empty token and no user groups", props: { ...compliantReplicationGroup, authToken: "", userGroupIds: [] }, expected: [MESSAGE] },
  ],
});
