/**
 * A `pulumi` that is not Pulumi: ASC_PULUMI_COMMAND naming /bin/echo, a program that fails, a CLI older than the
 * SDK's minimum, or a file that does not exist. Each is a user error (exit 2) naming ASC_PULUMI_COMMAND, with no
 * stack trace, and no engine call is made.
 */
import { chmodSync, existsSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fakeServices } from "../helpers/fake-pulumi/fake-services.js";
import { awsStackOutputs, fakePulumiWorld } from "../helpers/fake-pulumi/world.js";

const DEV_PROFILE = `config:
  asc:cloud: aws
  asc:tier: dev
  asc:region: eu-west-1
  asc:name: app
  asc:images:
    api: ghcr.io/acme/api:v2
    web: ghcr.io/acme/web:v2
  asc:devOverrides:
    httpOnly: true
`;

function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe("asc deploy: ASC_PULUMI_COMMAND is not Pulumi", () => {
  const cases: [string, (dir: string) => string, RegExp][] = [
    ["/bin/echo", () => "/bin/echo", /`echo version` printed "version", not a Pulumi version/],
    ["a program that exits 1", (dir) => script(dir, "broken", "echo 'boom' >&2; exit 1"), /`broken version` exited with 1: boom/],
    ["a CLI below the SDK's minimum version", (dir) => script(dir, "ancient", "echo v3.1.0"), /`ancient version` printed "v3.1.0", not a Pulumi version/],
    ["a file that does not exist", (dir) => path.join(dir, "no-such-pulumi"), /not an executable file/],
  ];

  it.each(cases)("GIVEN %s THEN exit 2 names ASC_PULUMI_COMMAND and its fix, validate fails, nothing else runs", async (_what, make, detail) => {
    const world = fakePulumiWorld({ "aws-dev": DEV_PROFILE });
    world.seedStack("aws-dev", awsStackOutputs());
    const command = make(world.root);
    const { services, calls } = fakeServices({ upCount: () => 0 });
    const { code, stdout, stderr } = await world.run(["deploy", "--profile", "aws-dev"], { env: { ASC_OPENAI_API_KEY: "sk-test", ASC_PULUMI_COMMAND: command }, services });
    expect(code).toBe(2);
    const text = stdout + stderr;
    expect(text).toContain("ASC_PULUMI_COMMAND");
    // The binary as asc resolved it (symlinks followed: /bin/echo may be /usr/bin/echo).
    expect(text).toContain(`got:     "${existsSync(command) ? realpathSync(command) : command}"`);
    expect(text).toMatch(detail);
    expect(text).toContain("fix:     point ASC_PULUMI_COMMAND at the pulumi binary");
    expect(text).not.toContain("asc crashed");
    expect(text).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
    // The fake pulumi (on PATH) was never used, and nothing after validate ran.
    expect(world.commands()).toEqual([]);
    expect(calls.migrations).toEqual([]);
    const report = world.reports()[0].json;
    expect(report).toMatchObject({ status: "failed", exitCode: 2 });
    expect(report.phases.map((p: { name: string; result: string }) => `${p.name}:${p.result}`)).toEqual(["validate:failed", "provision:skipped", "migrate:skipped", "release:skipped", "verify:skipped"]);
  });
});
