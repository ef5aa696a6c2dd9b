import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** A page served on 127.0.0.1 that posts one JSON result back to `/result`. */
export interface PageServer {
  readonly url: string;
  /** Resolves to the JSON body the page posts to `/result`. */
  readonly result: Promise<unknown>;
  close(): Promise<void>;
}

/** Options of {@link servePage}. */
export interface PageOptions {
  /** The page title (default `'tessera test page'`). */
  readonly title?: string;
  /** More scripts to bundle and serve, by URL path (e.g. a Web Worker's entry at `/worker.js`). */
  readonly scripts?: Readonly<Record<string, string>>;
  /**
   * Serve with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`,
   * which browsers require before they expose `SharedArrayBuffer`.
   */
  readonly crossOriginIsolated?: boolean;
}

async function bundle(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Workspace packages from their TypeScript sources, as the tests themselves run them.
    conditions: ['@tessera/source'],
    // Node-only branches import builtins dynamically; they stay unresolved and never run in a browser.
    external: ['node:*'],
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.contents;
}

/**
 * Bundles `entry` for browsers with esbuild and serves it as `/page.js`, the only script of a blank page at
 * `/`, on a free local port; `options.scripts` adds more bundles at their own paths.
 *
 * @example
 * ```ts
 * const server = await servePage(fileURLToPath(new URL('./page.ts', import.meta.url)));
 * // open server.url in a browser, then:
 * const report = await server.result;
 * await server.close();
 * ```
 */
export async function servePage(entry: string, options: PageOptions = {}): Promise<PageServer> {
  const scripts = new Map<string, Uint8Array>([['/page.js', await bundle(entry)]]);
  for (const [path, file] of Object.entries(options.scripts ?? {})) scripts.set(path, await bundle(file));
  const title = options.title ?? 'tessera test page';
  const html = `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/page.js"></script>`;
  const isolation: Record<string, string> = options.crossOriginIsolated
    ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }
    : {};
  let deliver: (value: unknown) => void = () => {};
  const result = new Promise<unknown>((resolve) => {
    deliver = resolve;
  });
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'POST' && path === '/result') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        deliver(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(204).end();
      });
      return;
    }
    const script = scripts.get(path);
    if (script) {
      response.writeHead(200, { 'content-type': 'text/javascript', ...isolation }).end(script);
      return;
    }
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html', ...isolation }).end(html);
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    result,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Waits for `server.result` for at most `ms`, then settles with `{ ok: false, error }` so a hung page fails
 * the test with its console log rather than at vitest's timeout.
 */
export async function pageResult<T>(server: PageServer, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    server.result as Promise<T>,
    new Promise<T>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, error: `the page posted no result within ${ms / 1000} s` } as T),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}
