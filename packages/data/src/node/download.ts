import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { IOError, ValidationError } from '@tessera/core';

/** Progress of one download, reported after every received chunk. */
export interface DownloadProgress {
  url: string;
  receivedBytes: number;
  /** From `Content-Length`; `null` when the server does not say. */
  totalBytes: number | null;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  url: string;
  /** Final path; written atomically (a temporary file renamed into place once verified). */
  destination: string;
  /** Expected hex digests of the downloaded bytes; a mismatch deletes the file and throws. */
  md5?: string;
  sha256?: string;
  /** Extra acceptance test on the verified temporary file; return a reason to reject it. */
  validate?: (path: string, digests: { md5: string; sha256: string }) => Promise<string | undefined>;
  onProgress?: (progress: DownloadProgress) => void;
  /** The `fetch` to use (default the global one). */
  fetch?: typeof fetch;
}

/**
 * The directory downloads are cached in: `$TESSERA_DATA_HOME`, else `~/.cache/tessera/datasets`.
 * @example
 * ```ts
 * defaultCacheDir(); // '/home/me/.cache/tessera/datasets'
 * ```
 */
export function defaultCacheDir(): string {
  return process.env.TESSERA_DATA_HOME ?? join(homedir(), '.cache', 'tessera', 'datasets');
}

/**
 * Downloads `url` to `destination` with `fetch`, reporting progress, hashing while streaming, verifying
 * the checksums and only then renaming the temporary file into place (so a cache never holds a partial or
 * corrupt file).
 * @example
 * ```ts
 * await downloadFile({ url, destination: '/tmp/x.gz', md5: '8d4f…', onProgress: (p) => console.log(p.receivedBytes) });
 * ```
 * @throws {IOError} on HTTP errors, network failures and checksum mismatches; {@link ValidationError} on bad options.
 */
export async function downloadFile(options: DownloadOptions): Promise<string> {
  const { url, destination } = options;
  if (typeof url !== 'string' || typeof destination !== 'string') {
    throw ValidationError.expected('string url and destination', options, 'downloadFile');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (cause) {
    throw new IOError(`Download failed: ${(cause as Error).message}`, { where: url, cause });
  }
  if (!response.ok || !response.body)
    throw new IOError(`Download failed: HTTP ${response.status} ${response.statusText}`, { where: url });
  const length = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(length) && length > 0 ? length : null;
  await mkdir(dirname(destination), { recursive: true });
  const temporary = `${destination}.partial-${process.pid}-${Date.now()}`;
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  const file = await open(temporary, 'w');
  let receivedBytes = 0;
  try {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        await file.write(chunk);
        md5.update(chunk);
        sha256.update(chunk);
        receivedBytes += chunk.length;
        options.onProgress?.({ url, receivedBytes, totalBytes });
      }
    } finally {
      await file.close();
    }
    if (totalBytes !== null && receivedBytes !== totalBytes) {
      throw new IOError(`Download truncated: received ${receivedBytes} of ${totalBytes} bytes`, {
        where: url,
      });
    }
    const digests = { md5: md5.digest('hex'), sha256: sha256.digest('hex') };
    const problems = [
      options.md5 && options.md5.toLowerCase() !== digests.md5
        ? `MD5 ${digests.md5}, expected ${options.md5}`
        : undefined,
      options.sha256 && options.sha256.toLowerCase() !== digests.sha256
        ? `SHA-256 ${digests.sha256}, expected ${options.sha256}`
        : undefined,
      options.validate ? await options.validate(temporary, digests) : undefined,
    ].filter(Boolean);
    if (problems.length)
      throw new IOError(`Checksum verification failed: ${problems.join('; ')}`, { where: url });
    await rename(temporary, destination);
    return destination;
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof IOError) throw error;
    throw new IOError(`Download failed: ${(error as Error).message}`, { where: url, cause: error });
  }
}
