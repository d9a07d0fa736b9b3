/**
 * Markdown helpers for the docs test: relative links and their #anchors (GitHub's heading ids), and the `asc …`
 * command lines shown in code. Pure, no Markdown library: the docs use plain CommonMark.
 */

export interface Located<T> {
  readonly line: number;
  readonly value: T;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** Lines of a Markdown file, each marked as inside a fenced code block or not. */
export function classifyLines(markdown: string): { text: string; inFence: boolean; line: number }[] {
  const out: { text: string; inFence: boolean; line: number }[] = [];
  let fence: string | null = null;
  markdown.split("\n").forEach((text, i) => {
    const m = FENCE.exec(text);
    if (fence === null && m) {
      fence = m[1];
      out.push({ text, inFence: true, line: i + 1 });
    } else if (fence !== null && m && m[1][0] === fence[0] && m[1].length >= fence.length && text.trim() === m[1]) {
      fence = null;
      out.push({ text, inFence: true, line: i + 1 });
    } else out.push({ text, inFence: fence !== null, line: i + 1 });
  });
  return out;
}

const INLINE_CODE = /(`+)([\s\S]*?[^`])\1(?!`)/g;

/** Link targets outside code: inline links, images and reference definitions. */
export function linkTargets(markdown: string): Located<string>[] {
  const targets: Located<string>[] = [];
  for (const { text, inFence, line } of classifyLines(markdown)) {
    if (inFence) continue;
    const prose = text.replace(INLINE_CODE, "");
    for (const m of prose.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push({ line, value: m[1] });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (def) targets.push({ line, value: def[1] });
  }
  return targets;
}

/** Whether a link target leaves the repository (a URL scheme or a protocol-relative link). */
export const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");

/** GitHub's id for a heading: rendered text, lowercased, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  const text = heading
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/`/g, "")
    .replace(/(\*\*|__|\*|_)(.+?)\1/g, "$2");
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** Every anchor a Markdown file offers: heading ids (duplicates get -1, -2, …) and explicit `<a id|name="…">`. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const { text, inFence } of classifyLines(markdown)) {
    if (inFence) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (heading) {
      const base = headingSlug(heading[1]);
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

const COMMAND_START = /^(?:\$\s+)?(?:npx\s+asc|node\s+bin\/asc\.js|asc)(?:\s+(.*))?$/;

/**
 * `asc …` command lines shown in code: every line of a fenced block that starts with `asc`, `npx asc` or
 * `node bin/asc.js` (after an optional `$ ` prompt), and every inline code span that does. Returns the words after asc.
 */
export function commandLines(markdown: string): Located<string[]>[] {
  const found: Located<string[]>[] = [];
  for (const { text, inFence, line } of classifyLines(markdown)) {
    if (inFence) {
      if (FENCE.test(text)) continue;
      const m = COMMAND_START.exec(text.trim());
      if (m) found.push({ line, value: (m[1] ?? "").split(/\s+/).filter(Boolean) });
      continue;
    }
    for (const span of text.matchAll(INLINE_CODE)) {
      const m = COMMAND_START.exec(span[2].trim());
      if (m) found.push({ line, value: (m[1] ?? "").split(/\s+/).filter(Boolean) });
    }
  }
  return found;
}

export interface CommandNode {
  readonly name: string;
  readonly children: readonly CommandNode[];
}

const WORD = /^[a-z][a-z0-9-]*$/;

/**
 * The command path of the words after `asc` (`["config", "show", "--profile", "x"]` → `["config", "show"]`), or an
 * error when the first word is not a command or a word after a command group is not one of its sub-commands.
 * Words that are not plain lowercase words (flags, `<placeholders>`, `[options]`, `…`) end the path.
 */
export function commandPath(words: readonly string[], tree: readonly CommandNode[]): { path: string[] } | { error: string } {
  const path: string[] = [];
  let level = tree;
  let current: CommandNode | null = null;
  for (const word of words) {
    if (!WORD.test(word)) break;
    const node = level.find((n) => n.name === word);
    if (!node) {
      if (current === null) return { error: `"${word}" is not an asc command (known: ${tree.map((n) => n.name).join(", ")})` };
      if (current.children.length > 0) return { error: `"${word}" is not a sub-command of asc ${path.join(" ")} (known: ${current.children.map((n) => n.name).join(", ")})` };
      break;
    }
    path.push(word);
    current = node;
    level = node.children;
  }
  return { path };
}
