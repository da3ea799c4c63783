// One Medusa request: the publishable key or the admin token as headers, JSON both ways, and
// any answer that is not a success turned into a StorefrontError naming the step.
import type { z } from 'zod';
import type { StorefrontTransport } from '../http/storefront-transport';
import { answerError, stepError, type MedusaStage } from './store-api-errors';

export interface MedusaAnswer {
  status: number;
  body: string;
}

export interface MedusaRequest {
  json?: unknown;
  /** the publishable API key, for /store routes */
  key?: string;
  /** the admin's bearer token, for /admin routes */
  token?: string;
}

export class MedusaHttp {
  private readonly secrets: string[];

  constructor(
    private readonly transport: StorefrontTransport,
    readonly signal: AbortSignal | undefined,
    secrets: readonly string[],
  ) {
    this.secrets = [...secrets];
  }

  /** Adds a value (a token learned on the way) that must never appear in a message. */
  keepSecret(secret: string): void {
    this.secrets.push(secret);
  }

  /** Every secret known so far, for errors built outside this class. */
  hidden(): readonly string[] {
    return this.secrets;
  }

  async send(method: 'GET' | 'POST', path: string, o: MedusaRequest = {}): Promise<MedusaAnswer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (o.key !== undefined) headers['x-publishable-api-key'] = o.key;
    if (o.token !== undefined) headers['Authorization'] = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    this.signal?.throwIfAborted();
    const answer = await this.transport({ method, path, headers, body, signal: this.signal });
    return { status: answer.status, body: answer.body };
  }

  /** Sends, then parses a 2xx answer with `schema`; anything else is the step's error. */
  async call<T extends z.ZodType>(
    stage: MedusaStage,
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    o: MedusaRequest = {},
  ): Promise<z.infer<T>> {
    const answer = await this.send(method, path, o);
    if (answer.status < 200 || answer.status >= 300) {
      throw answerError(stage, answer, this.secrets);
    }
    return this.parse(stage, answer, schema);
  }

  parse<T extends z.ZodType>(stage: MedusaStage, answer: MedusaAnswer, schema: T): z.infer<T> {
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      throw stepError(stage, 'the answer was not JSON, so this does not look like the Medusa API', {
        status: answer.status,
        secrets: this.secrets,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'body';
      // The field goes to the code, for a developer; the message stays a sentence.
      throw stepError(stage, 'the answer is not what the Medusa API sends', {
        status: answer.status,
        code: `malformed:${field}`,
        secrets: this.secrets,
      });
    }
    return parsed.data;
  }
}
