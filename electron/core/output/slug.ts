import { createHash } from 'node:crypto';
import { relative, resolve, isAbsolute } from 'node:path';

/**
 * A folder name from a title: lowercase ASCII letters, digits and single hyphens, at most
 * `max` characters. Accents are folded ("Café" → "cafe"); a title with no Latin letters at all
 * ("日本語入門") gets a stable hash-based name, so it is never empty. Nothing in it can be "..",
 * a slash or a dot-file, so it can never leave the folder it is joined to.
 */
export function slugify(title: string, fallbackPrefix = 'course', max = 60): string {
  const folded = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = folded.slice(0, max).replace(/-+$/, '');
  if (cut) return cut;
  return `${fallbackPrefix}-${createHash('sha256').update(title).digest('hex').slice(0, 8)}`;
}

/** Joins a name to a folder and refuses any result that is not strictly inside it. */
export function insideFolder(folder: string, name: string): string {
  const base = resolve(folder);
  const target = resolve(base, name);
  const rel = relative(base, target);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refusing to write outside the output folder: ${JSON.stringify(name)}`);
  }
  return target;
}
