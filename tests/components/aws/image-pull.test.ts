import { isEcrImage, repositoryCredentialsFor } from "../../../src/components/aws/image-pull.js";
import { withRepositoryCredentials } from "../../../src/components/aws/task-definition.js";

const CREDS = { secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ghcr-pull-AbCdEf" };

describe("isEcrImage", () => {
  it.each<[string, boolean]>([
    ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:abc", true],
    ["123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/api:1", true],
    ["123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1", true],
    ["ghcr.io/acme/api@sha256:abc", false],
    ["public.ecr.aws/acme/api:1", false],
    ["docker.io/library/python:3.11", false],
    ["evil.example.com/123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1", false],
  ])("GIVEN %s WHEN checked THEN ECR is %s", (image, expected) => {
    expect(isEcrImage(image)).toBe(expected);
  });
});

describe("repositoryCredentialsFor and withRepositoryCredentials", () => {
  it("GIVEN an image outside ECR and credentials WHEN built THEN the container names the secret", () => {
    expect(repositoryCredentialsFor("ghcr.io/acme/api:1", CREDS)).toEqual({ credentialsParameter: CREDS.secretArn });
    expect(withRepositoryCredentials({ name: "api", image: "ghcr.io/acme/api:1" }, CREDS)).toEqual({ name: "api", image: "ghcr.io/acme/api:1", repositoryCredentials: { credentialsParameter: CREDS.secretArn } });
  });

  it("GIVEN an ECR image, or no credentials WHEN built THEN the container has no repositoryCredentials key", () => {
    expect(Object.keys(withRepositoryCredentials({ image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1" }, CREDS))).toEqual(["image"]);
    expect(Object.keys(withRepositoryCredentials({ image: "ghcr.io/acme/api:1" }, undefined))).toEqual(["image"]);
  });
});
