import type { Readable } from 'node:stream';

/** Collects a child's output line by line and lets a test wait for a line it expects. */
export class LineReader {
  readonly lines: string[] = [];
  private partial = '';
  private readonly waiters = new Set<() => void>();

  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const wake of this.waiters) wake();
    });
  }

  /** Resolves with the first line, at or after `from`, that matches. */
  async waitFor(match: RegExp, timeoutMs: number, from = 0): Promise<string> {
    const find = () => this.lines.slice(from).find((l) => match.test(l));
    const found = find();
    if (found !== undefined) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no output line matched ${String(match)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        const line = find();
        if (line === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(line);
      };
      this.waiters.add(wake);
    });
  }
}
