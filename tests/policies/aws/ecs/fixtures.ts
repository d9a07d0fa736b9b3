/** Task definition fixtures: containerDefinitions is a JSON string in aws v7. */
export const TASK_DEFINITION_TYPE = "aws:ecs/taskDefinition:TaskDefinition";

export const compliantContainer = {
  name: "api",
  image: "ghcr.io/acme/api@sha256:0000000000000000000000000000000000000000000000000000000000000000",
  essential: true,
  user: "1000:1000",
  readonlyRootFilesystem: true,
  privileged: false,
  logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/asc/api", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api" } },
  environment: [
    { name: "ENVIRONMENT", value: "production" },
    { name: "AUTH_KEY_SECRET_NAME", value: "asc/prod/auth-keyset" },
    { name: "AWS_SM_SIGNING_SECRET_ARN", value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing-AbCdEf" },
  ],
  secrets: [{ name: "DATABASE_URL", valueFrom: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:url::" }],
};

/** A task definition whose containers are `compliantContainer` with `changes` merged into each (undefined deletes). */
export function taskDefinition(...containers: Record<string, unknown>[]): Record<string, unknown> {
  const list = (containers.length > 0 ? containers : [{}]).map((changes) =>
    Object.fromEntries(Object.entries({ ...compliantContainer, ...changes }).filter(([, v]) => v !== undefined)),
  );
  return {
    family: "asc-prod-api",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "512",
    memory: "1024",
    executionRoleArn: "arn:aws:iam::123456789012:role/asc-prod-api-execution",
    taskRoleArn: "arn:aws:iam::123456789012:role/asc-prod-api-task",
    containerDefinitions: JSON.stringify(list),
  };
}

/** Cases every per-container rule shares: how a missing or malformed containerDefinitions is reported. */
export const containerDefinitionProblems = [
  { title: "no containerDefinitions", props: { family: "asc" }, expected: ["containerDefinitions is not set; it must be a JSON array of container definitions"] },
  { title: "containerDefinitions that is not JSON", props: { containerDefinitions: "{not json" }, expected: ["containerDefinitions is not a JSON array of container definitions"] },
  { title: "containerDefinitions that is a JSON object", props: { containerDefinitions: "{}" }, expected: ["containerDefinitions is not a JSON array of container definitions"] },
];
