/**
 * The fake pulumi's stack state: <stack>.json ({ outputs, secretOutputs, history }) plus the answers bin/pulumi
 * serves without starting node: <stack>.plain.json (stack output --show-secrets), <stack>.masked.json (stack
 * output), <stack>.history-50-<page>.json (stack history --json --page-size 50 --page <page>, the page size asc
 * reads with) and <stack>.history-1-1.json (the newest update: the SDK's Stack.info() after every up and preview,
 * automation/stack.js). Any other page goes to fake-pulumi.mjs, which prints the same.
 *
 * secretOutputs lists the secret values by path: "key" for a whole output, "key.a.b" (or "key.0" in an array) for one
 * nested inside it. The masked answer replaces each secret value, wherever it sits, with "[secret]", the way the
 * real CLI does (pkg/backend/display/json.go, massagePropertyValue, v3.248.0: objects and arrays are walked, a
 * secret becomes "[secret]" unless --show-secrets).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

function mask(value, prefix, secrets) {
  if (secrets.has(prefix)) return "[secret]";
  if (Array.isArray(value)) return value.map((v, i) => mask(v, `${prefix}.${i}`, secrets));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, `${prefix}.${k}`, secrets)]));
  return value;
}

export function maskOutputs(outputs, secretOutputs) {
  const secrets = new Set(secretOutputs);
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, mask(v, k, secrets)]));
}

export function writeStackState(file, state) {
  mkdirSync(path.dirname(file), { recursive: true });
  const base = file.replace(/\.json$/, "");
  writeFileSync(`${base}.plain.json`, JSON.stringify(state.outputs));
  writeFileSync(`${base}.masked.json`, JSON.stringify(maskOutputs(state.outputs, state.secretOutputs)));
  writeHistoryPages(base, state.history ?? []);
  writeFileSync(file, JSON.stringify(state, null, 2));
}

const HISTORY_PAGE_SIZE = 50;

/** The pages bin/pulumi serves, formatted as fake-pulumi.mjs prints them: every 50-entry page (and the empty one after the last), and the newest entry. */
function writeHistoryPages(base, history) {
  const prefix = `${path.basename(base)}.history-`;
  for (const f of readdirSync(path.dirname(base))) if (f.startsWith(prefix)) rmSync(path.join(path.dirname(base), f));
  const write = (size, page) => writeFileSync(`${base}.history-${size}-${page}.json`, JSON.stringify(history.slice((page - 1) * size, page * size), null, 4));
  for (let page = 1; page <= Math.floor(history.length / HISTORY_PAGE_SIZE) + 1; page++) write(HISTORY_PAGE_SIZE, page);
  write(1, 1);
}
