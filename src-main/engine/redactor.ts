export const REDACTED = '[redacted]';

// Shorter values would match ordinary words; generated passwords are far longer.
const MIN_SECRET_LENGTH = 6;

/** Remembers each store's secret values and blanks them out of any text about that store. */
export class Redactor {
  private readonly secrets = new Map<string, Set<string>>();

  remember(storeId: string, values: Iterable<string>): void {
    let known = this.secrets.get(storeId);
    if (!known) {
      known = new Set();
      this.secrets.set(storeId, known);
    }
    for (const value of values) if (value.length >= MIN_SECRET_LENGTH) known.add(value);
  }

  known(storeId: string): string[] {
    return [...(this.secrets.get(storeId) ?? [])];
  }

  forget(storeId: string): void {
    this.secrets.delete(storeId);
  }

  /** `text` with every known secret of the store replaced; longest first so overlaps vanish whole. */
  redact(storeId: string, text: string): string {
    const known = this.secrets.get(storeId);
    if (!known || known.size === 0) return text;
    let out = text;
    for (const secret of [...known].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** Redacts with every store's secrets; for text not tied to one store (log lines). */
  redactAll(text: string): string {
    let out = text;
    for (const storeId of this.secrets.keys()) out = this.redact(storeId, out);
    return out;
  }
}
