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

/**
 * Bundles `entry` for browsers with esbuild (workspace packages from their TypeScript sources, through the
 * `@tessera/source` condition) and serves it as the only script of a blank page, on a free local port.
 */
export async function servePage(entry: string): Promise<PageServer> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@tessera/source'],
    write: false,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.contents;
  const html =
    '<!doctype html><meta charset="utf-8"><title>tessera webgpu</title><script type="module" src="/page.js"></script>';
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
    if (path === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(html);
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
