/** The passphrase check shared by asc doctor and validate: an empty PULUMI_CONFIG_PASSPHRASE counts as unset. */
import { passphraseProblem, passphraseState } from "../../src/config/passphrase.js";

const passphraseFile = { secretsProvider: undefined, hasEncryptionSalt: true };

describe("the stack passphrase", () => {
  it.each([
    [{ PULUMI_CONFIG_PASSPHRASE: "horse" }, "set"],
    [{ PULUMI_CONFIG_PASSPHRASE: "" }, "empty"],
    [{ PULUMI_CONFIG_PASSPHRASE: "", PULUMI_CONFIG_PASSPHRASE_FILE: "/run/secrets/p" }, "file"],
    [{}, "unset"],
  ])("GIVEN a passphrase stack and %j THEN %s", (env, state) => {
    expect(passphraseState(passphraseFile, env, "s3://state")).toBe(state);
  });

  it("GIVEN a KMS provider, or Pulumi Cloud without a salt THEN no passphrase is needed", () => {
    expect(passphraseState({ secretsProvider: "awskms://alias/asc", hasEncryptionSalt: false }, {}, "s3://state")).toBe("not-used");
    expect(passphraseState({ secretsProvider: undefined, hasEncryptionSalt: false }, {}, "https://api.pulumi.com")).toBe("not-used");
    expect(passphraseState({ secretsProvider: "passphrase", hasEncryptionSalt: false }, {}, "https://api.pulumi.com")).toBe("unset");
  });

  it("GIVEN an empty passphrase THEN the problem says empty, without quoting any value, with the fix", () => {
    const problem = passphraseProblem("empty", "stacks/Pulumi.aws-staging.yaml")!;
    expect(problem).toMatchObject({ path: "PULUMI_CONFIG_PASSPHRASE", value: "(empty)", allowed: "a non-empty PULUMI_CONFIG_PASSPHRASE, or PULUMI_CONFIG_PASSPHRASE_FILE" });
    expect(problem.message).toContain("treats an empty passphrase as unset");
    expect(passphraseProblem("set", "x")).toBeUndefined();
  });
});
