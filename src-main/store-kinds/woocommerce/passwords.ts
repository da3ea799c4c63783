import { randomInt } from 'node:crypto';

// Letters and digits only: such a password needs no quoting in YAML, shell, SQL or URLs,
// and 32 of them still carry about 190 bits.
export const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const MAX_LENGTH = 1024;

/** A CSPRNG password; randomInt rejects out-of-range draws, so every character is equally likely. */
export function generatePassword(length = 32): string {
  if (!Number.isInteger(length) || length < 1 || length > MAX_LENGTH) {
    throw new Error(`password length must be a whole number from 1 to ${MAX_LENGTH}`);
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  }
  return out;
}
