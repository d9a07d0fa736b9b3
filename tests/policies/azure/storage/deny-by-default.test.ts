import { storageDenyByDefault } from "../../../../src/policies/azure/storage/deny-by-default.js";
import { describeRule, policyContext } from "../../../helpers/policy-rules.js";
import { compliantAccount, STORAGE_ACCOUNT_TYPE } from "./fixtures.js";

describeRule(storageDenyByDefault, {
  type: STORAGE_ACCOUNT_TYPE,
  compliant: compliantAccount,
  passes: [
    {
      title: "an account opened to browser uploads by asc:azure.browserUploads",
      props: { ...compliantAccount, networkRuleSet: { defaultAction: "Allow" } },
      ctx: { ...policyContext("production"), config: { ...policyContext("production").config, azure: { browserUploads: true } } },
    },
  ],
  violations: [
    { title: "allow by default", props: { ...compliantAccount, networkRuleSet: { defaultAction: "Allow" } }, expected: ['networkRuleSet.defaultAction is "Allow"; it must be "Deny"'] },
    { title: "no network rules", props: { ...compliantAccount, networkRuleSet: undefined }, expected: ['networkRuleSet.defaultAction is not set (the Azure default is Allow); it must be "Deny"'] },
  ],
});
