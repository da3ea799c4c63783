// Medusa's answers that are not what a step needs, as StorefrontErrors naming the step and
// quoting the store's own words (bounded, plain text), with every secret blanked out.
import { z } from 'zod';
import { plainText } from '../http/html-text';
import { StorefrontError, type ConnectStage } from '../http/storefront-error';

/** The steps of a Medusa storefront check, as StorefrontError stages. */
export type MedusaStage =
  | 'sign-in'
  | 'api-key'
  | 'region'
  | 'product'
  | 'cart'
  | 'address'
  | 'shipping-options'
  | 'shipping-method'
  | 'payment-collection'
  | 'payment-session'
  | 'complete'
  | ConnectStage;

export type MedusaStorefrontError = StorefrontError<MedusaStage>;

const STAGE_FAILED: Record<MedusaStage, string> = {
  'sign-in': "Signing in to the store's admin API failed",
  'api-key': "Finding the store's publishable API key failed",
  region: "Finding the store's region failed",
  product: 'Finding the demo product failed',
  cart: 'Creating a cart failed',
  address: 'Adding the shipping address failed',
  'shipping-options': 'Listing the shipping options failed',
  'shipping-method': 'Adding the shipping method failed',
  'payment-collection': 'Starting the payment failed',
  'payment-session': 'Starting the payment session failed',
  complete: 'Completing the order failed',
  connect: 'Could not reach the store',
};

const MAX_QUOTED = 200;
const REDACTED = '[redacted]';

/** Medusa's error body: `{type, message}` (and sometimes `code`). */
export const medusaErrorSchema = z.looseObject({
  type: z.string().optional(),
  code: z.string().optional(),
  message: z.string(),
});

export function stageFailed(stage: MedusaStage): string {
  return STAGE_FAILED[stage];
}

/** `text` with every non-empty secret replaced, so no password or token reaches a message. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** The store's own message, fit to quote: plain text, bounded, secrets blanked. */
export function quoted(message: string, secrets: readonly string[]): string {
  return plainText(redact(message, secrets), MAX_QUOTED);
}

export function stepError(
  stage: MedusaStage,
  reason: string,
  o: { status?: number | null; code?: string | null; secrets?: readonly string[] } = {},
): MedusaStorefrontError {
  const text = redact(`${stageFailed(stage)}: ${reason}`, o.secrets ?? []);
  return new StorefrontError(stage, text, { status: o.status, code: o.code });
}

// Medusa's own messages are for developers; a few say something precise about the store.
function explain(stage: MedusaStage, message: string): string | undefined {
  if (/valid publishable key is required/i.test(message)) {
    return 'the store did not accept its publishable API key';
  }
  if (/needs to have a sales channel/i.test(message)) {
    return 'its publishable API key is not linked to a sales channel';
  }
  if (/does not have the required inventory/i.test(message)) {
    return 'the demo product is out of stock';
  }
  if (stage === 'sign-in' && /invalid email or password/i.test(message)) {
    return "the admin email or password in the store's Secret is not accepted";
  }
  return undefined;
}

/** A non-2xx answer as a StorefrontError, quoting Medusa's message when the body has one. */
export function answerError(
  stage: MedusaStage,
  answer: { status: number; body: string },
  secrets: readonly string[],
): MedusaStorefrontError {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const parsed = medusaErrorSchema.safeParse(json);
  if (parsed.success) {
    const said = quoted(parsed.data.message, secrets) || `HTTP ${answer.status}`;
    const known = explain(stage, parsed.data.message);
    const reason = known ? `${known} (the store said "${said}")` : `the store said "${said}"`;
    return stepError(stage, reason, {
      status: answer.status,
      code: parsed.data.type ?? parsed.data.code ?? null,
      secrets,
    });
  }
  if (answer.status === 401 && answer.body.trim() === 'Unauthorized') {
    return stepError(stage, 'the store refused the admin sign-in token (Unauthorized)', {
      status: 401,
      secrets,
    });
  }
  const snippet = quoted(answer.body, secrets).slice(0, 120);
  return stepError(
    stage,
    `the store answered HTTP ${answer.status} without a Medusa error${snippet ? ` ("${snippet}")` : ''}`,
    { status: answer.status, secrets },
  );
}
