/**
 * The questions of the guided `asc init`, in order. Each names the profile key it fills, says whether it is required
 * (before production) or has a safe default, and shows the default; an empty answer keeps the default, and the key is
 * then left out of the profile (the tier default applies, as with an answers file that omits it). Pure.
 */
import type { z } from "zod";
import { tierDefaults } from "../config/defaults.js";
import { ENTRA_PRINCIPAL_TYPES, PostgresEntraAdmin, type CloudName, type OperatorSecretKey, type TierName } from "../config/schema.js";

export type Answers = Record<string, unknown>;

export interface Question {
  /** A profile key path (`images.api`), a secret key, or `profile`. */
  readonly key: string;
  readonly ask: string;
  /** "required": no default, must be answered now; "before-production": may stay empty now, needed to go live; "default": safe default. */
  readonly need: "required" | "before-production" | "default";
  readonly kind: "text" | "choice" | "boolean" | "size" | "secret";
  readonly choices?: readonly string[];
  readonly default?: (a: Answers, ctx: QuestionContext) => string | undefined;
  readonly when?: (a: Answers, ctx: QuestionContext) => boolean;
  readonly secret?: OperatorSecretKey;
  /** The profile schema of a text answer: checked as typed, so a bad value is asked again at once. */
  readonly schema?: z.ZodType;
}

export interface QuestionContext {
  readonly profileFlag?: string;
}

const cloud = (a: Answers) => a.cloud as CloudName;
const tier = (a: Answers) => (a.tier as TierName | undefined) ?? "dev";
const defaults = (a: Answers) => tierDefaults(tier(a), cloud(a));
const get = (a: Answers, key: string): unknown => key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Answers)[k] : undefined), a);
const billingOn = (a: Answers) => (get(a, "billing.enabled") ?? defaults(a).billing.enabled) === true;
const emailOn = (a: Answers) => (get(a, "email.enabled") ?? defaults(a).email.enabled) === true;
/** Production on Azure needs the Postgres Entra administrator (src/config/azure-rules.ts). */
const azureProduction = (a: Answers) => cloud(a) === "azure" && tier(a) === "production";
const size = (s: { cpu: number; memoryGiB: number; replicas: number }) => `${s.cpu},${s.memoryGiB},${s.replicas}`;

export const QUESTIONS: readonly Question[] = [
  { key: "cloud", ask: "Cloud", need: "required", kind: "choice", choices: ["aws", "azure"] },
  { key: "tier", ask: "Tier", need: "required", kind: "choice", choices: ["dev", "staging", "production"], default: () => "dev" },
  { key: "region", ask: "Region (AWS region or Azure location)", need: "required", kind: "text", default: (a) => (cloud(a) === "aws" ? "eu-west-1" : "westeurope") },
  { key: "profile", ask: "Profile name (stacks/Pulumi.<profile>.yaml)", need: "default", kind: "text", default: (a) => `${cloud(a)}-${tier(a)}`, when: (_a, c) => c.profileFlag === undefined },
  { key: "name", ask: "Resource name prefix, 3-16 lowercase letters, digits, hyphens (empty: derived from the profile name)", need: "default", kind: "text", default: () => undefined },
  { key: "domain.web", ask: "Web host name (e.g. app.example.com; empty: the platform's own host)", need: "before-production", kind: "text" },
  { key: "domain.api", ask: "Api host name (e.g. api.example.com)", need: "before-production", kind: "text", when: (a) => get(a, "domain.web") !== undefined },
  { key: "domain.hostedZoneId", ask: "Route 53 public hosted zone id for both hosts (asc then creates the DNS records and the certificate; empty: you create them)", need: "default", kind: "text", when: (a) => cloud(a) === "aws" && get(a, "domain.web") !== undefined },
  { key: "domain.certificateArn", ask: "ACM certificate ARN covering both hosts", need: "before-production", kind: "text", when: (a) => cloud(a) === "aws" && get(a, "domain.web") !== undefined && get(a, "domain.hostedZoneId") === undefined },
  { key: "images.api", ask: "api image (production: pinned by digest, …@sha256:…)", need: "required", kind: "text" },
  { key: "images.web", ask: "web image", need: "required", kind: "text" },
  { key: "azure.postgresEntraAdmin.objectId", ask: "Postgres Entra administrator: Object ID of the Entra group that administers the database (az ad group show --group <name> --query id -o tsv)", need: "required", kind: "text", when: azureProduction, schema: PostgresEntraAdmin.shape.objectId },
  { key: "azure.postgresEntraAdmin.principalName", ask: "Postgres Entra administrator: the group's display name", need: "required", kind: "text", when: azureProduction, schema: PostgresEntraAdmin.shape.principalName },
  { key: "azure.postgresEntraAdmin.principalType", ask: "Postgres Entra administrator: principal type", need: "required", kind: "choice", choices: ENTRA_PRINCIPAL_TYPES, default: () => "Group", when: azureProduction },
  { key: "services.api", ask: "api size: cpu,memoryGiB,replicas", need: "default", kind: "size", default: (a) => size(defaults(a).services.api) },
  { key: "services.web", ask: "web size: cpu,memoryGiB,replicas", need: "default", kind: "size", default: (a) => size(defaults(a).services.web) },
  { key: "openaiApiKey", ask: "OpenAI API key (sk-…)", need: "before-production", kind: "secret", secret: "openaiApiKey" },
  { key: "billing.enabled", ask: "Stripe billing", need: "default", kind: "boolean", default: (a) => String(defaults(a).billing.enabled) },
  { key: "stripeSecretKey", ask: "Stripe secret key (sk_live_…; sk_test_… outside production)", need: "before-production", kind: "secret", secret: "stripeSecretKey", when: billingOn },
  { key: "stripeWebhookSecret", ask: "Stripe webhook signing secret (whsec_…)", need: "before-production", kind: "secret", secret: "stripeWebhookSecret", when: billingOn },
  { key: "billing.productPriceMap", ask: "Stripe price map (plan=price_…,…)", need: "before-production", kind: "text", when: billingOn },
  { key: "billing.workerTopology", ask: "Billing worker", need: "default", kind: "choice", choices: ["inline", "dedicated"], default: (a) => defaults(a).billing.workerTopology, when: billingOn },
  { key: "email.enabled", ask: "Email through Resend", need: "default", kind: "boolean", default: (a) => String(defaults(a).email.enabled) },
  { key: "email.from", ask: "Sender address (RESEND_DEFAULT_FROM)", need: "required", kind: "text", when: emailOn },
  { key: "resendApiKey", ask: "Resend API key (re_…)", need: "before-production", kind: "secret", secret: "resendApiKey", when: emailOn },
  { key: "app.signupAccessPolicy", ask: "Who may sign up", need: "default", kind: "choice", choices: ["public", "invite_only", "approval"], default: (a) => defaults(a).app.signupAccessPolicy },
];

export const NEED_LABEL: Record<Question["need"], string> = {
  required: "required",
  "before-production": "required before production, may stay empty now",
  default: "safe default",
};

/** Parses one typed answer; a string is a problem to show before asking again. */
export function parseAnswer(q: Question, raw: string): { value: unknown } | string {
  const text = raw.trim();
  switch (q.kind) {
    case "choice":
      return q.choices!.includes(text) ? { value: text } : `choose one of: ${q.choices!.join(", ")}`;
    case "boolean":
      if (/^(y|yes|true)$/i.test(text)) return { value: true };
      if (/^(n|no|false)$/i.test(text)) return { value: false };
      return "answer yes or no";
    case "size": {
      const parts = text.split(",").map((p) => Number(p.trim()));
      if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return "three numbers: cpu,memoryGiB,replicas (e.g. 0.5,1,2)";
      return { value: { cpu: parts[0], memoryGiB: parts[1], replicas: parts[2] } };
    }
    default: {
      const checked = q.schema?.safeParse(text);
      if (checked && !checked.success) return checked.error.issues[0].message;
      return { value: text };
    }
  }
}

/** Sets a key path in a nested answers object. */
export function setAnswer(a: Answers, key: string, value: unknown): void {
  const parts = key.split(".");
  let node = a;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Answers;
  node[parts[parts.length - 1]] = value;
}

export { get as answerAt };
