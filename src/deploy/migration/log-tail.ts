/**
 * The bounded, redacted log tail every runner reports: the last 200 lines of whatever the run printed.
 */
import { createRedactor } from "../redact.js";

export const LOG_TAIL_LINES = 200;

/** Keeps the last `max` lines written to it, so a chatty migration never grows memory without bound. */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = "";
  constructor(private readonly max: number = LOG_TAIL_LINES) {}

  /** Adds a chunk of a stream: a line cut across chunks is joined before it is kept. */
  write(chunk: string): void {
    const parts = (this.partial + chunk).replace(/\r\n/g, "\n").split("\n");
    this.partial = parts.pop() ?? "";
    for (const line of parts) this.keep(line);
  }

  /** Adds a complete message that may hold several lines (a trailing newline adds no empty line). */
  push(text: string): void {
    this.write(text);
    this.end();
  }

  /** Keeps the unterminated last line of a stream, if any. */
  end(): void {
    if (this.partial !== "") this.keep(this.partial);
    this.partial = "";
  }

  /** The kept lines, redacted. Redaction runs on the joined text so a secret is found wherever it sits. */
  redacted(secrets: readonly string[] = []): string[] {
    this.end();
    if (this.lines.length === 0) return [];
    return createRedactor(secrets)(this.lines.join("\n")).split("\n");
  }

  private keep(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
}

/** The last `max` lines of `text`, redacted. */
export function logTail(text: string, secrets: readonly string[] = [], max: number = LOG_TAIL_LINES): string[] {
  const tail = new LineTail(max);
  tail.push(text);
  return tail.redacted(secrets);
}
