import { randomBytes } from 'node:crypto';

// Crockford's base32 without i, l, o, u: no letters that read as digits or words.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** 8 characters (40 random bits): short enough to type, unique enough for a lifetime of jobs. */
export function newJobId(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let id = '';
  for (let i = 0; i < 8; i++) {
    id = ALPHABET[Number(bits & 31n)] + id;
    bits >>= 5n;
  }
  return id;
}
