/**
 * A plain `pulumi up` reads the stack's release through a StackReference to the stack's own fully qualified name
 * (src/program.ts releasedByOwnStack). Under mocks the engine's answer is the mock's: these tests check the name the
 * program asks for and what it makes of the answer, not that a real engine returns the previous outputs.
 */
import * as pulumi from "@pulumi/pulumi";

const asked: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
let answer: Record<string, unknown> = {};
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      asked.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: String(args.inputs.name ?? args.name), state: args.type === "pulumi:pulumi:StackReference" ? { ...args.inputs, outputs: answer, secretOutputNames: [] } : args.inputs };
    },
    call: () => ({}),
  },
  "asc",
  "aws-production",
  false,
  "acme",
);

const RELEASE = { services: { api: "ghcr.io/acme/api@sha256:" + "a".repeat(64), web: "ghcr.io/acme/web@sha256:" + "b".repeat(64) }, migration: "ghcr.io/acme/api@sha256:" + "a".repeat(64), rotation: { databasePassword: 2 } };

describe("releasedByOwnStack", () => {
  beforeEach(() => {
    asked.length = 0;
  });

  it("GIVEN a stack whose release output is set THEN the program reads it through a StackReference to <org>/<project>/<stack>", async () => {
    answer = { release: RELEASE, other: 1 };
    const { releasedByOwnStack } = await import("../src/program.js");
    await expect(releasedByOwnStack()).resolves.toEqual(RELEASE);
    expect(asked.filter((a) => a.type === "pulumi:pulumi:StackReference").map((a) => a.inputs.name)).toEqual(["acme/asc/aws-production"]);
  });

  it("GIVEN a stack with no release yet (a first up) THEN there is none, and the profile's images seed it", async () => {
    answer = {};
    const { releasedByOwnStack, configForPlainUp } = await import("../src/program.js");
    const released = await releasedByOwnStack();
    expect(released).toBeUndefined();
    const config = { images: { api: "a:1", web: "w:1" } } as never;
    expect(configForPlainUp(config, released, () => undefined)).toBe(config);
  });

  it("GIVEN profile epochs behind the release THEN the plain up is refused before anything is registered", async () => {
    const { configForPlainUp } = await import("../src/program.js");
    const config = { images: { api: RELEASE.services.api, web: RELEASE.services.web }, secrets: { rotation: { databasePassword: 1 } } } as never;
    expect(() => configForPlainUp(config, RELEASE, () => undefined)).toThrow("asc:secrets.rotation.databasePassword 1 < 2");
  });
});
