/**
 * Target groups drain quickly so deployments and rollbacks are fast.
 * @severity low
 */
import { AWS } from "../resource-types.js";
import { asNumber, expectInput } from "../../props.js";
import { defineRule, EVERY_TIER } from "../../rule.js";

export const MAX_DEREGISTRATION_DELAY_SECONDS = 60;

export const albTargetGroupDeregistrationDelay = defineRule({
  name: "asc-aws-alb-target-group-deregistration-delay",
  cloud: "aws",
  description: `A target group's deregistrationDelay is at most ${MAX_DEREGISTRATION_DELAY_SECONDS} seconds, so old tasks drain quickly on deploy.`,
  severity: "low",
  frameworks: {},
  mandatoryTiers: EVERY_TIER,
  remediation: "Set deregistrationDelay to 30 (at most 60) seconds on the target group.",
  resourceTypes: AWS.targetGroup,
  check: (_type, props) =>
    expectInput(props, {
      path: "deregistrationDelay",
      ok: (v) => {
        const seconds = asNumber(v);
        return seconds !== undefined && seconds >= 0 && seconds <= MAX_DEREGISTRATION_DELAY_SECONDS;
      },
      must: `at most ${MAX_DEREGISTRATION_DELAY_SECONDS} seconds`,
      missingNote: "the AWS default is 300 seconds",
    }),
});
