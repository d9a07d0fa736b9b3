/**
 * The fake pulumi's stack state: <stack>.json ({ outputs, secretOutputs, history }) plus the answers bin/pulumi
 * serves without starting node: <stack>.plain.json (stack output --show-secrets), <stack>.masked.json (stack output)
 * and <stack>.history.json (stack history).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export function writeStackState(file, state) {
  mkdirSync(path.dirname(file), { recursive: true });
  const base = file.replace(/\.json$/, "");
  const masked = Object.fromEntries(Object.entries(state.outputs).map(([k, v]) => [k, state.secretOutputs.includes(k) ? "[secret]" : v]));
  writeFileSync(`${base}.plain.json`, JSON.stringify(state.outputs));
  writeFileSync(`${base}.masked.json`, JSON.stringify(masked));
  writeFileSync(`${base}.history.json`, JSON.stringify(state.history));
  writeFileSync(file, JSON.stringify(state, null, 2));
}
