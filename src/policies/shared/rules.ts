/** Rules for every cloud. */
import type { PolicyRule } from "../rule.js";
import { secretsNoPlaintext } from "./secrets/no-plaintext.js";
import { tagsRequired } from "./tags/required.js";

export const SHARED_RULES: readonly PolicyRule[] = [tagsRequired, secretsNoPlaintext];
