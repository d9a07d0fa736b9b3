/** Finds the asc project (the folder holding Pulumi.yaml) from the working directory upwards. */
import { existsSync } from "node:fs";
import path from "node:path";
import { AscUserError } from "../../errors.js";

export function findProjectRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new AscUserError("Not inside an asc project", [{
    path: "working directory",
    value: cwd,
    message: "no Pulumi.yaml here or in any parent folder",
    allowed: "a folder with Pulumi.yaml and stacks/Pulumi.<profile>.yaml",
    fix: "cd into the asc project (the folder with Pulumi.yaml), or clone one",
  }]);
}
