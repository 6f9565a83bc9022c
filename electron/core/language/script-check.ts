// Whether a text is written in a course's script, from Unicode's script properties: a Japanese
// line that came back in English, an Arabic term in Latin letters. For a Latin-script course this
// cannot tell Spanish from English (both are Latin): it finds wrong scripts, not wrong languages.

/**
 * The Unicode scripts that make up an ISO 15924 writing system. Japanese, Korean and Chinese are
 * mixes (or variants) that Unicode does not name as one script; every other code is a Unicode
 * script alias itself (`Arab`, `Cyrl`, `Deva`).
 */
const COMPOSITES: Record<string, readonly string[]> = {
  Jpan: ['Han', 'Hiragana', 'Katakana'],
  Kore: ['Hangul', 'Han'],
  Hans: ['Han'],
  Hant: ['Han'],
  Hani: ['Han'],
  Hrkt: ['Hiragana', 'Katakana'],
};

const patterns = new Map<string, RegExp | null>();

/** A regular expression matching one letter of the script, or null for a code Unicode does not know. */
function letterOf(script: string): RegExp | null {
  let pattern = patterns.get(script);
  if (pattern === undefined) {
    // Script_Extensions, not Script: the prolonged-sound mark ー is Common by Script but
    // Hiragana/Katakana by extension, and Arabic's tatweel is shared by several scripts.
    const parts = (COMPOSITES[script] ?? [script]).map((s) => `\\p{Script_Extensions=${s}}`);
    try {
      pattern = new RegExp(`[${parts.join('')}]`, 'u');
    } catch {
      pattern = null;
    }
    patterns.set(script, pattern);
  }
  return pattern;
}

const LETTER = /\p{L}/gu;

/**
 * The share (0–1) of a text's letters that are in the script; digits, punctuation, spaces and
 * emoji do not count. A text with no letters is 1 (nothing in it is in another script); a script
 * Unicode does not know is undefined (it cannot be judged).
 */
export function scriptShare(text: string, script: string): number | undefined {
  const letter = letterOf(script);
  if (!letter) return undefined;
  const letters = text.match(LETTER) ?? [];
  if (letters.length === 0) return 1;
  return letters.filter((l) => letter.test(l)).length / letters.length;
}

/**
 * True when at least `minShare` of a text's letters are in the script (default: half, so a
 * Japanese line may carry "OK" or a brand name, and an Arabic one a Latin abbreviation). Unknown
 * scripts count as true: a check that cannot judge must not report a problem.
 */
export function isInScript(text: string, script: string, minShare = 0.5): boolean {
  const share = scriptShare(text, script);
  return share === undefined || share >= minShare;
}
