/**
 * Secret-looking variables come from `secrets` (Secrets Manager), never from plain `environment`.
 * @severity critical
 */
import { AWS } from "../resource-types.js";
import { asArray, asRecord } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";
import { looksLikeSecretName } from "../../secret-names.js";
import { checkEachContainer } from "./containers.js";

export const ecsNoSecretsInEnvironment = defineRule({
  name: "asc-aws-ecs-no-secrets-in-environment",
  cloud: "aws",
  description:
    "No container passes a secret-looking variable (*PASSWORD*, *SECRET*, *TOKEN*, *_KEY, DATABASE_URL, REDIS_URL, …) in `environment`; names ending in _NAME, _ARN or _ID are references and allowed.",
  severity: "critical",
  frameworks: { securityHub: ["ECS.8"] },
  mandatoryTiers: EVERY_TIER,
  remediation: 'Move the variable to the container\'s secrets: [{ name, valueFrom: "<Secrets Manager ARN>[:json-key::]" }] and grant the execution role secretsmanager:GetSecretValue.',
  resourceTypes: AWS.ecsTaskDefinition,
  check: (_type, props) =>
    checkEachContainer(props, (container, label) =>
      (asArray(container.environment) ?? []).flatMap((entry) => {
        const variable = asRecord(entry);
        const name = variable?.name;
        if (typeof name !== "string" || !looksLikeSecretName(name) || variable?.value === "") return [];
        return [`${label}: environment variable ${name} looks like a secret; pass it in secrets (valueFrom a Secrets Manager ARN), not environment`];
      }),
    ),
});
