import * as pulumi from "@pulumi/pulumi";
import {
  LOAD_BALANCER_TYPE,
  LoadBalancer,
  resolveLoadBalancerArgs,
  type LoadBalancerArgs,
} from "../../../src/components/aws/load-balancer.js";
import { promiseOf, usePulumiMocks } from "../../helpers/pulumi.js";

const mocked = usePulumiMocks({ region: "eu-west-1" });

const TAGS = { project: "asc", profile: "test", tier: "staging", "managed-by": "asc" };
const CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
const BASE: LoadBalancerArgs = {
  vpcId: "vpc-123",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupId: "sg-alb",
  certificateArn: CERT,
  deletionProtection: true,
  accessLogs: false,
  tags: TAGS,
};
const HTTP_ONLY_MESSAGE =
  "LoadBalancer: certificateArn is not set and allowHttpOnly is not true, so the load balancer would have no listener. " +
  "Set certificateArn to an ACM certificate ARN to serve HTTPS, or set allowHttpOnly: true to serve plain HTTP (dev only).";
const NOT_FOUND = { type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" } };

/** Builds the load balancer and waits until every child (the listeners are last) has registered. */
async function build(overrides: Partial<LoadBalancerArgs> = {}): Promise<{ lb: LoadBalancer; urn: string }> {
  const lb = new LoadBalancer("web", { ...BASE, ...overrides });
  const [urn] = await Promise.all([promiseOf(lb.urn), promiseOf(lb.listenerArn), promiseOf(lb.dnsName)]);
  await new Promise((r) => setTimeout(r, 50));
  return { lb, urn };
}

describe("LoadBalancer", () => {
  it("GIVEN a certificate WHEN created THEN the ALB gets the hardened inputs", async () => {
    await build();
    const alb = mocked.graph.byName("web-alb");
    expect(mocked.graph.byName("web").type).toBe(LOAD_BALANCER_TYPE);
    expect(alb.type).toBe("aws:lb/loadBalancer:LoadBalancer");
    expect(alb.inputs).toEqual({
      loadBalancerType: "application",
      internal: false,
      ipAddressType: "ipv4",
      subnets: ["subnet-a", "subnet-b"],
      securityGroups: ["sg-alb"],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: "strictest",
      enableDeletionProtection: true,
      enableHttp2: true,
      idleTimeout: 60,
      tags: { ...TAGS, Name: "web-alb" },
    });
  });

  it("GIVEN a certificate WHEN created THEN HTTPS serves a 404 by default and HTTP only redirects to HTTPS", async () => {
    const { lb } = await build();
    const { graph } = mocked;
    const alb = graph.byName("web-alb");
    const albArn = "arn:aws:lb:eu-west-1:123456789012:loadbalancer/web-alb-mock";
    const https = graph.byName("web-https");
    const redirect = graph.byName("web-http-redirect");
    expect(https.inputs).toEqual({
      loadBalancerArn: albArn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: CERT,
      defaultActions: [NOT_FOUND],
      tags: { ...TAGS, Name: "web-https" },
    });
    expect(redirect.inputs).toEqual({
      loadBalancerArn: albArn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
      tags: { ...TAGS, Name: "web-http-redirect" },
    });
    expect(https.propertyDependencies.loadBalancerArn).toEqual([alb.urn]);
    expect(redirect.propertyDependencies.loadBalancerArn).toEqual([alb.urn]);
    expect(graph.byType("aws:lb/listener:Listener")).toHaveLength(2);
    expect(lb.scheme).toBe("https");
    expect(await promiseOf(lb.listenerArn)).toBe("arn:aws:lb:eu-west-1:123456789012:listener/web-https-mock");
  });

  it("GIVEN no certificate and allowHttpOnly WHEN created THEN one HTTP listener serves the 404 and nothing redirects", async () => {
    const { lb } = await build({ certificateArn: undefined, allowHttpOnly: true });
    const { graph } = mocked;
    const listeners = graph.byType("aws:lb/listener:Listener");
    expect(listeners.map((l) => l.name)).toEqual(["web-http"]);
    expect(listeners[0].inputs).toEqual({
      loadBalancerArn: "arn:aws:lb:eu-west-1:123456789012:loadbalancer/web-alb-mock",
      port: 80,
      protocol: "HTTP",
      defaultActions: [NOT_FOUND],
      tags: { ...TAGS, Name: "web-http" },
    });
    expect(listeners[0].propertyDependencies.loadBalancerArn).toEqual([graph.byName("web-alb").urn]);
    expect(JSON.stringify(listeners[0].inputs)).not.toContain("redirect");
    expect(lb.scheme).toBe("http");
    expect(await promiseOf(lb.listenerArn)).toBe("arn:aws:lb:eu-west-1:123456789012:listener/web-http-mock");
  });

  it("GIVEN no certificate and no allowHttpOnly WHEN constructed THEN it throws naming both args", () => {
    expect(() => new LoadBalancer("web", { ...BASE, certificateArn: undefined })).toThrow(new Error(HTTP_ONLY_MESSAGE));
    expect(() => new LoadBalancer("web", { ...BASE, certificateArn: undefined, allowHttpOnly: false })).toThrow(new Error(HTTP_ONLY_MESSAGE));
  });

  it("GIVEN deletionProtection false and an idle timeout WHEN created THEN the ALB gets both", async () => {
    await build({ deletionProtection: false, idleTimeoutSeconds: 120 });
    const alb = mocked.graph.byName("web-alb");
    expect(alb.inputs.enableDeletionProtection).toBe(false);
    expect(alb.inputs.idleTimeout).toBe(120);
  });

  it("GIVEN accessLogs false WHEN created THEN there is no bucket and no accessLogs block", async () => {
    const { lb } = await build({ accessLogs: false });
    expect(mocked.graph.resources.filter((r) => r.type.startsWith("aws:s3/"))).toEqual([]);
    expect(mocked.graph.byName("web-alb").inputs.accessLogs).toBeUndefined();
    expect(lb.accessLogsBucketName).toBeUndefined();
  });

  it("GIVEN accessLogs true WHEN created THEN a private, encrypted, versioned, expiring bucket receives the logs", async () => {
    const { lb } = await build({ accessLogs: true });
    const { graph } = mocked;
    const bucket = graph.byName("web-access-logs");
    const bucketName = "web-access-logs-mock";
    const bucketArn = `arn:aws:s3:::${bucketName}`;
    const bucketId = "web-access-logs-id";
    expect(bucket.inputs).toEqual({ tags: { ...TAGS, Name: "web-access-logs" } });
    expect(graph.byName("web-access-logs-public-access-block").inputs).toEqual({
      bucket: bucketId, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(graph.byName("web-access-logs-ownership").inputs).toEqual({ bucket: bucketId, rule: { objectOwnership: "BucketOwnerEnforced" } });
    expect(graph.byName("web-access-logs-encryption").inputs).toEqual({
      bucket: bucketId, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    expect(graph.byName("web-access-logs-versioning").inputs).toEqual({ bucket: bucketId, versioningConfiguration: { status: "Enabled" } });
    expect(graph.byName("web-access-logs-lifecycle").inputs).toEqual({
      bucket: bucketId,
      rules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: { prefix: "AWSLogs/" },
          expiration: { days: 90 },
          noncurrentVersionExpiration: { noncurrentDays: 1 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    });
    expect(graph.byName("web-access-logs-lifecycle").dependencies).toContain(graph.byName("web-access-logs-versioning").urn);

    const policy = graph.byName("web-access-logs-policy");
    expect(policy.inputs.bucket).toBe(bucketId);
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowElbLogDelivery",
          Effect: "Allow",
          Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${bucketArn}/AWSLogs/123456789012/*`,
        },
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    expect(policy.dependencies).toEqual(
      expect.arrayContaining([graph.byName("web-access-logs-public-access-block").urn, graph.byName("web-access-logs-ownership").urn]),
    );

    const alb = graph.byName("web-alb");
    expect(alb.inputs.accessLogs).toEqual({ bucket: bucketName, enabled: true });
    expect(alb.propertyDependencies.accessLogs).toEqual([bucket.urn]);
    expect(alb.dependencies).toEqual(expect.arrayContaining([policy.urn, graph.byName("web-access-logs-encryption").urn]));
    expect(lb.accessLogsBucketName).not.toBeUndefined();
    expect(await promiseOf(lb.accessLogsBucketName as pulumi.Output<string>)).toBe(bucketName);
  });

  it("GIVEN access logs and a certificate WHEN created THEN every child is parented to the component, tags are applied and outputs registered", async () => {
    const { urn } = await build({ accessLogs: true });
    const { graph } = mocked;
    const children = graph.resources.filter((r) => r.urn !== urn);
    expect(children.map((r) => r.name).sort()).toEqual(
      [
        "web-access-logs", "web-access-logs-public-access-block", "web-access-logs-ownership", "web-access-logs-encryption",
        "web-access-logs-versioning", "web-access-logs-lifecycle", "web-access-logs-policy", "web-alb", "web-https", "web-http-redirect",
      ].sort(),
    );
    expect(children.filter((r) => r.parent !== urn).map((r) => r.name)).toEqual([]);
    for (const name of ["web-access-logs", "web-alb", "web-https", "web-http-redirect"]) {
      expect(graph.byName(name).inputs.tags).toEqual({ ...TAGS, Name: name });
    }
    expect(graph.componentOutputs.get(urn)).toEqual({
      arn: "arn:aws:lb:eu-west-1:123456789012:loadbalancer/web-alb-mock",
      arnSuffix: "app/web-alb-mock/0123456789abcdef",
      dnsName: "web-alb-mock-1234567890.eu-west-1.elb.amazonaws.com",
      zoneId: "Z2MOCKZONE",
      vpcId: "vpc-123",
      listenerArn: "arn:aws:lb:eu-west-1:123456789012:listener/web-https-mock",
      scheme: "https",
      accessLogsBucketName: "web-access-logs-mock",
    });
  });
});

describe("resolveLoadBalancerArgs", () => {
  it("GIVEN only required args WHEN resolved THEN defaults fill in and the scheme follows the certificate", () => {
    const resolved = resolveLoadBalancerArgs({ vpcId: "v", subnetIds: [], securityGroupId: "s", certificateArn: CERT, deletionProtection: false, accessLogs: false });
    expect({ allowHttpOnly: resolved.allowHttpOnly, idleTimeoutSeconds: resolved.idleTimeoutSeconds, tags: resolved.tags, scheme: resolved.scheme }).toEqual({
      allowHttpOnly: false, idleTimeoutSeconds: 60, tags: {}, scheme: "https",
    });
  });

  it.each([
    [{ certificateArn: CERT, allowHttpOnly: true }, "https"],
    [{ certificateArn: pulumi.output(CERT) }, "https"],
    [{ certificateArn: undefined, allowHttpOnly: true }, "http"],
  ])("GIVEN %p WHEN resolved THEN the scheme is %s", (overrides, scheme) => {
    expect(resolveLoadBalancerArgs({ ...BASE, ...overrides }).scheme).toBe(scheme);
  });

  it.each([
    [{ certificateArn: undefined }, HTTP_ONLY_MESSAGE],
    [{ idleTimeoutSeconds: 0 }, "LoadBalancer: idleTimeoutSeconds must be a whole number from 1 to 4000 (got 0). Leave it unset for the default of 60."],
    [{ idleTimeoutSeconds: 4001 }, "LoadBalancer: idleTimeoutSeconds must be a whole number from 1 to 4000 (got 4001). Leave it unset for the default of 60."],
    [{ idleTimeoutSeconds: 1.5 }, "LoadBalancer: idleTimeoutSeconds must be a whole number from 1 to 4000 (got 1.5). Leave it unset for the default of 60."],
  ])("GIVEN %j WHEN resolved THEN it throws the exact message", (overrides, message) => {
    expect(() => resolveLoadBalancerArgs({ ...BASE, ...overrides })).toThrow(new Error(message));
  });
});
