/** One test's outcome in the GPU run. */
export interface TestOutcome {
  readonly suite: string;
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly milliseconds: number;
  readonly error?: string;
}

/**
 * A minimal `describe`/`it` for the GPU machine, where no test framework is installed: `describe` runs its
 * body at once, `it` queues the test, {@link MiniRunner.run} runs the queue in order.
 */
export class MiniRunner {
  private readonly queue: { suite: string; name: string; fn?: () => Promise<void> | void }[] = [];
  private suite = '';

  readonly describe = (name: string, body: () => void): void => {
    const outer = this.suite;
    this.suite = outer ? `${outer} › ${name}` : name;
    try {
      body();
    } finally {
      this.suite = outer;
    }
  };

  readonly it = Object.assign(
    (name: string, fn: () => Promise<void> | void): void => {
      this.queue.push({ suite: this.suite, name, fn });
    },
    {
      skip: (name: string): void => {
        this.queue.push({ suite: this.suite, name });
      },
    },
  );

  async run(log: (line: string) => void = console.log): Promise<TestOutcome[]> {
    const outcomes: TestOutcome[] = [];
    for (const { suite, name, fn } of this.queue.splice(0)) {
      if (!fn) {
        outcomes.push({ suite, name, status: 'skipped', milliseconds: 0 });
        log(`  - ${name}`);
        continue;
      }
      const started = performance.now();
      try {
        await fn();
        outcomes.push({ suite, name, status: 'passed', milliseconds: performance.now() - started });
        log(`  ✓ ${name}`);
      } catch (error) {
        const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
        outcomes.push({
          suite,
          name,
          status: 'failed',
          milliseconds: performance.now() - started,
          error: message,
        });
        log(`  ✗ ${name}\n    ${message.split('\n').slice(0, 3).join('\n    ')}`);
      }
    }
    return outcomes;
  }
}
