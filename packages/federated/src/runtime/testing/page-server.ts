import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/**
 * Bundles `entry` for browsers with esbuild (workspace packages from their sources) and serves it as the
 * only script of a blank page on 127.0.0.1; `result` resolves with the JSON the page posts to `/result`.
 */
export async function servePage(
  entry: string,
): Promise<{ url: string; result: Promise<unknown>; close(): Promise<void> }> {
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
    '<!doctype html><meta charset="utf-8"><title>tessera federated client</title><script type="module" src="/page.js"></script>';
  let deliver: (value: unknown) => void = () => {};
  const result = new Promise<unknown>((resolve) => {
    deliver = resolve;
  });
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/result') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        deliver(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(204).end();
      });
    } else if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (request.url?.startsWith('/?') || request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    result,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
