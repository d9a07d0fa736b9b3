/**
 * The Markdown docs (README.md, docs/**, docker/README.md; whichever exist): every relative link and #anchor
 * resolves, and every `asc …` command they show names a real command whose --help exits 0. The same holds for the
 * `node bin/asc.js …` commands the workflows run.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { COMMANDS } from "../../src/cli/registry.js";
import type { CommandDefinition } from "../../src/cli/command.js";
import { REPO_ROOT, runAsc } from "../helpers/cli.js";
import { anchorsOf, commandLines, commandPath, headingSlug, isExternal, linkTargets, type CommandNode } from "./markdown.js";

function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(REPO_ROOT, dir)).flatMap((entry) => {
      const rel = `${dir}/${entry}`;
      if (statSync(path.join(REPO_ROOT, rel)).isDirectory()) return walk(rel);
      return entry.endsWith(".md") ? [rel] : [];
    });
  const roots = ["README.md", "docker/README.md"].filter((f) => existsSync(path.join(REPO_ROOT, f)));
  return [...roots, ...(existsSync(path.join(REPO_ROOT, "docs")) ? walk("docs") : [])].sort();
}

const FILES = markdownFiles();
const read = (rel: string) => readFileSync(path.join(REPO_ROOT, rel), "utf8");
const toNode = (def: CommandDefinition<any>): CommandNode => ({ name: def.command.split(" ")[0], children: (def.subcommands ?? []).map(toNode) });
const TREE = COMMANDS.map(toNode);

/** Problems with one file's relative links: missing files and missing #anchors. */
function brokenLinks(file: string): string[] {
  const problems: string[] = [];
  for (const { line, value } of linkTargets(read(file))) {
    if (isExternal(value)) continue;
    const [rawPath, anchor] = value.split("#", 2) as [string, string?];
    const target = rawPath === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)));
    if (target.startsWith("..")) {
      problems.push(`${file}:${line}: ${value} leaves the repository`);
      continue;
    }
    if (!existsSync(path.join(REPO_ROOT, target))) {
      problems.push(`${file}:${line}: ${value} points to ${target}, which does not exist`);
      continue;
    }
    if (anchor && target.endsWith(".md") && !anchorsOf(read(target)).has(anchor)) {
      problems.push(`${file}:${line}: ${value} names #${anchor}, which is not a heading of ${target}`);
    }
  }
  return problems;
}

/** Every command path shown in the docs, with where it is shown; unknown commands as problems. */
function documentedCommands(sources: Record<string, string>): { paths: Map<string, string>; problems: string[] } {
  const paths = new Map<string, string>();
  const problems: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const { line, value } of commandLines(text)) {
      const result = commandPath(value, TREE);
      if ("error" in result) problems.push(`${file}:${line}: asc ${value.join(" ")}: ${result.error}`);
      else if (!paths.has(result.path.join(" "))) paths.set(result.path.join(" "), `${file}:${line}`);
    }
  }
  return { paths, problems };
}

describe("docs links", () => {
  it("GIVEN the repository THEN the delivery docs exist", () => {
    expect(FILES).toEqual(expect.arrayContaining(["docker/README.md", "docs/ci.md", "docs/runbooks/billing-worker-topology.md", "docs/runbooks/incident-deploy-failed.md", "docs/runbooks/migrations.md", "docs/runbooks/rollback.md", "docs/runbooks/secret-rotation.md"]));
  });

  it.each(FILES)("GIVEN %s THEN every relative link and #anchor resolves", (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});

describe("asc commands shown in docs and run by workflows", () => {
  const workflowRuns = Object.fromEntries(
    readdirSync(path.join(REPO_ROOT, ".github/workflows")).map((f) => {
      const text = read(`.github/workflows/${f}`);
      // Only the run: script lines that call the CLI, as if they were a code block.
      const lines = text.split("\n").flatMap((l) => /^\s*(?:-\s+)?(?:run:\s*)?(node bin\/asc\.js .*)$/.exec(l)?.[1] ?? []);
      return [`.github/workflows/${f}`, ["```", ...lines, "```"].join("\n")];
    }),
  );
  const { paths, problems } = documentedCommands({ ...Object.fromEntries(FILES.map((f) => [f, read(f)])), ...workflowRuns });

  it("GIVEN every command line in the docs and workflows THEN each names a real command and sub-command", () => {
    expect(problems).toEqual([]);
  });

  it("GIVEN the workflows THEN they run asc deploy, preview and docs check", () => {
    expect([...documentedCommands(workflowRuns).paths.keys()].sort()).toEqual(["deploy", "docs check", "preview"]);
  });

  it("GIVEN each command path the docs show THEN `asc <path> --help` exits 0", async () => {
    const failures: string[] = [];
    for (const [commandPathText, where] of paths) {
      const result = await runAsc([...commandPathText.split(" ").filter(Boolean), "--help"]);
      if (result.code !== 0) failures.push(`${where}: asc ${commandPathText} --help exited ${result.code}: ${result.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
    expect(paths.size).toBeGreaterThan(3);
  });
});

describe("the Markdown helpers", () => {
  it.each([
    ["asc preview", "asc-preview"],
    ["`asc config show`", "asc-config-show"],
    ["Exit codes 2–6 and 130", "exit-codes-26-and-130"],
    ["What a failed migration leaves behind", "what-a-failed-migration-leaves-behind"],
    ["OIDC: AWS (IAM role) & Azure", "oidc-aws-iam-role--azure"],
    ["**Expand**, then _contract_", "expand-then-contract"],
    ["[Links](x.md) in headings", "links-in-headings"],
  ])("GIVEN the heading %j THEN its GitHub id is %s", (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });

  it("GIVEN repeated headings and an explicit anchor THEN all ids are offered", () => {
    expect([...anchorsOf("# A\n## Steps\n```\n# not a heading\n```\n## Steps\n<a id=\"x\"></a>\n")]).toEqual(["a", "steps", "steps-1", "x"]);
  });

  it("GIVEN links in prose, code spans and code blocks THEN only the prose links count", () => {
    const md = ["See [ci](ci.md#oidc) and ![img](a.png).", "`[not](a link)`", "```", "[also not](x.md)", "```", "[ref]: runbooks/rollback.md", "[web](https://example.com)"].join("\n");
    expect(linkTargets(md)).toEqual([
      { line: 1, value: "ci.md#oidc" },
      { line: 1, value: "a.png" },
      { line: 6, value: "runbooks/rollback.md" },
      { line: 7, value: "https://example.com" },
    ]);
  });

  it("GIVEN commands in blocks and inline code THEN each command line is found with its words", () => {
    const md = ["Run `asc deploy --profile p` or `npx asc docs generate`.", "```bash", "$ asc config show --profile aws-dev", "node bin/asc.js preview --profile x --offline", "echo asc deploy", "```", "Not `asc:cloud` nor `ascii`."].join("\n");
    expect(commandLines(md)).toEqual([
      { line: 1, value: ["deploy", "--profile", "p"] },
      { line: 1, value: ["docs", "generate"] },
      { line: 3, value: ["config", "show", "--profile", "aws-dev"] },
      { line: 4, value: ["preview", "--profile", "x", "--offline"] },
    ]);
  });

  it.each([
    [["config", "show", "--profile", "x"], { path: ["config", "show"] }],
    [["deploy", "<profile>"], { path: ["deploy"] }],
    [[], { path: [] }],
    [["deploi", "--profile", "x"], { error: `"deploi" is not an asc command (known: ${TREE.map((n) => n.name).join(", ")})` }],
    [["config", "shw"], { error: '"shw" is not a sub-command of asc config (known: show, schema)' }],
  ])("GIVEN asc %j THEN the command path is %j", (words, expected) => {
    expect(commandPath(words, TREE)).toEqual(expected);
  });
});
