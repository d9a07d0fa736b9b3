/** Every asc command, in the order `asc --help` lists them. Command modules import heavy code lazily. */
import type { CommandDefinition } from "./command.js";
import { configCommand } from "./commands/config.js";
import { deployCommand } from "./commands/deploy.js";
import { doctorCommand } from "./commands/doctor.js";
import { envCommand } from "./commands/env.js";
import { migrateCommand } from "./commands/migrate.js";
import { rollbackCommand } from "./commands/rollback.js";
import { secretsCommand } from "./commands/secrets.js";
import { verifyCommand } from "./commands/verify.js";
import { docsCommand } from "./commands/docs.js";
import { policyCommand } from "./commands/policy.js";
import { previewCommand } from "./commands/preview.js";
import { profilesCommand } from "./commands/profiles.js";
import { initCommand } from "./commands/init.js";

export const COMMANDS: readonly CommandDefinition<any>[] = [
  initCommand,
  deployCommand,
  previewCommand,
  envCommand,
  migrateCommand,
  verifyCommand,
  rollbackCommand,
  secretsCommand,
  doctorCommand,
  profilesCommand,
  configCommand,
  policyCommand,
  docsCommand,
];
