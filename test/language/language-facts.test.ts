import { describe, expect, it } from 'vitest';
import { GENDERED_LANGUAGES, isInScript, languageFacts, readingFacts, scriptShare, textDirection } from '../../electron/core/language/index.js';

describe('languageFacts: script, region and direction from ICU', () => {
  it.each([
    ['Japanese', 'ja', 'Jpan', 'JP', 'ltr'],
    ['Chinese', 'zh', 'Hans', 'CN', 'ltr'],
    ['Arabic', 'ar', 'Arab', 'EG', 'rtl'],
    ['Russian', 'ru', 'Cyrl', 'RU', 'ltr'],
    ['Korean', 'ko', 'Kore', 'KR', 'ltr'],
    ['German', 'de', 'Latn', 'DE', 'ltr'],
    ['Spanish', 'es', 'Latn', 'ES', 'ltr'],
    ['Hebrew', 'he', 'Hebr', 'IL', 'rtl'],
    ['Persian', 'fa', 'Arab', 'IR', 'rtl'],
    ['Traditional Chinese', 'zh-Hant', 'Hant', 'TW', 'ltr'],
    ['Dhivehi', 'dv', 'Thaa', 'MV', 'rtl'],
  ])('%s: %s, %s, %s, %s', (name, tag, script, region, direction) => {
    const facts = languageFacts(name);
    expect([facts.tag, facts.script, facts.region, facts.direction]).toEqual([tag, script, region, direction]);
  });

  it('knows nothing (and so asks for nothing) about a language it cannot name', () => {
    expect(languageFacts('Klingon of the Far Reaches')).toEqual({ name: 'Klingon of the Far Reaches', direction: 'ltr' });
  });

  it('reads direction from a script subtag a tag names (Kurdish in Arabic letters)', () => {
    expect([textDirection('ku'), textDirection('ku-Arab')]).toEqual(['ltr', 'rtl']);
  });

  it('knows a region can change the script: Punjabi in Pakistan and Azerbaijani in Iran are written right to left', () => {
    expect([textDirection('pa'), textDirection('pa-PK'), textDirection('az'), textDirection('az-IR')]).toEqual(['ltr', 'rtl', 'ltr', 'rtl']);
    expect(languageFacts('pa-PK')).toMatchObject({ script: 'Arab', region: 'PK', direction: 'rtl' });
  });
});

describe('gender and articles: asked for only where the language has them', () => {
  it.each([
    ['Spanish', ['masculine', 'feminine'], { masculine: ['el'], feminine: ['la'] }],
    ['German', ['masculine', 'feminine', 'neuter'], { masculine: ['der'], feminine: ['die'], neuter: ['das'] }],
    ['French', ['masculine', 'feminine'], { masculine: ['le', "l'"], feminine: ['la', "l'"] }],
    ['Italian', ['masculine', 'feminine'], { masculine: ['il', 'lo', "l'"], feminine: ['la', "l'"] }],
    ['Brazilian Portuguese', ['masculine', 'feminine'], { masculine: ['o'], feminine: ['a'] }],
    ['Dutch', ['common', 'neuter'], { common: ['de'], neuter: ['het'] }],
  ])('%s nouns are %j, said with %j', (name, genders, articles) => {
    expect(languageFacts(name).gender).toEqual({ genders, articles });
  });

  it('Arabic and Russian have gender but no gendered article', () => {
    expect(languageFacts('Arabic').gender).toEqual({ genders: ['masculine', 'feminine'], articles: {} });
    expect(languageFacts('Russian').gender).toEqual({ genders: ['masculine', 'feminine', 'neuter'], articles: {} });
  });

  it.each(['Japanese', 'Chinese', 'Korean', 'English', 'Turkish', 'Finnish'])('never asks %s for a gender', (name) => {
    expect(languageFacts(name).gender).toBeUndefined();
  });

  it('every article named belongs to a gender the language has', () => {
    for (const code of GENDERED_LANGUAGES) {
      const { genders, articles } = languageFacts(code).gender!;
      expect(Object.keys(articles).filter((g) => !genders.includes(g as never)), code).toEqual([]);
    }
  });
});

describe('readings: which kind each script needs', () => {
  it.each([
    ['Japanese', 'hepburn', true],
    ['Chinese', 'pinyin', false],
    ['Traditional Chinese', 'pinyin', false],
    ['Cantonese', 'jyutping', false],
    ['Korean', 'revised-romanization', false],
    ['Arabic', 'transliteration', false],
    ['Russian', 'transliteration', false],
    ['Greek', 'transliteration', false],
    ['Hindi', 'transliteration', false],
    ['Thai', 'transliteration', false],
  ])('%s needs %s (kana too: %s)', (name, kind, kana) => {
    const reading = languageFacts(name).reading!;
    expect([reading.kind, reading.kana]).toEqual([kind, kana]);
    expect(reading.instruction.length).toBeGreaterThan(10);
  });

  it('names the standard a transliteration follows', () => {
    expect(languageFacts('Russian').reading!.system).toBe('BGN/PCGN romanization');
    expect(languageFacts('Arabic').reading!.instruction).toContain('ALA-LC');
    expect(readingFacts('Geor')!.system).toBe('a standard transliteration into the Latin alphabet');
  });

  it.each(['Spanish', 'German', 'French', 'Vietnamese', 'Turkish'])('never asks %s (Latin script) for a reading', (name) => {
    expect(languageFacts(name).reading).toBeUndefined();
  });
});

describe('script check: finding answers in the wrong script', () => {
  it.each([
    ['市場に行きます', 'Jpan', true],
    ['スーパーで買い物', 'Jpan', true],
    ['I go to the market', 'Jpan', false],
    ['我去市场', 'Hans', true],
    ['I go to the market', 'Hans', false],
    ['시장에 가요', 'Kore', true],
    ['مرحبا، كيف حالك؟', 'Arab', true],
    ['marhaban', 'Arab', false],
    ['Привет, как дела?', 'Cyrl', true],
    ['Privet', 'Cyrl', false],
    ['שלום', 'Hebr', true],
    ['¿Dónde está el mercado?', 'Latn', true],
    ['Wo ist der Markt?', 'Latn', true],
    ['市場', 'Latn', false],
  ])('%s in %s: %s', (text, script, expected) => {
    expect(isInScript(text, script)).toBe(expected);
  });

  it('lets a Japanese line carry a little Latin ("OK"), and ignores punctuation and digits', () => {
    expect(isInScript('OKです、3時に会いましょう。', 'Jpan')).toBe(true);
    expect(scriptShare('123 !?', 'Jpan')).toBe(1);
  });

  it('cannot judge a script Unicode does not know, so it reports no problem', () => {
    expect(scriptShare('anything', 'Zzzz-not-a-script')).toBeUndefined();
    expect(isInScript('anything', 'Qaaa')).toBe(true);
  });
});
