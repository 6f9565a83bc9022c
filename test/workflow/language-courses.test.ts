import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { courseSchema, type Course } from '../../electron/core/course/course-schema.js';
import { runCourses } from '../../electron/core/engine/run-courses.js';
import { isInScript, looksEnglish } from '../../electron/core/language/index.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import { LANGUAGE_RULES } from '../../electron/core/quality/language-check.js';
import { settingsFor, specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { useTempDir } from '../support/temp-dir.js';

// Issue 18's "done when": Japanese, Chinese, Arabic, German and Spanish courses generated against
// the test server carry readings, genders and parts of speech where the language needs them and
// nowhere else, also when the model writes 5% of its target-language texts in English and leaves
// 5% of its readings unwritten: each slip is asked for again alone and listed in the report.

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Only the language slips, so every repair below is one of theirs. */
const SLIPS = { numberedTitles: 0, repeatedTerms: 0, unusedVocabulary: 0, quizIndexOutOfRange: 0, missingSection: 0, truncated: 0, englishText: 0.05, omittedReading: 0.05 };

async function generate(languages: string[], seed: number | undefined, rates: Partial<typeof SLIPS> = {}) {
  server = await FakeLlmServer.start(seed === undefined ? {} : { realModel: { seed, ...SLIPS, ...rates } });
  const specs = languages.map((language) => specOf({ title: `${language} Market`, language, lessons: 4, level: 'A1' }));
  const settings = settingsFor(join(tempDir(), 'out'), { baseURL: server.baseURL });
  const results = await runCourses(specs, { settings, provider: await createProvider(settings) });
  expect(results.map((r) => r.error ?? 'ok')).toEqual(languages.map(() => 'ok'));
  return results.map((r) => courseSchema.parse(JSON.parse(readFileSync(join(r.outputPath!, 'course.json'), 'utf8'))));
}

const vocabulary = (course: Course) => course.lessons.flatMap((l) => l.vocabulary ?? []);
const lines = (course: Course) => course.lessons.flatMap((l) => l.dialogue?.lines ?? []);
const examples = (course: Course) => course.lessons.flatMap((l) => l.grammar?.examples ?? []);
const languageFindings = (course: Course) => course.quality!.findings.filter((f) => (LANGUAGE_RULES as readonly string[]).includes(f.rule));

describe('courses in five languages against a model that slips', () => {
  it('Japanese, Chinese and Arabic: every text in its script with its reading; every slip asked for again alone and listed', async () => {
    const [ja, zh, ar] = await generate(['Japanese', 'Chinese', 'Arabic'], 11);
    // The server really slipped, both ways.
    expect(server!.flaws.filter((f) => f.includes('in English')).length).toBeGreaterThan(0);
    expect(server!.flaws.filter((f) => f.includes('omitted')).length).toBeGreaterThan(0);

    for (const [course, script] of [[ja!, 'Jpan'], [zh!, 'Hans'], [ar!, 'Arab']] as const) {
      expect(course.formatVersion).toBe(2);
      expect(languageFindings(course), course.language).toEqual([]);
      for (const item of vocabulary(course)) {
        expect(isInScript(item.example, script), item.example).toBe(true);
        expect(item.partOfSpeech).toBeDefined();
        expect(isInScript(item.reading!.text, 'Latn'), item.reading!.text).toBe(true);
        expect(isInScript(item.exampleReading!.text, 'Latn'), item.exampleReading!.text).toBe(true);
      }
      for (const text of [...lines(course), ...examples(course)]) {
        expect(isInScript('line' in text ? text.line : text.sentence, script)).toBe(true);
        expect(isInScript(text.reading!.text, 'Latn'), text.reading!.text).toBe(true);
      }
      const repairs = course.quality!.repairs;
      expect(repairs.length, course.language).toBeGreaterThan(0);
      for (const r of repairs) {
        expect(r.kind).toBe('part-asked-again');
        expect(r.where).toMatch(/^lesson \d (vocabulary ".+"|dialogue line \d+|grammar example \d+)$/);
        expect(r.detail).toMatch(/\(\/lessons\/\d\/(vocabulary|dialogue|grammar)\/.+\); asked for it again and got it$/);
      }
    }
    // Kana for Japanese only; genders for Arabic only (no article: Arabic has none that is gendered).
    expect(vocabulary(ja!).every((v) => v.reading!.kana && !/\p{Script=Han}/u.test(v.reading!.kana))).toBe(true);
    expect([...vocabulary(zh!), ...vocabulary(ar!)].some((v) => v.reading!.kana)).toBe(false);
    expect([...vocabulary(ja!), ...vocabulary(zh!)].some((v) => v.gender || v.article)).toBe(false);
    const arabicNouns = vocabulary(ar!).filter((v) => v.partOfSpeech === 'noun');
    expect(arabicNouns.length).toBeGreaterThan(0);
    expect(arabicNouns.every((v) => v.gender === 'masculine' || v.gender === 'feminine')).toBe(true);
    expect(vocabulary(ar!).some((v) => v.article)).toBe(false);
    // What was asked for again names the field and the problem.
    const all = [ja!, zh!, ar!].flatMap((c) => c.quality!.repairs.map((r) => r.detail));
    expect(all.some((d) => / is not in (Japanese|Chinese|Arabic) script/.test(d))).toBe(true);
    expect(all.some((d) => /has a reading that is not in /.test(d))).toBe(true);
    const asked = server!.requests.filter((r) => / texts\|/.test(r.key));
    expect(asked.length).toBeGreaterThan(0);
    // Only the wrong texts were asked for, never the lesson again.
    expect(server!.requests.filter((r) => /^lesson \d\|/.test(r.key))).toHaveLength(12);
  });

  it('German and Spanish: every noun with its gender and article, no reading anywhere, no English left', async () => {
    const [de, es] = await generate(['German', 'Spanish'], 12);
    for (const course of [de!, es!]) {
      expect(languageFindings(course)).toEqual([]);
      const nouns = vocabulary(course).filter((v) => v.partOfSpeech === 'noun');
      expect(nouns.length).toBeGreaterThan(0);
      for (const noun of nouns) expect(noun.gender && noun.article, noun.term).toBeTruthy();
      for (const other of vocabulary(course).filter((v) => v.partOfSpeech !== 'noun')) expect(other.gender ?? other.article).toBeUndefined();
      expect(JSON.stringify(course.lessons)).not.toContain('"reading"');
      expect(JSON.stringify(course.lessons)).not.toContain('"exampleReading"');
    }
    // English slips are found by their words in a Latin-script course, and asked for again.
    for (const course of [de!, es!]) for (const text of [...vocabulary(course).map((v) => v.example), ...lines(course).map((l) => l.line), ...examples(course).map((e) => e.sentence)]) expect(looksEnglish(text), text).toBe(false);
    expect(server!.flaws.filter((f) => f.includes('in English')).length).toBeGreaterThan(0);
    expect([de!, es!].flatMap((c) => c.quality!.repairs).some((r) => /is in English, not (German|Spanish) \(\/lessons\/.+\); asked for it again and got it$/.test(r.detail))).toBe(true);
    expect(vocabulary(de!).find((v) => v.term.startsWith('Markt '))).toMatchObject({ gender: 'masculine', article: 'der' });
    expect(vocabulary(es!).find((v) => v.term.startsWith('estación '))).toMatchObject({ gender: 'feminine', article: 'la' });
  });

  it('a text whose language stays wrong after its tries is kept, listed as such, and named in the report', async () => {
    const [ja] = await generate(['Japanese'], 13, { englishText: 0, omittedReading: 1 });
    const findings = languageFindings(ja!);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f).toMatchObject({ rule: 'missing-reading', severity: 'warn' });
      expect(f.pointer).toMatch(/^\/lessons\/\d\/(vocabulary|dialogue|grammar)\//);
      expect(f.message).toMatch(/^lesson \d: .+ has a reading that is not in Hepburn romaji/);
    }
    expect(ja!.quality!.repairs.some((r) => /asked for it again 3 times, still: .+; kept as it was$/.test(r.detail))).toBe(true);
    expect(ja!.lessons).toHaveLength(4);
  });

  it('a model that does not slip needs no language repair, in any language the test server writes', async () => {
    const languages = ['Japanese', 'Chinese', 'Korean', 'Arabic', 'Russian', 'German', 'Spanish', 'Italian', 'French', 'Portuguese'];
    const courses = await generate(languages, undefined);
    for (const course of courses) {
      expect(languageFindings(course), course.language).toEqual([]);
      expect(course.quality!.repairs, course.language).toEqual([]);
    }
    expect(server!.requests.filter((r) => / texts\|/.test(r.key))).toEqual([]);
  });
});
