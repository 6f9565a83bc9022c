// Whether a text in a Latin-script course came back in English, the language models drift into
// when a prompt is in English. Unicode's script properties cannot tell Spanish from English, so
// this counts English function words instead, chosen to be words in no other common
// Latin-script course language: not "is" (Dutch), "was" and "will" (German), "he", "has" and
// "can" (Spanish), "do" (Portuguese), "at", "to", "for", "her", "of", "and" (Scandinavian,
// Dutch), "my", "we" (Polish), "see" (German), "a", "in", "on", "no".

const MARKERS: ReadonlySet<string> = new Set([
  'the', 'you', 'your', 'this', 'that', 'these', 'those', 'what', 'where', 'which', 'who', 'why', 'how', 'when',
  'would', 'could', 'should', 'please', 'very', 'some', 'like', 'buy', 'have', 'there', 'here', 'tomorrow', 'today',
  'they', 'she', 'their', 'our', 'are', 'been', 'not', 'it', 'with', 'i',
]);

/** Fewest English markers, and least share of the words, for a text to count as English. */
const MIN_MARKERS = 2;
const MIN_SHARE = 1 / 3;

/**
 * True when a text reads as English: at least two of its words, and a third of them, are
 * English function words found in no other common Latin-script language. A short phrase with
 * one English word ("the market") is not judged.
 */
export function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const markers = words.filter((w) => MARKERS.has(w)).length;
  return markers >= MIN_MARKERS && markers / words.length >= MIN_SHARE;
}
