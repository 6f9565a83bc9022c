// A PDF printed on a machine without a font for the course's script shows empty boxes where the
// text should be (Chromium draws the missing characters with the first font's .notdef glyph), and
// the print itself succeeds. Before printing, the page is asked which of its characters no
// installed font has: each distinct character is drawn on a canvas in its element's font and
// compared, pixel for pixel, with an unassigned code point (U+0378), which no font has and so is
// always drawn as that .notdef box. A character drawn exactly like it had no font.
//
// We refuse to print (MissingGlyphsError, exit 1 from the command) rather than warn: a handout of
// boxes looks finished and would be printed for a class; installing the font package and exporting
// again is quick. The HTML export is not checked: it is read in the reader's browser, with its fonts.
//
// Limits: macOS draws a missing character with its LastResort font (a different symbol per Unicode
// block, not one box), which this check does not see; macOS ships fonts for CJK, Arabic, Hebrew,
// Thai, Devanagari and more, so a Mac rarely lacks one. A font whose .notdef glyph is empty cannot
// be told from blank characters, so then nothing is reported.

/** At most this many distinct missing characters are reported (enough to name the script). */
export const MAX_REPORTED = 40;

/**
 * Runs in the page (`page.evaluate(findMissingGlyphs, MAX_REPORTED)`, or missingGlyphsScript() for
 * webContents.executeJavaScript): the distinct characters of the page's text that no installed
 * font can draw. Self-contained: it uses nothing from this module.
 */
export function findMissingGlyphs(maxReported: number): string[] {
  const size = 48;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return [];
  const draw = (font: string, text: string): Uint32Array => {
    context.clearRect(0, 0, size, size);
    context.font = font;
    context.fillStyle = '#000';
    context.textBaseline = 'top';
    context.fillText(text, 4, 4);
    return new Uint32Array(context.getImageData(0, 0, size, size).data.buffer);
  };
  const same = (a: Uint32Array, b: Uint32Array): boolean => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  const blank = (a: Uint32Array): boolean => a.every((p) => p === 0);
  const notdefByFont = new Map<string, Uint32Array>();
  const checked = new Set<string>();
  const missing: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && missing.length < maxReported; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
    let notdef = notdefByFont.get(font);
    if (!notdef) {
      notdef = draw(font, '\u0378');
      notdefByFont.set(font, notdef);
    }
    // An empty .notdef cannot be told from a blank character: nothing to judge by.
    if (blank(notdef)) continue;
    context.font = font;
    const notdefWidth = context.measureText('\u0378').width;
    for (const character of Array.from(node.textContent ?? '')) {
      // Spaces, controls and combining marks draw nothing (or nothing alone).
      if (/[\p{Z}\p{C}\p{M}]/u.test(character) || checked.has(font + character)) continue;
      checked.add(font + character);
      // Only a character as wide as the box can be the box: measuring is cheap, drawing is not.
      if (Math.abs(context.measureText(character).width - notdefWidth) > 0.01) continue;
      if (!missing.includes(character) && same(draw(font, character), notdef)) missing.push(character);
      if (missing.length >= maxReported) break;
    }
  }
  return missing;
}

/** findMissingGlyphs as a script to run in a page, evaluating to its result (for Electron's executeJavaScript). */
export function missingGlyphsScript(): string {
  return `(${findMissingGlyphs.toString()})(${MAX_REPORTED})`;
}

/** The page's text has characters no installed font can draw; printing would show boxes. */
export class MissingGlyphsError extends Error {
  readonly code = 'MISSING_GLYPHS';
  constructor(readonly characters: readonly string[]) {
    super(missingGlyphsMessage(characters));
    this.name = this.constructor.name;
  }
}

interface FontAdvice {
  script: string;
  test: RegExp;
  /** Debian/Ubuntu package. */
  debian: string;
}

const ADVICE: readonly FontAdvice[] = [
  { script: 'Chinese, Japanese or Korean', test: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u, debian: 'fonts-noto-cjk' },
  { script: 'emoji', test: /\p{Extended_Pictographic}/u, debian: 'fonts-noto-color-emoji' },
  { script: 'Arabic', test: /\p{Script=Arabic}/u, debian: 'fonts-noto-core' },
  { script: 'Hebrew', test: /\p{Script=Hebrew}/u, debian: 'fonts-noto-core' },
  { script: 'Thai', test: /\p{Script=Thai}/u, debian: 'fonts-noto-core' },
  { script: 'Devanagari', test: /\p{Script=Devanagari}/u, debian: 'fonts-noto-core' },
];

/** What to tell the user: which characters, which script, and the font package to install. */
export function missingGlyphsMessage(characters: readonly string[]): string {
  const found = ADVICE.filter((a) => characters.some((c) => a.test.test(c)));
  const scripts = found.length ? found.map((a) => a.script).join(', ') : 'some of its characters';
  const packages = [...new Set(found.length ? found.map((a) => a.debian) : ['fonts-noto-core', 'fonts-noto-extra'])];
  const sample = characters.slice(0, 12).join('');
  return (
    `the PDF was not written: no installed font can draw ${scripts} (${characters.length}${characters.length >= MAX_REPORTED ? '+' : ''} characters, e.g. "${sample}"), so they would print as empty boxes. ` +
    `Install a font for them and export again: on Debian/Ubuntu "sudo apt-get install ${packages.join(' ')}", on Fedora the google-noto-*-fonts packages; macOS has these fonts built in`
  );
}
