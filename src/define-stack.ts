/**
 * The program seam of the package: `defineStack` (a resolved config → the cloud's blueprint → the stack outputs) and
 * `program()`, the no-argument entry a user's Pulumi program exports:
 *
 *     import { program } from "asc";
 *     export default program();
 *
 * `program()` returns the function the Pulumi Node.js runtime calls (a default export that is a function is run and
 * its result becomes the stack outputs): it reads the profile's `asc:` config from the engine (the stack file under
 * `stackConfigDir`, decrypted by Pulumi), resolves it as `asc deploy` does and builds the blueprint. The code lives in
 * src/program.ts (asc's own Pulumi.yaml still runs dist/program.js); this module is its public name.
 */
import main, { defineStack, type DefineStackOptions } from "./program.js";

export { defineStack, type DefineStackOptions };

/** The stack outputs a program returns: the typed StackOutputs plus the release record and the deployed contract. */
export type ProgramOutputs = Record<string, unknown>;

/** The entry for a user's Pulumi program: `export default program()`. */
export function program(): () => Promise<ProgramOutputs> {
  return main;
}
