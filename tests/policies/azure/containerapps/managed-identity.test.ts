import { containerAppsManagedIdentity } from "../../../../src/policies/azure/containerapps/managed-identity.js";
import { describeRule } from "../../../helpers/policy-rules.js";
import { CONTAINER_APP_TYPE, compliantApp, compliantJob, JOB_TYPE } from "./fixtures.js";

describeRule(containerAppsManagedIdentity, {
  type: CONTAINER_APP_TYPE,
  compliant: compliantApp,
  passes: [
    { title: "a job with a user-assigned identity", type: JOB_TYPE, props: compliantJob },
    { title: "a system-assigned identity", props: { ...compliantApp, identity: { type: "SystemAssigned" } } },
  ],
  violations: [
    { title: "no identity", props: { ...compliantApp, identity: undefined }, expected: ['identity is not set; it must be a managed identity ("UserAssigned" or "SystemAssigned")'] },
    { title: "a job with identity None", type: JOB_TYPE, props: { ...compliantJob, identity: { type: "None" } }, expected: ['identity.type is "None"; it must be "UserAssigned" or "SystemAssigned"'] },
    { title: "an identity without type", props: { ...compliantApp, identity: {} }, expected: ['identity.type is not set; it must be "UserAssigned" or "SystemAssigned"'] },
  ],
});
