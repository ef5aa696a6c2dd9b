// The page side of a browser test (bundled into the page, so nothing here may import Node modules).

/** What a test page posts to `/result`: its result, or the error that stopped it. */
export interface PageReport<T> {
  readonly ok: boolean;
  readonly result?: T;
  readonly error?: string;
}

/**
 * Runs a test page's work and posts `{ ok: true, result }` or `{ ok: false, error }` to the serving test's
 * `/result` (see `servePage`), so a failing page fails the test with its error rather than a timeout.
 *
 * @example
 * ```ts
 * import { reportToTest } from '@tessera/browser-testing/page';
 * reportToTest(async () => ({ backend: tf.getBackend() }));
 * ```
 */
export function reportToTest(run: () => Promise<unknown>): void {
  const post = (body: PageReport<unknown>) =>
    fetch('/result', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  run().then(
    (result) => post({ ok: true, result }),
    (error: unknown) =>
      post({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
}
