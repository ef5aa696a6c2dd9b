/** The two ends of a worker's message channel, the same in Node worker_threads and in browsers. */
export interface MessagePortLike {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
}

const isNode = () => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * The current worker's channel to its parent: `parentPort` in Node, the global scope in a Web Worker.
 * @throws Error when not running in a worker
 * @internal
 */
export async function parentChannel(): Promise<MessagePortLike> {
  if (isNode()) {
    const { parentPort } = await import('node:worker_threads');
    if (!parentPort) throw new Error('Not running in a worker thread');
    return {
      post: (m, transfer) => parentPort.postMessage(m, transfer),
      onMessage: (listener) => parentPort.on('message', listener),
    };
  }
  const scope = globalThis as unknown as {
    postMessage(m: unknown, transfer?: ArrayBuffer[]): void;
    addEventListener(type: 'message', l: (e: { data: unknown }) => void): void;
  };
  return {
    post: (m, transfer) => scope.postMessage(m, transfer ?? []),
    onMessage: (listener) => scope.addEventListener('message', (e) => listener(e.data)),
  };
}

/** The URL of tsx's ESM registration API (its `import` export), found from `near`. */
async function tsxLoaderUrl(near: URL): Promise<string> {
  const { createRequire } = await import('node:module');
  const require = createRequire(near);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return new URL(exports['./esm/api']!.import.default, `file://${manifest}`).href;
}

/** A started worker as its parent sees it. @internal */
export interface WorkerHandle extends MessagePortLike {
  onFailure(listener: (error: Error) => void): void;
  terminate(): Promise<void>;
}

/**
 * Starts a worker running the module at `url`: a Node worker thread, or a module Web Worker in browsers.
 * A `.ts` URL (running from TypeScript sources, as in this repository's tests) starts the thread through
 * tsx with the `@tessera/source` export condition.
 * @internal
 */
export async function startWorker(url: URL): Promise<WorkerHandle> {
  if (!isNode()) {
    const WebWorker = (globalThis as unknown as { Worker: new (u: URL, o: object) => any }).Worker;
    const w = new WebWorker(url, { type: 'module' });
    return {
      post: (m, transfer) => w.postMessage(m, transfer ?? []),
      onMessage: (listener) => w.addEventListener('message', (e: { data: unknown }) => listener(e.data)),
      onFailure: (listener) =>
        w.addEventListener('error', (e: { message?: string }) =>
          listener(new Error(e.message ?? 'worker error')),
        ),
      terminate: async () => w.terminate(),
    };
  }
  const { Worker } = await import('node:worker_threads');
  let w: import('node:worker_threads').Worker;
  if (url.pathname.endsWith('.ts')) {
    const tsx = await tsxLoaderUrl(url);
    const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
    w = new Worker(code, { eval: true, execArgv: ['--conditions=@tessera/source'] });
  } else {
    w = new Worker(url);
  }
  let terminating = false;
  return {
    post: (m, transfer) => w.postMessage(m, transfer),
    onMessage: (listener) => w.on('message', listener),
    onFailure: (listener) => {
      w.on('error', listener);
      w.on('exit', (code) => {
        if (code !== 0 && !terminating) listener(new Error(`The worker exited with code ${code}`));
      });
    },
    terminate: async () => {
      terminating = true;
      await w.terminate();
    },
  };
}
