/**
 * Finds the user's asc project: the nearest folder, from the working directory upwards, holding a Pulumi.yaml. The
 * project's `stacks/` and `var/` live there. A Pulumi.yaml inside a `node_modules` folder belongs to an installed
 * package, never to the project, so the search steps over it: the CLI works from the team's repository, never from
 * asc's install folder (which ships no Pulumi.yaml anyway). The files asc itself ships (the policy pack, the
 * vendored schemas) are found from the package instead, see `src/package-root.ts`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { AscUserError } from "../../errors.js";

const insideNodeModules = (dir: string) => dir.split(path.sep).includes("node_modules");

/** The project root, or undefined when no folder from `cwd` upwards is one. */
export function locateProjectRoot(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (!insideNodeModules(dir) && existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function findProjectRoot(cwd: string): string {
  const root = locateProjectRoot(cwd);
  if (root !== undefined) return root;
  throw new AscUserError("Not inside an asc project", [{
    path: "working directory",
    value: cwd,
    message: "no Pulumi.yaml here or in any parent folder (outside node_modules)",
    allowed: "a folder with Pulumi.yaml and stacks/Pulumi.<profile>.yaml",
    fix: "cd into your project (the folder with Pulumi.yaml), or create one there with: npx asc init",
  }]);
}
