// npm run bench: median wall time and peak memory of asc's main jobs, measured on this machine.
// Targets (issue 2/3): offline preview ≤ 2 s median and ≤ 400 MB; a cold `asc --help` ≤ 250 ms.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.env.BENCH_RUNS ?? 7);

function measure(args, launcher = "bench/measure.mjs") {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, launcher), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ASC_DEBUG: undefined } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = Number(/maxRSS_KB=(\d+)/.exec(r.stderr ?? "")?.[1] ?? NaN) / 1024;
  if (r.status !== 0 && r.status !== 3) throw new Error(`asc ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return { ms, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases = [
  // Through the real launcher (bin/asc.js), as a user runs it; its peak RSS is not measured.
  { name: "asc --help (cold)", args: ["--help"], targetMs: 250, launcher: "bin/asc.js" },
  { name: "asc preview --profile aws-production --offline --json", args: ["preview", "--profile", "aws-production", "--offline", "--json"], targetMs: 2000, targetMb: 400 },
  { name: "asc preview --profile azure-production --offline --json", args: ["preview", "--profile", "azure-production", "--offline", "--json"], targetMs: 2000, targetMb: 400, optional: "stacks/Pulumi.azure-production.yaml" },
];

const { existsSync } = await import("node:fs");
console.log(`asc benchmark: ${runs} runs each, median wall time and median peak RSS (node ${process.version})\n`);
let missed = 0;
for (const c of cases) {
  if (c.optional && !existsSync(path.join(root, c.optional))) continue;
  measure(c.args, c.launcher); // warm the file cache
  const samples = Array.from({ length: runs }, () => measure(c.args, c.launcher));
  const ms = median(samples.map((s) => s.ms));
  const mb = median(samples.map((s) => s.rss));
  const okMs = ms <= c.targetMs;
  const okMb = c.targetMb === undefined || mb <= c.targetMb;
  if (!okMs || !okMb) missed++;
  console.log(`${c.name}\n  median ${ms.toFixed(0)} ms (target ≤ ${c.targetMs} ms) ${okMs ? "ok" : "MISSED"}${Number.isNaN(mb) ? "" : `; peak RSS ${mb.toFixed(0)} MB`}${c.targetMb ? ` (target ≤ ${c.targetMb} MB) ${okMb ? "ok" : "MISSED"}` : ""}\n  samples: ${samples.map((s) => s.ms.toFixed(0)).join(", ")} ms`);
}
// Policy evaluation over the aws-production graph, in-process (what it adds to the offline preview).
{
  const plan = JSON.parse(spawnSync(process.execPath, [path.join(root, "bin/asc.js"), "preview", "--profile", "aws-production", "--offline", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 }).stdout);
  const { loadProfile } = await import("../dist/config/load.js");
  const { evaluatePolicies } = await import("../dist/policies/evaluate.js");
  const { config } = loadProfile({ root, profile: "aws-production", env: {} });
  const times = Array.from({ length: 21 }, () => {
    const t = process.hrtime.bigint();
    evaluatePolicies(plan.resources, { tier: config.tier, config });
    return Number(process.hrtime.bigint() - t) / 1e6;
  });
  const first = times[0];
  const ms = median(times);
  const ok = first <= 150;
  if (!ok) missed++;
  console.log(`policy evaluation over aws-production (${plan.resources.length} resources)\n  first run ${first.toFixed(1)} ms (target ≤ 150 ms) ${ok ? "ok" : "MISSED"}; median of ${times.length} ${ms.toFixed(1)} ms`);
}
console.log(missed ? `\n${missed} target(s) missed` : "\nall targets met");
