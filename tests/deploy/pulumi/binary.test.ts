import { chmodSync, mkdirSync, readlinkSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findPulumiBinary, requirePulumiBinary } from "../../../src/deploy/pulumi/binary.js";
import { describeLock, summarizePulumiOutput } from "../../../src/deploy/pulumi/errors.js";
import { isAscUserError } from "../../../src/errors.js";
import { testTempDir } from "../../helpers/temp-dir.js";

function executable(dir: string, name = "pulumi"): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, "#!/bin/sh\necho v3.200.0\n");
  chmodSync(file, 0o755);
  return realpathSync(file);
}

describe("findPulumiBinary", () => {
  const base = testTempDir("asc-bin-");

  it("GIVEN pulumi in a bin folder on PATH THEN it is used with that folder's parent as the SDK root", () => {
    const bin = executable(path.join(base, "home", ".pulumi", "bin"));
    expect(findPulumiBinary({ env: { PATH: `/nonexistent${path.delimiter}${path.dirname(bin)}` } })).toEqual({ command: bin, root: path.dirname(path.dirname(bin)), source: "PATH" });
  });

  it("GIVEN pulumi only in the project's node_modules/.bin THEN it is found after PATH, through a shim root whose bin/pulumi links to it", () => {
    const project = path.join(base, "project");
    const bin = executable(path.join(project, "node_modules", ".bin"));
    const found = findPulumiBinary({ env: { PATH: "/nonexistent" }, projectRoot: project })!;
    expect([found.command, found.source]).toEqual([bin, path.join(project, "node_modules", ".bin")]);
    expect(readlinkSync(path.join(found.root, "bin", "pulumi"))).toBe(bin);
    // The shim lives in the project's var/cache (ignored with var/), not in $TMPDIR.
    expect(path.dirname(found.root)).toBe(path.join(project, "var", "cache"));
  });

  it("GIVEN ASC_PULUMI_COMMAND THEN it wins over PATH", () => {
    const chosen = executable(path.join(base, "opt", "pulumi"));
    executable(path.join(base, "other", "bin"));
    const found = findPulumiBinary({ env: { ASC_PULUMI_COMMAND: chosen, PATH: path.join(base, "other", "bin") }, projectRoot: base })!;
    expect([found.command, found.source]).toEqual([chosen, "ASC_PULUMI_COMMAND"]);
  });

  it("GIVEN a file that is not executable on PATH THEN it is skipped", () => {
    const dir = path.join(base, "noexec");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "pulumi"), "");
    chmodSync(path.join(dir, "pulumi"), 0o644);
    expect(findPulumiBinary({ env: { PATH: dir } })).toBeUndefined();
  });

  it("GIVEN no pulumi anywhere THEN a user error says how to install it", () => {
    let error: unknown;
    try {
      requirePulumiBinary({ env: { PATH: "/nonexistent" }, projectRoot: path.join(base, "empty") });
    } catch (e) {
      error = e;
    }
    expect(isAscUserError(error)).toBe(true);
    expect((error as Error).message).toContain("The Pulumi CLI was not found");
    expect((error as Error).message).toContain("fix:     install the Pulumi CLI: curl -fsSL https://get.pulumi.com | sh");
  });

  it("GIVEN ASC_PULUMI_COMMAND naming a missing file THEN a user error names the variable", () => {
    expect(() => findPulumiBinary({ env: { ASC_PULUMI_COMMAND: "/nope/pulumi" } })).toThrow("The Pulumi CLI named by ASC_PULUMI_COMMAND does not exist");
  });
});

describe("Pulumi CLI output", () => {
  it("GIVEN execa's failure text THEN the summary starts at the CLI's error line", () => {
    expect(summarizePulumiOutput("Command failed with exit code 255: pulumi up --stack dev\nUpdating (dev):\nerror: update failed\n  details\n")).toBe("error: update failed\n  details");
  });

  it("GIVEN output without an error line THEN the last lines are kept", () => {
    expect(summarizePulumiOutput("a\nb\nc", 2)).toBe("b\nc");
    expect(summarizePulumiOutput("")).toBe("the Pulumi CLI failed without a message");
  });

  it("GIVEN a lock message without a lock file line THEN the 'locked by' line is the holder", () => {
    expect(describeLock("error: the stack is currently locked by 1 lock(s).")).toBe("error: the stack is currently locked by 1 lock(s).");
    expect(describeLock("error: something else")).toBeUndefined();
  });
});
