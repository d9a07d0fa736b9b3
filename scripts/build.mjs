// Compiles src/ to dist/ with swc (transpile only, about a second). Type-checking is `npm run typecheck`.
//   --types      also emit the declaration files (dist/**/*.d.ts) of the typed exports with tsc (about 15 s; `npm pack`
//                runs it through the prepack script, so the package always ships its types)
//   --out <dir>  build into <dir> instead of dist/ (the pack test builds a staging copy without touching dist/)
import { transformFile } from "@swc/core";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const argv = process.argv.slice(2);
const withTypes = argv.includes("--types");
const outFlag = argv.indexOf("--out");
const out = outFlag >= 0 ? path.resolve(argv[outFlag + 1]) : path.join(root, "dist");

function* sources(dir, suffix) {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sources(full, suffix);
    else if (entry.endsWith(suffix) && !entry.endsWith(".d.ts")) yield full;
  }
}

rmSync(out, { recursive: true, force: true });
const files = [...sources(src, ".ts")];
// Plain CommonJS helpers are copied as they are.
for (const file of sources(src, ".cjs")) {
  const target = path.join(out, path.relative(src, file));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file, target);
}
await Promise.all(
  files.map(async (file) => {
    const { code, map } = await transformFile(file, {
      jsc: { target: "es2022", parser: { syntax: "typescript" }, keepClassNames: true },
      module: { type: "es6" },
      sourceMaps: true,
    });
    const target = path.join(out, path.relative(src, file)).replace(/\.ts$/, ".js");
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
console.log(`built ${files.length} files into ${path.relative(root, out) || out}/`);

if (withTypes) {
  // tsconfig.build.json: declarations only, from src/ (tests excluded), into the same folder as the JavaScript.
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json"), "--outDir", out], { stdio: "inherit" });
  console.log(`emitted declaration files into ${path.relative(root, out) || out}/`);
}

// The top-level help, rendered once by the real parser, so `asc --help` starts without loading yargs (bin/asc.js).
{
  const { run } = await import(path.join(out, "cli/main.js"));
  let text = "";
  const sink = { write: () => true };
  const code = await run(["--help"], { cwd: root, env: {}, stdout: { write: (s) => (text += s) }, stderr: sink, now: () => new Date(0) });
  if (code !== 0 || !text) throw new Error("build: could not render asc --help");
  writeFileSync(path.join(out, "cli/help.txt"), text);
}
