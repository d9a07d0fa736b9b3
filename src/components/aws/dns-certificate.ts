/**
 * DnsValidatedCertificate: an ACM certificate for the public hosts, validated by DNS in a Route 53 public hosted
 * zone asc is given (`asc:domain.hostedZoneId`), so a first deploy needs no certificate made by hand.
 *
 * Checked in AWS's documentation: ACM gives, per domain name of the request, a CNAME (`DomainValidation.
 * ResourceRecord`) to publish for DNS validation (ACM API reference, DomainValidation); certificates are regional
 * and an ALB uses one of its own region (ACM User Guide, "Supported Regions"), so it is requested with the profile's
 * provider. `aws.acm.CertificateValidation` waits until ACM has issued it.
 */
import * as aws from "./sdk.js";
import * as pulumi from "@pulumi/pulumi";

export const DNS_CERTIFICATE_TYPE = "asc:aws:DnsValidatedCertificate";

export interface DnsValidatedCertificateArgs {
  /** Public, delegated Route 53 hosted zone holding every host. @example "Z0123456789ABCDEFGHIJ" */
  readonly hostedZoneId: pulumi.Input<string>;
  /** Host names the certificate covers; the first is its domain name, the others its SANs. @example ["app.example.com", "api.example.com"] */
  readonly hosts: readonly string[];
  /** Tags for the certificate. @default {} */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface ResolvedDnsValidatedCertificateArgs {
  readonly hostedZoneId: pulumi.Input<string>;
  /** Distinct, in the order given: one validation record each. */
  readonly hosts: readonly string[];
  readonly tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Deduplicates the hosts and refuses an empty list. Pure. */
export function resolveDnsValidatedCertificateArgs(args: DnsValidatedCertificateArgs): ResolvedDnsValidatedCertificateArgs {
  const hosts = [...new Set(args.hosts)];
  if (hosts.length === 0) throw new Error("DnsValidatedCertificate hosts: empty; a certificate needs at least one host name. Pass the web and api hosts.");
  return { hostedZoneId: args.hostedZoneId, hosts, tags: args.tags ?? {} };
}

/** The validation CNAME ACM gives for one host, or undefined while the certificate is not known (preview). Pure. */
export function validationRecordFor(options: readonly aws.types.output.acm.CertificateDomainValidationOption[] | undefined, host: string) {
  return (options ?? []).find((o) => o.domainName === host);
}

export class DnsValidatedCertificate extends pulumi.ComponentResource {
  /** ARN of the issued certificate: resolves only once ACM has validated it. */
  readonly certificateArn: pulumi.Output<string>;

  constructor(name: string, args: DnsValidatedCertificateArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(DNS_CERTIFICATE_TYPE, name, {}, opts);
    const r = resolveDnsValidatedCertificateArgs(args);
    const [domainName, ...sans] = r.hosts;
    const certificate = new aws.acm.Certificate(
      `${name}-cert`,
      { domainName, subjectAlternativeNames: sans, validationMethod: "DNS", keyAlgorithm: "RSA_2048", tags: r.tags },
      { parent: this },
    );
    const records = r.hosts.map((host, i) => {
      const option = certificate.domainValidationOptions.apply((o) => validationRecordFor(o, host));
      return new aws.route53.Record(
        `${name}-validation-${i}`,
        {
          zoneId: r.hostedZoneId,
          name: option.apply((o) => o?.resourceRecordName ?? `_validation.${host}`),
          type: option.apply((o) => o?.resourceRecordType ?? "CNAME"),
          records: [option.apply((o) => o?.resourceRecordValue ?? "")],
          ttl: 300,
          // ACM reuses the CNAME when a certificate for the same host is requested again.
          allowOverwrite: true,
        },
        { parent: this },
      );
    });
    const validation = new aws.acm.CertificateValidation(
      `${name}-validation`,
      { certificateArn: certificate.arn, validationRecordFqdns: records.map((rec) => rec.fqdn) },
      { parent: this },
    );
    this.certificateArn = validation.certificateArn;
    this.registerOutputs({ certificateArn: this.certificateArn });
  }
}
