import { describe, expect, it } from 'vitest';
import { PROGRESS_LINE_MAX, TAIL_LINES, streamCommand } from './stream-command';

// A real child process (node itself) printing what each case needs.
function node(script: string): [string, string[]] {
  return [process.execPath, ['-e', script]];
}

describe('streamCommand (real child processes)', () => {
  it('passes on lines without colours, cut to a bounded length, and keeps only the last ones', async () => {
    const lines: string[] = [];
    const [file, args] = node(
      [
        "process.stderr.write('\\u001b[32mgreen\\u001b[0m\\n\\n');",
        "console.log('x'.repeat(500));",
        'for (let i = 0; i < 40; i++) console.log(`line ${i}`);',
        "process.stdout.write('no newline at the end');",
      ].join('\n'),
    );
    const result = await streamCommand(file, args, {
      timeoutMs: 10_000,
      progressIntervalMs: 0,
      progress: (line) => lines.push(line),
    });
    expect(result).toMatchObject({ exitCode: 0, stopped: null, spawnFailed: false });
    expect(lines[0]).toBe('green');
    expect(lines[1]).toHaveLength(PROGRESS_LINE_MAX);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(lines.at(-1)).toBe('no newline at the end');
    expect(lines).toHaveLength(1 + 1 + 40 + 1);
    expect(result.tail).toHaveLength(TAIL_LINES);
    expect(result.tail.at(-2)).toBe('line 39');
  });

  it('reports the exit code of a failing program', async () => {
    const [file, args] = node("console.error('boom'); process.exit(3);");
    const result = await streamCommand(file, args, { timeoutMs: 10_000, progressIntervalMs: 0 });
    expect(result).toMatchObject({ exitCode: 3, stopped: null, tail: ['boom'] });
  });

  it('says when the program cannot be started', async () => {
    const result = await streamCommand('/nonexistent/docker', ['build'], {
      timeoutMs: 10_000,
      progressIntervalMs: 0,
    });
    expect(result.spawnFailed).toBe(true);
  });

  it('stops the program when the signal is already aborted', async () => {
    const [file, args] = node('setTimeout(() => {}, 60_000);');
    const started = Date.now();
    const result = await streamCommand(file, args, {
      timeoutMs: 60_000,
      progressIntervalMs: 0,
      signal: AbortSignal.abort(),
    });
    expect(result.stopped).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
