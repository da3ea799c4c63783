// The name field turns what is typed into a store name as it goes: "My Shop" becomes "my-shop".
// The rule for a valid name stays in src-shared/rules/store-name-rule; this only spares the user
// from typing it by hand.

/**
 * What the field keeps of what was typed: lowercase, accents dropped, spaces, underscores and
 * dots as one hyphen, other characters left out. A hyphen the user typed first is kept, so the
 * rule can say why a name may not start with one.
 */
export function slugifyTyped(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^[\s_.]+/, '')
    .replace(/[\s_.]+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-{2,}/g, '-');
}

/** The name submitted: a hyphen at the end is a word still being typed, not part of the name. */
export function finalName(typed: string): string {
  return typed.replace(/-+$/, '');
}
