/** Generated docs must match the code they come from: regenerate with `npx asc docs generate`. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { allGeneratedFiles } from "../../src/cli/generated-docs.js";
import { ENV_CATALOG } from "../../src/contract/catalog.js";
import { configLeaves } from "../../src/config/load.js";
import { REPO_ROOT, runAsc } from "../helpers/cli.js";

let files: Record<string, string>;
beforeAll(async () => {
  files = await allGeneratedFiles();
});

describe("generated docs", () => {
  it("GIVEN the code THEN every generated file on disk is up to date (no drift)", () => {
    for (const [file, content] of Object.entries(files)) {
      expect({ file, content: readFileSync(path.join(REPO_ROOT, file), "utf8") }).toEqual({ file, content });
    }
  });

  it("THEN the env contract doc lists every catalog variable and the config doc every key", () => {
    for (const v of ENV_CATALOG) expect(files["docs/env-contract.md"]).toContain(`| \`${v.name}\` |`);
    for (const leaf of configLeaves()) expect(files["docs/config.md"]).toContain(`| \`asc:${leaf.path}\` |`);
  });

  it("THEN the CLI doc shows every exit code and each command's help", () => {
    for (const code of ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |"]) expect(files["docs/cli.md"]).toContain(code);
    expect(files["docs/cli.md"]).toContain("## asc preview");
    expect(files["docs/cli.md"]).toContain("--offline");
  });

  it("GIVEN asc docs check THEN it agrees with the files on disk", async () => {
    const result = await runAsc(["docs", "check"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("generated docs are up to date\n");
    expect(result.code).toBe(0);
  });
});
