/** Every asc command, in the order `asc --help` lists them. Command modules import heavy code lazily. */
import type { CommandDefinition } from "./command.js";
import { configCommand } from "./commands/config.js";
import { docsCommand } from "./commands/docs.js";
import { previewCommand } from "./commands/preview.js";
import { profilesCommand } from "./commands/profiles.js";

export const COMMANDS: readonly CommandDefinition<any>[] = [previewCommand, profilesCommand, configCommand, docsCommand];
