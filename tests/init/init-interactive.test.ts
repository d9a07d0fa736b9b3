/**
 * The guided `asc init`, driven through a real pseudo-terminal (util-linux `script`): the built CLI sees a TTY,
 * asks one question at a time with a progress line, re-asks on a bad answer, hides typed secrets, and writes the same
 * profile as the equivalent answers file does headless. No Pulumi CLI is reachable (PATH holds only node's folder
 * and the system folders), so the stack is not created and the typed secrets are reported as collected, not stored.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, runAsc } from "../helpers/cli.js";
import { runInPty, type PtyAnswer } from "../helpers/pty.js";
import { testTempDir } from "../helpers/temp-dir.js";

const FIXTURES = path.join(REPO_ROOT, "tests/fixtures/init");
const OPENAI = "sk-ptyTypedOpenaiKey0123456789";
const STRIPE_TEST = "sk_test_ptyTypedStripe01234";
const STRIPE_LIVE = "sk_live_ptyTypedStripe56789";
const WEBHOOK = "whsec_ptyTypedWebhook01234";
const SECRETS = [OPENAI, STRIPE_TEST, STRIPE_LIVE, WEBHOOK];

const ENV = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: "/nonexistent" };
const cli = (...args: string[]) => [process.execPath, path.join(REPO_ROOT, "bin/asc.js"), ...args];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}
const allText = (dir: string) => filesUnder(dir).map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");

describe("asc init on a terminal", () => {
  it("GIVEN the Azure staging questions answered on a pty THEN it writes the same profile as the answers file, after re-asking a bad answer", async () => {
    const cwd = testTempDir("asc-init-pty-");
    const answers: PtyAnswer[] = [
      { question: /^Cloud/, type: ["gcp", "azure"] },
      { question: /^Tier/, type: ["staging"] },
      { question: /^Region/, type: ["northeurope"] },
      { question: /^api image/, type: ["ghcr.io/acme/api:sha-50548aa"] },
      { question: /^web image/, type: ["ghcr.io/acme/web:sha-50548aa"] },
      { question: /^OpenAI API key/, type: ["not-a-key", OPENAI] },
      { question: /^Email through Resend/, type: ["yes"] },
      { question: /^Sender address/, type: ["noreply@example.com"] },
    ];
    const run = await runInPty(cli("init"), { cwd, env: ENV, answers });
    expect(run.code).toBe(0);

    // Progress, required-or-default labels and defaults are on screen; the rejected answers were asked again.
    expect(run.questions[0]).toBe("[1/14] Cloud (aws/azure) — required");
    expect(run.questions.filter((q) => q.includes("Cloud"))).toHaveLength(2);
    expect(run.transcript).toContain("choose one of: aws, azure");
    expect(run.questions).toContainEqual(expect.stringMatching(/^\[3\/\d+\] Region \(AWS region or Azure location\) — required \[westeurope\]$/));
    expect(run.questions).toContainEqual(expect.stringMatching(/^\[\d+\/\d+\] Profile name .* — safe default \[azure-staging\]$/));
    expect(run.questions.filter((q) => q.includes("OpenAI API key"))).toHaveLength(2);
    expect(run.questions.find((q) => q.includes("OpenAI API key"))).toContain("required before production, may stay empty now");
    // Email on opens its follow-up questions, and the total grows with them.
    const last = run.questions[run.questions.length - 1];
    expect(last).toMatch(/^\[(\d+)\/\1\] Who may sign up/);
    expect(run.questions.some((q) => q.includes("Sender address"))).toBe(true);

    // The typed key is never echoed, nor written anywhere.
    expect(run.transcript).not.toContain(OPENAI);
    expect(allText(cwd)).not.toContain(OPENAI);

    const headless = testTempDir("asc-init-headless-");
    const viaFile = await runAsc(["init", "--non-interactive", "--answers", path.join(FIXTURES, "azure-staging.answers.yaml")], { cwd: headless, env: {} });
    expect(viaFile.code).toBe(0);
    expect(readFileSync(path.join(cwd, "stacks/Pulumi.azure-staging.yaml"), "utf8")).toBe(readFileSync(path.join(headless, "stacks/Pulumi.azure-staging.yaml"), "utf8"));
    const report = JSON.parse(readFileSync(path.join(cwd, "var/reports/init-azure-staging.json"), "utf8"));
    expect(report.answeredFrom).toBe("terminal");
    expect(report.secrets.find((s: { key: string }) => s.key === "openaiApiKey")).toMatchObject({ state: "collected-not-stored" });
    expect(report.stack).toEqual({ created: false, reason: "no Pulumi CLI on PATH or in node_modules/.bin" });
  }, 30_000);

  it("GIVEN an AWS production profile on a pty THEN a test-mode Stripe key is refused as typed, and the profile matches the answers file", async () => {
    const cwd = testTempDir("asc-init-pty-");
    mkdirSync(path.join(cwd, "sub"));
    const answers: PtyAnswer[] = [
      { question: /^Cloud/, type: ["aws"] },
      { question: /^Tier/, type: ["production"] },
      { question: /^Region/, type: ["eu-west-1"] },
      { question: /^Web host name/, type: ["app.example.com"] },
      { question: /^Api host name/, type: ["api.example.com"] },
      { question: /^ACM certificate ARN/, type: ["arn:aws:acm:eu-west-1:123456789012:certificate/7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d"] },
      { question: /^api image/, type: ["ghcr.io/acme/api@sha256:3f5c8e2a9b1d4c6e7f8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e"] },
      { question: /^web image/, type: ["ghcr.io/acme/web@sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"] },
      { question: /^api size/, type: ["2,4,4"] },
      { question: /^OpenAI API key/, type: [OPENAI] },
      { question: /^Stripe billing/, type: ["yes"] },
      { question: /^Stripe secret key/, type: [STRIPE_TEST, STRIPE_LIVE] },
      { question: /^Stripe webhook/, type: [WEBHOOK] },
      { question: /^Stripe price map/, type: ["starter=price_1Starter,pro=price_1Pro"] },
      { question: /^Who may sign up/, type: ["approval"] },
    ];
    const run = await runInPty(cli("init", "--profile", "aws-production"), { cwd, env: ENV, answers });
    expect(run.code).toBe(0);
    expect(run.questions.some((q) => q.includes("Profile name"))).toBe(false);
    expect(run.questions.filter((q) => q.includes("Stripe secret key"))).toHaveLength(2);
    expect(run.transcript).toMatch(/test-mode|sk_live_/);
    expect(run.questions.some((q) => q.includes("Route 53 public hosted zone"))).toBe(true);
    for (const secret of SECRETS) {
      expect(run.transcript).not.toContain(secret);
      expect(allText(cwd)).not.toContain(secret);
    }

    const headless = testTempDir("asc-init-headless-");
    const viaFile = await runAsc(["init", "--non-interactive", "--answers", path.join(FIXTURES, "aws-production.answers.yaml")], { cwd: headless, env: { ASC_OPENAI_API_KEY: OPENAI } });
    expect(viaFile.code).toBe(0);
    expect(readFileSync(path.join(cwd, "stacks/Pulumi.aws-production.yaml"), "utf8")).toBe(readFileSync(path.join(headless, "stacks/Pulumi.aws-production.yaml"), "utf8"));
    const report = JSON.parse(readFileSync(path.join(cwd, "var/reports/init-aws-production.json"), "utf8"));
    expect(report.secrets.map((s: { key: string; state: string }) => `${s.key}:${s.state}`)).toEqual(["openaiApiKey:collected-not-stored", "stripeSecretKey:collected-not-stored", "stripeWebhookSecret:collected-not-stored"]);
  }, 30_000);
});
