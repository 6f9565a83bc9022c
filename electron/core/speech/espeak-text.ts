import { scriptOf } from '../language/index.js';

// What espeak-ng cannot say right. Where its dictionary for a language lacks a word it spells it
// out in English: its Japanese voice says "Chinese letter" for each kanji, and the Mandarin voice
// of Debian's espeak-ng-data reads many hanzi as their pinyin spelt in English letters
// ("yao four"). `espeak-ng -q -x` prints the phonemes it would say, with "(en)" where it switches
// to English; for a language not written in the Latin alphabet that switch means a learner would
// hear English letter names. Such a text gets no clip: silence teaches nothing, a wrong sound
// teaches something wrong.

/** Why espeak-ng cannot say a text, known without running it: Japanese with kanji. */
export function espeakCannotSayOffhand(text: string, language: string): string | undefined {
  if (language.split('-')[0]!.toLowerCase() === 'ja' && /\p{Script=Han}/u.test(text)) return 'espeak-ng reads Japanese kana only, not kanji';
  return undefined;
}

/** Whether a switch to English in this language's phonemes would be letters spelt out (not Latin-script, not English). */
export function mayBeSpeltOut(language: string): boolean {
  const script = scriptOf(language);
  return language.split('-')[0]!.toLowerCase() !== 'en' && script !== undefined && script !== 'Latn';
}

/** Whether `espeak-ng -x` phonemes for a text in this language switch to English where they should not. */
export function spellsOutInEnglish(phonemes: string, language: string): boolean {
  return mayBeSpeltOut(language) && phonemes.includes('(en)');
}
