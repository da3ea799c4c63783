// Part of the LOCAL STAND-IN of a Medusa 2.21.2 server: its answers' shapes and measured errors.
export interface StandInReply {
  status: number;
  body: string;
  /** drop the connection instead of answering */
  drop?: boolean;
}

export function json(status: number, value: unknown): StandInReply {
  return { status, body: JSON.stringify(value) };
}

/** Medusa's error body, `{type, message}`. */
export function medusaError(status: number, type: string, message: string): StandInReply {
  return json(status, { type, message });
}

export const NO_KEY = medusaError(
  400,
  'not_allowed',
  'Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.',
);
export const WRONG_KEY = medusaError(
  400,
  'not_allowed',
  'A valid publishable key is required to proceed with the request',
);
export const UNAUTHORIZED = json(401, { message: 'Unauthorized' });
export const NO_INVENTORY = medusaError(
  400,
  'not_allowed',
  'Some variant does not have the required inventory',
);

export function notFound(message: string): StandInReply {
  return medusaError(404, 'not_found', message);
}

export function invalidData(message: string): StandInReply {
  return medusaError(400, 'invalid_data', message);
}

/** Strict bodies: any field outside `allowed` is refused, as Medusa's validators do. */
export function unknownFields(
  body: Record<string, unknown>,
  allowed: string[],
): StandInReply | null {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length === 0) return null;
  return invalidData(
    `Invalid request: Unrecognized fields: ${extra.map((k) => `'${k}'`).join(', ')}`,
  );
}
