/** The CLI side of `asc init`: where the answers come from (file or terminal), and what is printed. */
import { AscUserError, ExitCode } from "../../errors.js";
import type { CliContext } from "../context.js";

export interface InitArgs {
  readonly profile?: string;
  readonly answers?: string;
  readonly nonInteractive: boolean;
  readonly force: boolean;
  readonly workflows: boolean;
  readonly secretsProvider?: string;
}

export async function runInitCommand(args: InitArgs, ctx: CliContext): Promise<ExitCode> {
  const { readAnswersFile } = await import("../../init/answers.js");
  const { runInit } = await import("../../init/run-init.js");
  const { setupStackWithPulumi } = await import("../../init/stack-secrets.js");
  const interactive = !args.nonInteractive && ctx.prompt !== undefined;
  if (!interactive && !args.answers) {
    throw new AscUserError("asc init needs answers", [{
      path: args.nonInteractive ? "--answers" : "terminal",
      message: args.nonInteractive ? "--non-interactive needs an answers file" : "stdin is not a terminal, so asc init cannot ask",
      allowed: "a terminal, or --non-interactive --answers <file>",
      fix: "run asc init on a terminal, or: asc init --non-interactive --answers answers.yaml --profile <name>",
    }]);
  }
  let answers;
  let typedSecrets;
  if (interactive && !args.answers) {
    const { askInitAnswers } = await import("../../init/interactive.js");
    ({ answers, typedSecrets } = await askInitAnswers({ prompt: ctx.prompt!, promptSecret: ctx.promptSecret, write: (s) => ctx.stderr.write(s), env: ctx.env, profile: args.profile }));
  } else {
    answers = readAnswersFile(args.answers!, ctx.cwd, args.profile);
  }
  const { report, reportFiles } = await runInit({
    root: ctx.cwd,
    answers,
    typedSecrets,
    env: ctx.env,
    now: ctx.now(),
    force: args.force,
    workflows: args.workflows,
    secretsProvider: args.secretsProvider,
    setupStack: setupStackWithPulumi,
  });
  const out = (s: string) => ctx.stdout.write(s);
  out(`${report.mode === "new-project" ? "created an asc project with" : "added"} profile ${report.profile} (${report.cloud}, ${report.tier}, ${report.region}, name ${report.name})\n`);
  for (const f of report.files) out(`  wrote ${f}\n`);
  for (const w of report.warnings) ctx.stderr.write(`warning: ${w}\n`);
  out(report.stack.created ? `stack ${report.profile} created\n` : `stack not created: ${report.stack.reason}\n`);
  for (const s of report.secrets) out(`  asc:${s.key} (${s.required ? "required" : "optional"}): ${s.state}\n`);
  out(`summary: ${reportFiles.join(", ")}\nnext:\n${report.nextCommands.map((c) => `  ${c}\n`).join("")}`);
  return ExitCode.ok;
}
