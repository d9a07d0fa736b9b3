import { albTargetGroupDeregistrationDelay } from "../../../../src/policies/aws/alb/target-group-deregistration-delay.js";
import { describeRule } from "../../../helpers/policy-rules.js";

const compliant = { port: 8000, protocol: "HTTP", targetType: "ip", deregistrationDelay: 30 };

describeRule(albTargetGroupDeregistrationDelay, {
  type: "aws:lb/targetGroup:TargetGroup",
  compliant,
  passes: [
    { title: "exactly 60 seconds", props: { ...compliant, deregistrationDelay: 60 } },
    { title: "a numeric string", props: { ...compliant, deregistrationDelay: "15" } },
    { title: "the aws.alb alias type", type: "aws:alb/targetGroup:TargetGroup", props: compliant },
  ],
  violations: [
    { title: "61 seconds", props: { ...compliant, deregistrationDelay: 61 }, expected: ["deregistrationDelay is 61; it must be at most 60 seconds"] },
    { title: "no delay (300 by default)", props: { port: 8000 }, expected: ["deregistrationDelay is not set (the AWS default is 300 seconds); it must be at most 60 seconds"] },
    { title: "a non-numeric delay", props: { ...compliant, deregistrationDelay: "soon" }, expected: ['deregistrationDelay is "soon"; it must be at most 60 seconds'] },
  ],
});
