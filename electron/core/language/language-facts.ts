import { languageTag, scriptOf, textDirection } from '../../shared/course-html/language.js';
import { genderFacts, type GenderFacts } from './grammar.js';
import { readingFacts, type ReadingFacts } from './reading.js';

/** What a course's language needs, as the schemas, the checks, the views and the voices ask. */
export interface LanguageFacts {
  /** The language as the spec names it ("Japanese", "pt-BR"). */
  name: string;
  /** Its BCP-47 tag ("ja", "pt-BR"); undefined for a name FluentPro does not know. */
  tag?: string;
  /** The primary language subtag ("ja", "pt"). */
  language?: string;
  /** ISO 15924 script from ICU's likely subtags ("Jpan", "Hans", "Arab", "Latn"). */
  script?: string;
  /** The likely region ("JP", "CN", "EG"), e.g. to pick a voice's locale ("ja_JP"). */
  region?: string;
  direction: 'ltr' | 'rtl';
  /** Undefined when nouns have no gender to learn: no `gender` field is asked for. */
  gender?: GenderFacts;
  /** Undefined for the Latin script: no `reading` field is asked for. */
  reading?: ReadingFacts;
}

/**
 * Everything FluentPro knows about a language, from ICU (`Intl.Locale#maximize`: script, region)
 * and the two small tables beside this file (gender and articles, readings per script).
 */
export function languageFacts(name: string): LanguageFacts {
  const tag = languageTag(name);
  const facts: LanguageFacts = { name, direction: textDirection(tag) };
  if (!tag) return facts;
  let region: string | undefined;
  try {
    region = new Intl.Locale(tag).maximize().region;
  } catch {
    return facts;
  }
  const language = tag.split('-')[0]!.toLowerCase();
  const script = scriptOf(tag);
  const gender = genderFacts(tag);
  const reading = readingFacts(script, language);
  return { ...facts, tag, language, ...(script ? { script } : {}), ...(region ? { region } : {}), ...(gender ? { gender } : {}), ...(reading ? { reading } : {}) };
}
