// Which languages mark a noun's grammatical gender, and the article a learner says with it.
// This is the one table kept by hand: ICU knows scripts and regions, not grammar. It lists what
// the lesson schemas ask for (a `gender` on a vocabulary term, and the article shown with it), so
// a language absent here is never asked for a gender: better none than a made-up one.

export type Gender = 'masculine' | 'feminine' | 'neuter' | 'common';

export interface GenderFacts {
  /** The genders a noun can have, in the order grammars list them. */
  genders: readonly Gender[];
  /**
   * The definite article a learner says with a singular noun of each gender, in the forms a
   * beginner meets (`le`, and `l'` before a vowel). Empty for a language that marks gender
   * without a gendered article (Arabic's al-, Russian's none).
   */
  articles: Partial<Record<Gender, readonly string[]>>;
}

const MF: readonly Gender[] = ['masculine', 'feminine'];
const MFN: readonly Gender[] = ['masculine', 'feminine', 'neuter'];
const CN: readonly Gender[] = ['common', 'neuter'];

/** By primary language subtag. */
const GENDERS: Record<string, GenderFacts> = {
  es: { genders: MF, articles: { masculine: ['el'], feminine: ['la'] } },
  fr: { genders: MF, articles: { masculine: ['le', "l'"], feminine: ['la', "l'"] } },
  it: { genders: MF, articles: { masculine: ['il', 'lo', "l'"], feminine: ['la', "l'"] } },
  pt: { genders: MF, articles: { masculine: ['o'], feminine: ['a'] } },
  ca: { genders: MF, articles: { masculine: ['el', "l'"], feminine: ['la', "l'"] } },
  gl: { genders: MF, articles: { masculine: ['o'], feminine: ['a'] } },
  de: { genders: MFN, articles: { masculine: ['der'], feminine: ['die'], neuter: ['das'] } },
  el: { genders: MFN, articles: { masculine: ['ο'], feminine: ['η'], neuter: ['το'] } },
  nl: { genders: CN, articles: { common: ['de'], neuter: ['het'] } },
  // Scandinavian definite articles are suffixes; learners learn the indefinite one with the noun.
  sv: { genders: CN, articles: { common: ['en'], neuter: ['ett'] } },
  da: { genders: CN, articles: { common: ['en'], neuter: ['et'] } },
  nb: { genders: MFN, articles: { masculine: ['en'], feminine: ['ei'], neuter: ['et'] } },
  no: { genders: MFN, articles: { masculine: ['en'], feminine: ['ei'], neuter: ['et'] } },
  // Gender without a gendered article: the learner still needs it (agreement), so it is asked for.
  ar: { genders: MF, articles: {} },
  he: { genders: MF, articles: {} },
  hi: { genders: MF, articles: {} },
  ru: { genders: MFN, articles: {} },
  uk: { genders: MFN, articles: {} },
  pl: { genders: MFN, articles: {} },
  cs: { genders: MFN, articles: {} },
};

/** The gender facts of a language (by BCP-47 tag), or undefined when nouns have no gender to learn. */
export function genderFacts(tag: string | undefined): GenderFacts | undefined {
  if (!tag) return undefined;
  return GENDERS[tag.split('-')[0]!.toLowerCase()];
}

/** The languages the table covers (for tests and docs). */
export const GENDERED_LANGUAGES: readonly string[] = Object.keys(GENDERS);
