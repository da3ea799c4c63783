/**
 * One HTTP exchange with a storefront. `path` starts with "/" and includes the query;
 * response header names are lower-case. A transport rejects only when no answer came
 * (as a StorefrontError with stage 'connect'); any HTTP status is an answer.
 */
export type StorefrontTransport = (req: {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

/** Largest body a storefront answer may have; a Store API answer is a few kilobytes. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export const DEFAULT_TIMEOUT_MS = 30_000;
