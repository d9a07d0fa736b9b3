/** asc doctor is the one place asc speaks of the Node.js version (bin/asc.js turns the AWS SDK's own notice off). */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { nodeRuntimeCheck } from "../../src/cli/lib/doctor-checks.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { testTempDir } from "../helpers/temp-dir.js";

const run = promisify(execFile);

describe("the node runtime check", () => {
  it.each(["v22.12.0", "v24.1.0"])("GIVEN Node %s THEN it is ok", (version) => {
    expect(nodeRuntimeCheck(version)).toEqual({ check: "node runtime", status: "ok", detail: `Node.js ${version}` });
  });

  it("GIVEN Node 20 THEN it warns once, with the end of life, the AWS SDK's January 2027 floor and the fix", () => {
    expect(nodeRuntimeCheck("v20.19.5")).toEqual({
      check: "node runtime",
      status: "warning",
      detail: "Node.js v20.19.5: asc works, but Node 20 reached end of life on 2026-04-30 and AWS SDK releases from January 2027 need Node 22",
      fix: "install Node.js 22 LTS (nvm install 22, or your platform's package), then npm ci",
    });
  });

  it("GIVEN the real CLI outside a project WHEN asc doctor runs THEN the runtime line matches this Node and the SDK prints no notice", async () => {
    const cwd = testTempDir("asc-doctor-");
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, "bin/asc.js"), "doctor"], { cwd, env: { PATH: "/nonexistent", HOME: cwd } }).catch((e) => e);
    const major = Number(process.versions.node.split(".")[0]);
    expect(stdout).toContain(major >= 22 ? `✓ node runtime: Node.js ${process.version}` : `! node runtime: Node.js ${process.version}: asc works`);
    expect(stderr).not.toContain("NodeVersionSupportWarning");
  });
});
