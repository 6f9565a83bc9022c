// When two vocabulary terms are "the same term", and where a term is used: the comparisons behind
// the repairs of model answers and the course's checks. Real models vary case, spacing and
// punctuation ("¿Mercado?" for "mercado"), so plain equality would miss repeats.

/** NFKC, lower case, inner whitespace collapsed, surrounding punctuation removed. */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');
}

/** Scripts written without spaces between words, where a term is found as a substring. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** True when `needle` occurs in `haystack` as whole words (or as a substring, for unspaced scripts). */
export function containsTerm(haystack: string, needle: string): boolean {
  const h = normalizeTerm(haystack);
  const n = normalizeTerm(needle);
  if (!n) return false;
  if (UNSPACED.test(n)) return h.includes(n);
  const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(h);
}
