import { tagsRequired } from "../../../../src/policies/shared/tags/required.js";
import { describeRule, withInput } from "../../../helpers/policy-rules.js";

const ALL = "project, profile, tier, managed-by";
const compliant = {
  cidrBlock: "10.40.0.0/16",
  tags: { project: "asc", profile: "aws-production", tier: "production", "managed-by": "asc", Name: "asc-prod-vpc" },
};

describeRule(tagsRequired, {
  type: "aws:ec2/vpc:Vpc",
  compliant,
  passes: [
    { title: "an ECS task definition with the tags", type: "aws:ecs/taskDefinition:TaskDefinition", props: { tags: compliant.tags } },
    { title: "a security group ingress rule with the tags", type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", props: { tags: compliant.tags } },
    { title: "a container app with the tags", type: "azure-native:app:ContainerApp", props: { tags: compliant.tags } },
    { title: "a tag value not known yet", props: withInput(compliant, "tags.profile", "[unknown]") },
  ],
  violations: [
    { title: "no tags", props: { cidrBlock: "10.40.0.0/16" }, expected: [`tags is not set; it must carry ${ALL}`] },
    { title: "a missing tier and an empty profile", props: withInput(withInput(compliant, "tags.tier", undefined), "tags.profile", ""), expected: [`tags lack profile, tier; every asc resource must carry ${ALL}`] },
    { title: "a Key Vault without managed-by", type: "azure-native:keyvault:Vault", props: withInput(compliant, "tags.managed-by", undefined), expected: [`tags lack managed-by; every asc resource must carry ${ALL}`] },
    { title: "tags that are a list", props: { tags: ["project"] }, expected: [`tags is ["project"]; it must be a map carrying ${ALL}`] },
  ],
});
