// The Store API's two addresses and the parsing of its answers, for the storefront verifier.
import type { z } from 'zod';
import { contentError } from './store-api-errors';
import type { StorefrontStage } from './storefront-stage';
import type { StorefrontTransport } from '../http/storefront-transport';

/**
 * `/wp-json/` needs pretty permalinks; with plain permalinks WordPress redirects it (301) to an
 * ordinary page, and only `/?rest_route=` reaches the API.
 */
export type RouteStyle = 'wp-json' | 'rest-route';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function storePath(style: RouteStyle, route: string, query = ''): string {
  if (style === 'wp-json') return `/wp-json/wc/store/v1${route}${query ? `?${query}` : ''}`;
  return `/?rest_route=/wc/store/v1${route}${query ? `&${query}` : ''}`;
}

/** True when the WordPress REST API itself answered: a JSON body and no redirect. */
export function isRestAnswer(answer: Answer): boolean {
  if (answer.status >= 300 && answer.status < 400) return false;
  try {
    JSON.parse(answer.body);
    return true;
  } catch {
    return false;
  }
}

export class StoreApi {
  style: RouteStyle = 'wp-json';

  constructor(
    private readonly transport: StorefrontTransport,
    readonly signal: AbortSignal | undefined,
  ) {}

  async send(
    method: 'GET' | 'POST',
    route: string,
    o: { query?: string; headers?: Record<string, string>; json?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    this.signal?.throwIfAborted();
    return this.transport({
      method,
      path: storePath(this.style, route, o.query),
      headers,
      body,
      signal: this.signal,
    });
  }

  /** A storefront page as a guest's browser asks for it; `path` includes the query. */
  async page(path: string): Promise<Answer> {
    this.signal?.throwIfAborted();
    return this.transport({
      method: 'GET',
      path,
      headers: { Accept: 'text/html,application/xhtml+xml' },
      signal: this.signal,
    });
  }
}

export function parseBody<T extends z.ZodType>(
  stage: StorefrontStage,
  answer: Answer,
  schema: T,
  what: string,
): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw contentError(
      stage,
      answer.status,
      `the answer was not JSON, so this does not look like the WooCommerce Store API`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw contentError(stage, answer.status, `the ${what} in the answer is malformed (${field})`);
  }
  return parsed.data;
}
