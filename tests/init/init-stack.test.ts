/**
 * When Pulumi is reachable, init hands the stack creation and the secrets to it and reports them as set. Most cases
 * use a stand-in for the setup; the last runs the real one (src/init/stack-secrets.ts: LocalWorkspace, then
 * `pulumi config set --secret` with the value on stdin) against the fake pulumi CLI, which stores base64 where the
 * real CLI stores ciphertext from the secrets provider.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readAnswersFile } from "../../src/init/answers.js";
import { runInit } from "../../src/init/run-init.js";
import { setupStackWithPulumi, type StackSetup } from "../../src/init/stack-secrets.js";
import { mkdirSync, existsSync } from "node:fs";
import { parse } from "yaml";
import { FAKE_PULUMI_ROOT } from "../helpers/fake-pulumi/world.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const ANSWERS = path.join(REPO_ROOT, "tests/fixtures/init/aws-production.answers.yaml");
const SECRETS = { ASC_OPENAI_API_KEY: "sk-openaiValue1234567890", ASC_STRIPE_SECRET_KEY: "sk_live_StripeValue12345", ASC_STRIPE_WEBHOOK_SECRET: "whsec_WebhookValue12345" };

describe("asc init with a reachable Pulumi", () => {
  it("GIVEN a Pulumi that creates the stack THEN it receives the profile, the provider and every collected secret, and the report says set", async () => {
    const root = testTempDir("asc-init-stack-");
    const calls: Parameters<StackSetup>[0][] = [];
    const setupStack: StackSetup = async (input) => {
      calls.push(input);
      return { created: true, stored: Object.keys(input.secrets) as never };
    };
    const { report } = await runInit({ root, answers: readAnswersFile(ANSWERS, root, undefined), env: SECRETS, now: new Date("2026-11-21T12:00:00Z"), force: false, workflows: false, secretsProvider: "awskms://alias/asc", setupStack });
    expect(calls).toEqual([{ root, profile: "aws-production", secretsProvider: "awskms://alias/asc", secrets: { openaiApiKey: SECRETS.ASC_OPENAI_API_KEY, stripeSecretKey: SECRETS.ASC_STRIPE_SECRET_KEY, stripeWebhookSecret: SECRETS.ASC_STRIPE_WEBHOOK_SECRET }, env: SECRETS }]);
    expect(report.stack).toEqual({ created: true });
    expect(report.secrets.map((s) => s.state)).toEqual(["set", "set", "set"]);
    expect(report.nextCommands).toEqual(["npm install", "npx asc doctor --profile aws-production", "npx asc preview --profile aws-production --offline", "npx asc deploy --profile aws-production"]);
    const md = readFileSync(path.join(root, "var/reports/init-aws-production.md"), "utf8");
    for (const value of Object.values(SECRETS)) expect(md).not.toContain(value);
  });

  it("GIVEN a Pulumi that fails THEN init still writes the project and reports the stack as not created with the reason", async () => {
    const root = testTempDir("asc-init-stack-");
    const setupStack: StackSetup = async () => {
      throw new Error("error: could not reach backend\nmore detail");
    };
    const { report } = await runInit({ root, answers: readAnswersFile(ANSWERS, root, undefined), env: {}, now: new Date(), force: false, workflows: false, setupStack });
    expect(report.stack).toEqual({ created: false, reason: "Pulumi could not create the stack: error: could not reach backend" });
    expect(report.nextCommands[1]).toBe("npx asc deploy --profile aws-production --init");
  });

  it("GIVEN a secrets provider and no reachable Pulumi THEN the first command creates the stack with that provider, before any secret is set", async () => {
    const root = testTempDir("asc-init-stack-");
    const setupStack: StackSetup = async () => ({ created: false, stored: [], reason: "no Pulumi CLI on PATH or in node_modules/.bin" });
    const { report } = await runInit({ root, answers: readAnswersFile(ANSWERS, root, undefined), env: SECRETS, now: new Date(), force: false, workflows: false, secretsProvider: "awskms://alias/asc?region=eu-west-1", setupStack });
    expect(report.nextCommands.slice(1, 3)).toEqual([
      "pulumi stack init aws-production --secrets-provider 'awskms://alias/asc?region=eu-west-1'",
      "printenv ASC_OPENAI_API_KEY | pulumi config set --secret asc:openaiApiKey -s aws-production",
    ]);
    expect(JSON.stringify(report)).not.toContain(SECRETS.ASC_OPENAI_API_KEY);
  });

  it("GIVEN the fake pulumi CLI THEN the real setup creates the stack with the provider and pipes each secret on stdin, never on a command line", async () => {
    const root = testTempDir("asc-init-stack-");
    const state = path.join(root, ".fake-pulumi");
    mkdirSync(path.join(state, "stacks"), { recursive: true });
    const log = path.join(state, "argv.log");
    const env = {
      ...SECRETS,
      PATH: `${path.join(FAKE_PULUMI_ROOT, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
      HOME: root,
      PULUMI_BACKEND_URL: `file://${path.join(root, ".backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "correct-horse",
      FAKE_PULUMI_STATE: state,
      FAKE_PULUMI_LOG: log,
    };
    const { report } = await runInit({ root, answers: readAnswersFile(ANSWERS, root, undefined), env, now: new Date("2026-11-21T12:00:00Z"), force: false, workflows: false, secretsProvider: "awskms://alias/asc", setupStack: setupStackWithPulumi });
    expect(report.stack).toEqual({ created: true });
    const stackFile = parse(readFileSync(path.join(root, "stacks/Pulumi.aws-production.yaml"), "utf8"));
    expect(stackFile.secretsprovider).toBe("awskms://alias/asc");
    const decoded = (key: string) => Buffer.from(String(stackFile.config[key].secure).replace(/^fake:/, ""), "base64").toString();
    expect([decoded("asc:openaiApiKey"), decoded("asc:stripeSecretKey"), decoded("asc:stripeWebhookSecret")]).toEqual([SECRETS.ASC_OPENAI_API_KEY, SECRETS.ASC_STRIPE_SECRET_KEY, SECRETS.ASC_STRIPE_WEBHOOK_SECRET]);
    expect(stackFile.config["asc:cloud"]).toBe("aws");
    const calls = readFileSync(log, "utf8");
    expect(calls).toContain('"stack","init","aws-production","--secrets-provider","awskms://alias/asc"');
    for (const value of Object.values(SECRETS)) expect(calls).not.toContain(value);
    expect(existsSync(path.join(state, "stacks/aws-production.json"))).toBe(true);
  });
});
