/**
 * DnsAliases: Route 53 alias A records from the public hosts to the load balancer, in a public hosted zone asc is
 * given. An alias to an ALB names the ALB's DNS name and its canonical hosted zone id (Route 53 Developer Guide,
 * "Routing traffic to an ELB load balancer"); the ALB is IPv4-only here, so no AAAA record.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";

export const DNS_ALIASES_TYPE = "asc:aws:DnsAliases";

export interface DnsAliasesArgs {
  readonly hostedZoneId: pulumi.Input<string>;
  /** Host names, by a short label used in logical names. @example { web: "app.example.com", api: "api.example.com" } */
  readonly hosts: Readonly<Record<string, string>>;
  /** The load balancer's DNS name. */
  readonly targetDnsName: pulumi.Input<string>;
  /** The load balancer's canonical hosted zone id. */
  readonly targetZoneId: pulumi.Input<string>;
}

/** The distinct (label, host) pairs: two labels with one host get one record. Pure. */
export function aliasRecordsOf(hosts: Readonly<Record<string, string>>): [string, string][] {
  const seen = new Set<string>();
  return Object.entries(hosts).filter(([, host]) => (seen.has(host) ? false : (seen.add(host), true)));
}

export class DnsAliases extends pulumi.ComponentResource {
  /** FQDN per label. */
  readonly fqdns: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: DnsAliasesArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(DNS_ALIASES_TYPE, name, {}, opts);
    this.fqdns = {};
    for (const [label, host] of aliasRecordsOf(args.hosts)) {
      const record = new aws.route53.Record(
        `${name}-${label}`,
        { zoneId: args.hostedZoneId, name: host, type: "A", aliases: [{ name: args.targetDnsName, zoneId: args.targetZoneId, evaluateTargetHealth: true }] },
        { parent: this },
      );
      this.fqdns[label] = record.fqdn;
    }
    this.registerOutputs({ fqdns: this.fqdns });
  }
}
