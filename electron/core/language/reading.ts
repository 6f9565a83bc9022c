// Which reading a term or line needs, from its script: none for the Latin script, a named
// romanization for the scripts whose learners are taught one, a standard transliteration otherwise.

export type ReadingKind = 'hepburn' | 'pinyin' | 'jyutping' | 'revised-romanization' | 'transliteration';

export interface ReadingFacts {
  kind: ReadingKind;
  /** The system's name, as a prompt or a teacher says it ("Hepburn romaji", "ISO 9"). */
  system: string;
  /** Japanese: give the kana for any kanji as well as the romaji (市場 → いちば, ichiba). */
  kana: boolean;
  /** What the schema's `reading` field asks the model for, with an example. */
  instruction: string;
}

const JAPANESE: ReadingFacts = {
  kind: 'hepburn',
  system: 'Hepburn romaji',
  kana: true,
  instruction: 'the reading: kana for any kanji, then Hepburn romaji (市場 → いちば, ichiba)',
};
const MANDARIN: ReadingFacts = { kind: 'pinyin', system: 'Hanyu Pinyin with tone marks', kana: false, instruction: 'Hanyu Pinyin with tone marks (市场 → shìchǎng)' };
const CANTONESE: ReadingFacts = { kind: 'jyutping', system: 'Jyutping', kana: false, instruction: 'Jyutping with tone numbers (市場 → si5 coeng4)' };
const KOREAN: ReadingFacts = { kind: 'revised-romanization', system: 'Revised Romanization of Korean', kana: false, instruction: 'Revised Romanization of Korean (시장 → sijang)' };

/** The transliteration standard learners of each script meet, by ISO 15924 code. */
const TRANSLITERATIONS: Record<string, { system: string; example: string }> = {
  Arab: { system: 'ALA-LC romanization', example: 'سوق → sūq' },
  Cyrl: { system: 'BGN/PCGN romanization', example: 'рынок → rynok' },
  Grek: { system: 'ISO 843 (ELOT 743) transliteration', example: 'αγορά → agorá' },
  Hebr: { system: 'simple phonetic romanization', example: 'שוק → shuk' },
  Deva: { system: 'IAST', example: 'बाज़ार → bāzār' },
  Thai: { system: 'Royal Thai General System (RTGS)', example: 'ตลาด → talat' },
};

/**
 * The reading a text in this script needs: undefined for Latin-script languages (and unknown
 * scripts), so no Spanish term is ever asked for one. `language` tells Cantonese from Mandarin,
 * which share the Han script.
 */
export function readingFacts(script: string | undefined, language?: string): ReadingFacts | undefined {
  if (!script || script === 'Latn') return undefined;
  if (script === 'Jpan') return JAPANESE;
  if (script === 'Hans' || script === 'Hant' || script === 'Hani') return language === 'yue' ? CANTONESE : MANDARIN;
  if (script === 'Kore' || script === 'Hang') return KOREAN;
  const known = TRANSLITERATIONS[script];
  const system = known?.system ?? 'a standard transliteration into the Latin alphabet';
  return { kind: 'transliteration', system, kana: false, instruction: `a transliteration into the Latin alphabet (${system}${known ? `: ${known.example}` : ''})` };
}
