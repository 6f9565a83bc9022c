// What a language needs: one place for the schemas, the quality checks, the views and the voices
// to ask. The facts the renderer also needs (tag, script, direction) live below it, in
// electron/shared/course-html/language.ts, because the renderer may import only electron/shared;
// they are re-exported here so core code never reaches past this room.
export { languageTag, langAttributes, RTL_SCRIPTS, scriptOf, textDirection } from '../../shared/course-html/language.js';
export { GENDERED_LANGUAGES, genderFacts, type Gender, type GenderFacts } from './grammar.js';
export { languageFacts, type LanguageFacts } from './language-facts.js';
export { readingFacts, type ReadingFacts, type ReadingKind } from './reading.js';
export { isInScript, scriptShare } from './script-check.js';
export { looksEnglish } from './english-check.js';
