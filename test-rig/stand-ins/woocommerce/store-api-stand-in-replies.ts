// Part of the LOCAL STAND-IN of the WooCommerce Store API: the shapes of its answers.
export interface StandInReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json; charset=UTF-8';
export const HTML_TYPE = 'text/html; charset=UTF-8';

/** A WordPress REST error body: {code, message, data: {status, …}}. */
export function wpError(
  status: number,
  code: string,
  message: string,
  data: Record<string, unknown> = {},
): StandInReply {
  return {
    status,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify({ code, message, data: { ...data, status } }),
  };
}

export function jsonReply(status: number, value: unknown): StandInReply {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) };
}

export function htmlReply(status: number, html: string): StandInReply {
  return { status, headers: { 'content-type': HTML_TYPE }, body: html };
}

/** WordPress without its database answers every route so, as JSON (observed on 6.8.3). */
export const DATABASE_DOWN: StandInReply = {
  status: 500,
  headers: { 'content-type': JSON_TYPE },
  body: JSON.stringify({
    code: 'wp_die',
    message: 'Error establishing a database connection',
    data: { status: 500 },
    additional_errors: [],
  }),
};

export const NO_REST_ROUTE: StandInReply = wpError(
  404,
  'rest_no_route',
  'No route was found matching the URL and request method.',
);
