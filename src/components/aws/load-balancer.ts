/**
 * The public application load balancer. It terminates TLS and answers 404 by default; each service attaches its
 * own listener rules to `listenerArn`. Plain HTTP is only served when the caller explicitly allows it (dev).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "./sdk.js";
import { createLogBucket, type BucketPolicyStatement, type LogBucket } from "./log-bucket.js";

export const LOAD_BALANCER_TYPE = "asc:aws:LoadBalancer";
/** TLS 1.3 with TLS 1.2 fallback: AWS's recommended policy. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
export const ACCESS_LOG_RETENTION_DAYS = 90;
/** The regional ELB log-delivery service (the documented principal for ALB access logs). */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";
/** ALB limits for the idle timeout, in seconds. */
export const IDLE_TIMEOUT_RANGE = { min: 1, max: 4000 } as const;

export type LoadBalancerScheme = "https" | "http";

export interface LoadBalancerArgs {
  /** VPC the load balancer lives in; passed through as `vpcId` for services creating target groups. */
  readonly vpcId: pulumi.Input<string>;
  /** Public subnets, one per AZ (at least two). */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The ALB security group (from `Network.albSecurityGroupId`). */
  readonly securityGroupId: pulumi.Input<string>;
  /**
   * ACM certificate for the HTTPS listener.
   * @default - none; then `allowHttpOnly: true` is required and the load balancer serves plain HTTP
   * @example "arn:aws:acm:eu-west-1:123456789012:certificate/0f0e…"
   */
  readonly certificateArn?: pulumi.Input<string>;
  /**
   * Permits serving plain HTTP when no `certificateArn` is given (dev only). With a certificate it changes nothing.
   * Plain, because it decides which listeners exist.
   * @default false
   */
  readonly allowHttpOnly?: boolean;
  /** Refuse deletion of the load balancer through the API. */
  readonly deletionProtection: pulumi.Input<boolean>;
  /**
   * Write access logs to a dedicated S3 bucket (SSE-S3, versioned, private, expiring after 90 days).
   * Plain, because it decides whether the bucket exists.
   */
  readonly accessLogs: boolean;
  /**
   * Seconds a connection may stay idle.
   * @default 60
   */
  readonly idleTimeoutSeconds?: pulumi.Input<number>;
  /**
   * Tags applied to every taggable child (a `Name` tag is added per child).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface ResolvedLoadBalancerArgs extends Required<Omit<LoadBalancerArgs, "certificateArn">> {
  readonly certificateArn?: pulumi.Input<string>;
  readonly scheme: LoadBalancerScheme;
}

const LOAD_BALANCER_DEFAULTS = { allowHttpOnly: false, idleTimeoutSeconds: 60, tags: {} } as const;

/** Pure: defaults, then validation. Throws at once, naming the args, when they conflict. */
export function resolveLoadBalancerArgs(args: LoadBalancerArgs): ResolvedLoadBalancerArgs {
  const merged = { ...LOAD_BALANCER_DEFAULTS, ...args };
  if (merged.certificateArn === undefined && merged.allowHttpOnly !== true) {
    throw new Error(
      "LoadBalancer: certificateArn is not set and allowHttpOnly is not true, so the load balancer would have no listener. " +
        "Set certificateArn to an ACM certificate ARN to serve HTTPS, or set allowHttpOnly: true to serve plain HTTP (dev only).",
    );
  }
  const idle = merged.idleTimeoutSeconds;
  if (typeof idle === "number" && (!Number.isInteger(idle) || idle < IDLE_TIMEOUT_RANGE.min || idle > IDLE_TIMEOUT_RANGE.max)) {
    throw new Error(
      `LoadBalancer: idleTimeoutSeconds must be a whole number from ${IDLE_TIMEOUT_RANGE.min} to ${IDLE_TIMEOUT_RANGE.max} (got ${idle}). ` +
        "Leave it unset for the default of 60.",
    );
  }
  return { ...merged, scheme: merged.certificateArn === undefined ? "http" : "https" };
}

const NOT_FOUND: aws.types.input.lb.ListenerDefaultAction = {
  type: "fixed-response",
  fixedResponse: { contentType: "text/plain", messageBody: "not found", statusCode: "404" },
};

const REDIRECT_TO_HTTPS: aws.types.input.lb.ListenerDefaultAction = {
  type: "redirect",
  redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};

export class LoadBalancer extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;
  /** For CloudWatch metrics dimensions. */
  readonly arnSuffix: pulumi.Output<string>;
  readonly dnsName: pulumi.Output<string>;
  /** Hosted zone of the load balancer, for Route 53 alias records. */
  readonly zoneId: pulumi.Output<string>;
  readonly vpcId: pulumi.Output<string>;
  /** The listener services attach their rules to: HTTPS on 443, or HTTP on 80 when serving plain HTTP. */
  readonly listenerArn: pulumi.Output<string>;
  readonly scheme: LoadBalancerScheme;
  /** Set only when access logs are on. */
  readonly accessLogsBucketName: pulumi.Output<string> | undefined;

  private readonly baseName: string;
  private readonly resolved: ResolvedLoadBalancerArgs;

  constructor(name: string, args: LoadBalancerArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(LOAD_BALANCER_TYPE, name, {}, opts);
    this.baseName = name;
    this.resolved = resolveLoadBalancerArgs(args);

    const logs = this.resolved.accessLogs ? this.createAccessLogsBucket() : undefined;
    const alb = this.createLoadBalancer(logs);
    const listener = this.resolved.scheme === "https" ? this.createHttpsListeners(alb) : this.createHttpListener(alb);

    this.arn = alb.arn;
    this.arnSuffix = alb.arnSuffix;
    this.dnsName = alb.dnsName;
    this.zoneId = alb.zoneId;
    this.vpcId = pulumi.output(this.resolved.vpcId);
    this.listenerArn = listener.arn;
    this.scheme = this.resolved.scheme;
    this.accessLogsBucketName = logs?.bucket.bucket;
    this.registerOutputs({
      arn: this.arn,
      arnSuffix: this.arnSuffix,
      dnsName: this.dnsName,
      zoneId: this.zoneId,
      vpcId: this.vpcId,
      listenerArn: this.listenerArn,
      scheme: this.scheme,
      accessLogsBucketName: this.accessLogsBucketName,
    });
  }

  private tags(part: string): Record<string, string> {
    return { ...this.resolved.tags, Name: `${this.baseName}-${part}` };
  }

  /** A private bucket the regional ELB log delivery may write to; the policy must exist before the ALB points at it. */
  private createAccessLogsBucket(): LogBucket {
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    return createLogBucket(
      this.baseName,
      { deliveryStatements: (bucketArn) => [elbLogDeliveryStatement(bucketArn, accountId)], logPrefix: "AWSLogs/", retentionDays: ACCESS_LOG_RETENTION_DAYS, forceDestroy: false, tags: this.tags("access-logs") },
      this,
    );
  }

  private createLoadBalancer(logs: LogBucket | undefined): aws.lb.LoadBalancer {
    const { subnetIds, securityGroupId, deletionProtection, idleTimeoutSeconds } = this.resolved;
    return new aws.lb.LoadBalancer(
      `${this.baseName}-alb`,
      {
        loadBalancerType: "application",
        internal: false,
        ipAddressType: "ipv4",
        subnets: subnetIds,
        securityGroups: [securityGroupId],
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "strictest",
        enableDeletionProtection: deletionProtection,
        enableHttp2: true,
        idleTimeout: idleTimeoutSeconds,
        accessLogs: logs ? { bucket: logs.bucket.bucket, enabled: true } : undefined,
        tags: this.tags("alb"),
      },
      { parent: this, dependsOn: logs?.ready ?? [] },
    );
  }

  /** HTTPS on 443 (404 until services add rules) and an HTTP listener on 80 that only redirects to it. */
  private createHttpsListeners(alb: aws.lb.LoadBalancer): aws.lb.Listener {
    const https = new aws.lb.Listener(
      `${this.baseName}-https`,
      {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: TLS_POLICY,
        certificateArn: this.resolved.certificateArn,
        defaultActions: [NOT_FOUND],
        tags: this.tags("https"),
      },
      { parent: this },
    );
    new aws.lb.Listener(
      `${this.baseName}-http-redirect`,
      { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: [REDIRECT_TO_HTTPS], tags: this.tags("http-redirect") },
      { parent: this },
    );
    return https;
  }

  private createHttpListener(alb: aws.lb.LoadBalancer): aws.lb.Listener {
    return new aws.lb.Listener(
      `${this.baseName}-http`,
      { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: [NOT_FOUND], tags: this.tags("http") },
      { parent: this },
    );
  }
}

/** Lets the regional ELB log delivery write under `AWSLogs/<account>/`. */
export function elbLogDeliveryStatement(bucketArn: pulumi.Input<string>, accountId: pulumi.Input<string>): BucketPolicyStatement {
  return {
    Sid: "AllowElbLogDelivery",
    Effect: "Allow",
    Principal: { Service: ELB_LOG_DELIVERY_PRINCIPAL },
    Action: "s3:PutObject",
    Resource: pulumi.interpolate`${bucketArn}/AWSLogs/${accountId}/*`,
  };
}
