// Child processes for the loopback example and its end-to-end test: TypeScript entry points run by Node
// through tsx, workspace packages resolved to their sources, output read line by line.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running script: its process, every line it printed so far, and a way to wait for one. */
export interface Running {
  readonly name: string;
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line (stdout or stderr) matching `pattern`, past or future. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Starts `src/<script>` with `args`; `echo` prints its lines prefixed with its name. */
export function runScript(name: string, script: string, args: readonly string[], echo = false): Running {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--conditions=@tessera/source', '--import', 'tsx', path, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (echo) process.stdout.write(`${name.padEnd(8)} ${line}\n`);
      for (const w of waiters) {
        if (w.pattern.test(line)) {
          waiters.delete(w);
          w.resolve(line);
        }
      }
    });
  }
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    name,
    child,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = {
          pattern,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(
            new Error(
              `${name}: no line matching ${pattern} within ${timeoutMs} ms; last lines:\n${lines.slice(-15).join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.add(w);
      });
    },
  };
}

/** The JSON after `REPORT ` in a script's output. */
export function reportOf<T>(running: Running): T {
  const line = running.lines.find((l) => l.startsWith('REPORT '));
  if (!line)
    throw new Error(`${running.name} printed no report; last lines:\n${running.lines.slice(-15).join('\n')}`);
  return JSON.parse(line.slice('REPORT '.length)) as T;
}
