/** Every generated file: the ones from below the CLI (src/docs/generated.ts) plus the CLI reference, docs/cli.md. */
import { generatedFiles } from "../docs/generated.js";
import { renderCliDoc } from "./reference-doc.js";

export async function allGeneratedFiles(): Promise<Record<string, string>> {
  const files = generatedFiles();
  return { ...files, "docs/cli.md": await renderCliDoc() };
}
