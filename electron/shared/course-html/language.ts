// BCP-47 tags for a course's languages, so text carries `lang` (fonts, hyphenation, screen
// readers) and right-to-left scripts get `dir="rtl"`.
//
// The language facts the renderer needs live here, in the shared layer it may import; everything
// else about a language (gender, articles, readings, script checks) is in electron/core/language/,
// which re-exports these so core code has one place to ask.

const NAMES: Record<string, string> = {
  afrikaans: 'af', albanian: 'sq', amharic: 'am', arabic: 'ar', armenian: 'hy', azerbaijani: 'az',
  basque: 'eu', belarusian: 'be', bengali: 'bn', bangla: 'bn', bosnian: 'bs', bulgarian: 'bg',
  burmese: 'my', cantonese: 'yue', catalan: 'ca', chinese: 'zh', mandarin: 'zh', 'mandarin chinese': 'zh',
  'simplified chinese': 'zh-Hans', 'chinese (simplified)': 'zh-Hans', 'traditional chinese': 'zh-Hant',
  'chinese (traditional)': 'zh-Hant', croatian: 'hr', czech: 'cs', danish: 'da', dari: 'prs', dutch: 'nl',
  english: 'en', 'american english': 'en-US', 'british english': 'en-GB', esperanto: 'eo', estonian: 'et',
  farsi: 'fa', persian: 'fa', filipino: 'fil', tagalog: 'tl', finnish: 'fi', flemish: 'nl-BE', french: 'fr',
  'canadian french': 'fr-CA', galician: 'gl', georgian: 'ka', german: 'de', 'swiss german': 'gsw', greek: 'el',
  gujarati: 'gu', haitian: 'ht', 'haitian creole': 'ht', hausa: 'ha', hawaiian: 'haw', hebrew: 'he',
  hindi: 'hi', hungarian: 'hu', icelandic: 'is', igbo: 'ig', indonesian: 'id', irish: 'ga', italian: 'it',
  japanese: 'ja', kannada: 'kn', kazakh: 'kk', khmer: 'km', korean: 'ko', kurdish: 'ku', sorani: 'ckb',
  kyrgyz: 'ky', lao: 'lo', latin: 'la', latvian: 'lv', lithuanian: 'lt', luxembourgish: 'lb', macedonian: 'mk',
  malay: 'ms', malayalam: 'ml', maltese: 'mt', maori: 'mi', marathi: 'mr', mongolian: 'mn', nepali: 'ne',
  norwegian: 'no', 'norwegian bokmal': 'nb', 'norwegian bokmål': 'nb', 'norwegian nynorsk': 'nn', pashto: 'ps',
  polish: 'pl', portuguese: 'pt', 'brazilian portuguese': 'pt-BR', 'portuguese (brazil)': 'pt-BR',
  'european portuguese': 'pt-PT', punjabi: 'pa', romanian: 'ro', russian: 'ru', samoan: 'sm',
  'scottish gaelic': 'gd', serbian: 'sr', sindhi: 'sd', sinhala: 'si', slovak: 'sk', slovenian: 'sl',
  somali: 'so', spanish: 'es', 'latin american spanish': 'es-419', 'mexican spanish': 'es-MX', swahili: 'sw',
  swedish: 'sv', tajik: 'tg', tamil: 'ta', tatar: 'tt', telugu: 'te', thai: 'th', tibetan: 'bo', turkish: 'tr',
  turkmen: 'tk', ukrainian: 'uk', urdu: 'ur', uyghur: 'ug', uzbek: 'uz', vietnamese: 'vi', welsh: 'cy',
  xhosa: 'xh', yiddish: 'yi', yoruba: 'yo', zulu: 'zu', dhivehi: 'dv', divehi: 'dv',
};

/**
 * ISO 15924 scripts written right to left (Unicode's bidi class R/AL). The script of a tag comes
 * from ICU (`Intl.Locale#maximize`), so no language needs listing here: ar, fa, ur, ps, ckb, sd,
 * ug → Arab; he, yi → Hebr; dv → Thaa; syr → Syrc.
 */
export const RTL_SCRIPTS: ReadonlySet<string> = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Samr', 'Mand']);

/**
 * The script a language is written in, as ICU's likely-subtags data says (`ja` → `Jpan`,
 * `zh` → `Hans`, `zh-TW` → `Hant`, `sr` → `Cyrl`); the tag's own script subtag wins. Undefined
 * for a tag ICU cannot read. Node and Electron (and every browser) ship full ICU.
 */
export function scriptOf(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
}

const TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/**
 * The BCP-47 tag of a language given by name ("Spanish", "Brazilian Portuguese") or code
 * ("es", "pt_br", "zh-hant"); undefined when the name is not known (better no `lang` than a wrong one).
 */
export function languageTag(language: string): string | undefined {
  const name = language.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NAMES[name]) return NAMES[name];
  const code = name.replace(/_/g, '-');
  if (!TAG.test(code)) return undefined;
  // Canonical case: language lower, script title, region upper ("zh-Hant-TW", "pt-BR").
  return code
    .split('-')
    .map((part, i) => (i === 0 ? part : part.length === 4 && /^[a-z]/.test(part) ? part[0]!.toUpperCase() + part.slice(1) : part.length === 2 ? part.toUpperCase() : part))
    .join('-');
}

/** 'rtl' for a tag whose script (given, or the likely one) is written right to left, else 'ltr'. */
export function textDirection(tag: string | undefined): 'ltr' | 'rtl' {
  const script = scriptOf(tag);
  return script !== undefined && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}

/**
 * ` lang="…"`, plus ` dir="…"` when the text runs the other way from what surrounds it
 * (` dir="rtl"` for Arabic in an English page, ` dir="ltr"` for Spanish in an Arabic one);
 * empty for an unknown language.
 */
export function langAttributes(language: string, surrounding: 'ltr' | 'rtl' = 'ltr'): string {
  const tag = languageTag(language);
  if (!tag) return '';
  const dir = textDirection(tag);
  return ` lang="${tag}"${dir !== surrounding ? ` dir="${dir}"` : ''}`;
}
