// Streams one HTTP(S) download to a file, hashing it on the way, with progress, a stall timeout
// and cancel. Failures come back as DownloadError with a sentence a person can act on.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export type DownloadFailure = 'offline' | 'http' | 'stalled' | 'too-large' | 'cancelled';

export class DownloadError extends Error {
  /** the network error's code (ENOTFOUND, ECONNREFUSED...), for logs; never shown */
  systemCode: string | undefined;
  constructor(
    readonly reason: DownloadFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadOptions {
  signal?: AbortSignal;
  /** no byte for this long stops the download; 30 s by default */
  stallMs?: number;
  /** a bigger body is refused */
  maxBytes?: number;
  onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
  /** for tests; the global fetch by default */
  fetch?: typeof fetch;
}

const DEFAULT_STALL_MS = 30_000;
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function offline(url: string, code?: string): DownloadError {
  const error = new DownloadError(
    'offline',
    `Storefleet could not reach ${hostOf(url)}. Check that this computer is online, then try again.`,
  );
  error.systemCode = code && NETWORK_CODES.has(code) ? code : undefined;
  return error;
}

/** Opens the URL; throws a DownloadError for no connection or a status other than 200. */
async function open(
  url: string,
  signal: AbortSignal,
  fetchFn: typeof fetch,
  cancelled: () => boolean,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchFn(url, { signal, redirect: 'follow' });
  } catch (error) {
    if (cancelled()) throw new DownloadError('cancelled', 'The download was cancelled.');
    if (signal.aborted) throw stalled(url);
    // Every other failure before an answer (no DNS, refused, reset, TLS) means the site was not
    // reached; the code is kept for the log line only.
    throw offline(url, causeCode(error));
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadError(
      'http',
      `${hostOf(url)} did not provide ${url.split('/').pop() ?? 'the file'} (it answered with status ${response.status}).`,
    );
  }
  return response;
}

function stalled(url: string): DownloadError {
  return new DownloadError(
    'stalled',
    `The download from ${hostOf(url)} stopped sending data. Check the connection, then try again.`,
  );
}

/** A small text file, such as a checksum file; at most 64 KiB. */
export async function downloadText(url: string, opts: DownloadOptions = {}): Promise<string> {
  const controller = new AbortController();
  const cancelled = (): boolean => opts.signal?.aborted === true;
  const onAbort = (): void => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), opts.stallMs ?? DEFAULT_STALL_MS);
  try {
    if (cancelled()) throw new DownloadError('cancelled', 'The download was cancelled.');
    const response = await open(url, controller.signal, opts.fetch ?? fetch, cancelled);
    const text = await response.text().catch(() => {
      throw cancelled()
        ? new DownloadError('cancelled', 'The download was cancelled.')
        : stalled(url);
    });
    if (text.length > 64 * 1024) {
      throw new DownloadError('too-large', `${url.split('/').pop() ?? 'The file'} is too large.`);
    }
    return text;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Downloads `url` into `file` and returns the SHA-256 of what was written (lower-case hex) and
 * its size. The file may be left partly written on failure; the caller owns its folder.
 */
export async function downloadToFile(
  url: string,
  file: string,
  opts: DownloadOptions = {},
): Promise<{ sha256: string; bytes: number }> {
  const controller = new AbortController();
  const cancelled = (): boolean => opts.signal?.aborted === true;
  const onAbort = (): void => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let timer = setTimeout(() => controller.abort(), stallMs);
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), stallMs);
  };
  const out = createWriteStream(file, { mode: 0o600 });
  const closed = once(out, 'close');
  try {
    if (cancelled()) throw new DownloadError('cancelled', 'The download was cancelled.');
    const response = await open(url, controller.signal, opts.fetch ?? fetch, cancelled);
    const length = Number(response.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    if (total !== null && total > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadError('too-large', `${url.split('/').pop() ?? 'The file'} is too large.`);
    }
    const hash = createHash('sha256');
    let received = 0;
    opts.onProgress?.(0, total);
    const body = response.body;
    if (!body) throw stalled(url);
    const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
    try {
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        touch();
        received += chunk.byteLength;
        if (received > maxBytes) {
          throw new DownloadError(
            'too-large',
            `${url.split('/').pop() ?? 'The file'} is too large.`,
          );
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        opts.onProgress?.(received, total);
      }
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      if (cancelled()) throw new DownloadError('cancelled', 'The download was cancelled.');
      if (controller.signal.aborted) throw stalled(url);
      throw offline(url);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return { sha256: hash.digest('hex'), bytes: received };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    out.end();
    await closed;
  }
}
