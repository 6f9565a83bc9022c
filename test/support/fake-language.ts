import { languageFacts, type LanguageFacts } from '../../electron/core/language/index.js';

// Target-language text for the test server: real words of the course's language, with their
// readings (kana and Hepburn romaji, pinyin with tone marks, ALA-LC, Revised Romanization,
// BGN/PCGN), parts of speech, genders and articles as a dictionary gives them, so a Japanese
// course made against the server is in Japanese script with true readings, a German one has
// der Markt and die Stadt. Strings must also be unique per answer (vocabulary never repeats), so
// each carries a number: "市場 48213". Digits are no letters, so the script checks still hold.

export interface Word {
  word: string;
  /** Romanization, as reading.ts names the system for the script. */
  reading?: string;
  /** Japanese: the word in kana. */
  kana?: string;
  pos: 'noun' | 'verb' | 'adjective' | 'other';
  gender?: 'masculine' | 'feminine' | 'neuter';
  article?: string;
}

const n = (word: string, reading: string, gender?: Word['gender'], article?: string, kana?: string): Word => ({ word, reading, pos: 'noun', ...(gender ? { gender } : {}), ...(article ? { article } : {}), ...(kana ? { kana } : {}) });

/** A few words per language: nouns (with gender and article where the language has them), verbs, adjectives. */
const LEXICONS: Record<string, { words: Word[]; joiner: string; stop: string }> = {
  ja: {
    joiner: '',
    stop: '。',
    words: [
      n('市場', 'ichiba', undefined, undefined, 'いちば'),
      n('駅', 'eki', undefined, undefined, 'えき'),
      n('水', 'mizu', undefined, undefined, 'みず'),
      n('友達', 'tomodachi', undefined, undefined, 'ともだち'),
      n('今日', 'kyō', undefined, undefined, 'きょう'),
      { word: '食べる', kana: 'たべる', reading: 'taberu', pos: 'verb' },
      { word: '買う', kana: 'かう', reading: 'kau', pos: 'verb' },
      { word: '大きい', kana: 'おおきい', reading: 'ōkii', pos: 'adjective' },
    ],
  },
  zh: {
    joiner: '',
    stop: '。',
    words: [n('市场', 'shìchǎng'), n('车站', 'chēzhàn'), n('水', 'shuǐ'), n('朋友', 'péngyou'), n('今天', 'jīntiān'), { word: '吃', reading: 'chī', pos: 'verb' }, { word: '买', reading: 'mǎi', pos: 'verb' }, { word: '大', reading: 'dà', pos: 'adjective' }],
  },
  ko: {
    joiner: ' ',
    stop: '.',
    words: [n('시장', 'sijang'), n('역', 'yeok'), n('물', 'mul'), n('친구', 'chingu'), { word: '먹다', reading: 'meokda', pos: 'verb' }, { word: '크다', reading: 'keuda', pos: 'adjective' }],
  },
  ar: {
    joiner: ' ',
    stop: '.',
    words: [
      n('سوق', 'sūq', 'masculine'),
      n('محطة', 'maḥaṭṭa', 'feminine'),
      n('ماء', 'māʾ', 'masculine'),
      n('صديق', 'ṣadīq', 'masculine'),
      n('مدرسة', 'madrasa', 'feminine'),
      { word: 'أكل', reading: 'akala', pos: 'verb' },
      { word: 'اشترى', reading: 'ishtarā', pos: 'verb' },
      { word: 'كبير', reading: 'kabīr', pos: 'adjective' },
    ],
  },
  ru: {
    joiner: ' ',
    stop: '.',
    words: [n('рынок', 'rynok', 'masculine'), n('вокзал', 'vokzal', 'masculine'), n('вода', 'voda', 'feminine'), n('окно', 'okno', 'neuter'), { word: 'есть', reading: 'yest’', pos: 'verb' }, { word: 'большой', reading: 'bolʹshoy', pos: 'adjective' }],
  },
  de: {
    joiner: ' ',
    stop: '.',
    words: [
      { word: 'Markt', pos: 'noun', gender: 'masculine', article: 'der' },
      { word: 'Bahnhof', pos: 'noun', gender: 'masculine', article: 'der' },
      { word: 'Wasser', pos: 'noun', gender: 'neuter', article: 'das' },
      { word: 'Stadt', pos: 'noun', gender: 'feminine', article: 'die' },
      { word: 'Freundin', pos: 'noun', gender: 'feminine', article: 'die' },
      { word: 'kaufen', pos: 'verb' },
      { word: 'essen', pos: 'verb' },
      { word: 'groß', pos: 'adjective' },
    ],
  },
  fr: {
    joiner: ' ',
    stop: '.',
    words: [
      { word: 'marché', pos: 'noun', gender: 'masculine', article: 'le' },
      { word: 'gare', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'ville', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'ami', pos: 'noun', gender: 'masculine', article: "l'" },
      { word: 'pain', pos: 'noun', gender: 'masculine', article: 'le' },
      { word: 'acheter', pos: 'verb' },
      { word: 'manger', pos: 'verb' },
      { word: 'grand', pos: 'adjective' },
    ],
  },
  it: {
    joiner: ' ',
    stop: '.',
    words: [
      { word: 'mercato', pos: 'noun', gender: 'masculine', article: 'il' },
      { word: 'stazione', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'città', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'amico', pos: 'noun', gender: 'masculine', article: "l'" },
      { word: 'pane', pos: 'noun', gender: 'masculine', article: 'il' },
      { word: 'comprare', pos: 'verb' },
      { word: 'mangiare', pos: 'verb' },
      { word: 'grande', pos: 'adjective' },
    ],
  },
  pt: {
    joiner: ' ',
    stop: '.',
    words: [
      { word: 'mercado', pos: 'noun', gender: 'masculine', article: 'o' },
      { word: 'estação', pos: 'noun', gender: 'feminine', article: 'a' },
      { word: 'cidade', pos: 'noun', gender: 'feminine', article: 'a' },
      { word: 'amigo', pos: 'noun', gender: 'masculine', article: 'o' },
      { word: 'pão', pos: 'noun', gender: 'masculine', article: 'o' },
      { word: 'comprar', pos: 'verb' },
      { word: 'comer', pos: 'verb' },
      { word: 'grande', pos: 'adjective' },
    ],
  },
  es: {
    joiner: ' ',
    stop: '.',
    words: [
      { word: 'mercado', pos: 'noun', gender: 'masculine', article: 'el' },
      { word: 'estación', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'casa', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'amigo', pos: 'noun', gender: 'masculine', article: 'el' },
      { word: 'ciudad', pos: 'noun', gender: 'feminine', article: 'la' },
      { word: 'comprar', pos: 'verb' },
      { word: 'comer', pos: 'verb' },
      { word: 'grande', pos: 'adjective' },
    ],
  },
};

/** The course's language as the test server writes it. */
export interface FakeLanguage {
  facts: LanguageFacts;
  words: readonly Word[];
  joiner: string;
  stop: string;
}

/** The course language a request's system message names ("You write Japanese courses for …"), when the server has words for it. */
export function fakeLanguageOf(system: string): FakeLanguage | undefined {
  const name = /You write (.+?) courses for speakers of/.exec(system)?.[1];
  if (!name) return undefined;
  const facts = languageFacts(name);
  const lexicon = facts.language ? LEXICONS[facts.language] : undefined;
  return lexicon ? { facts, ...lexicon } : undefined;
}

/** A term: one word and a number that keeps it unique ("市場 48213"). */
export function fakeTerm(language: FakeLanguage, index: number, id: string): string {
  return `${language.words[index % language.words.length]!.word} ${id}`;
}

/** A sentence of the language's words, ending with its full stop. */
export function fakeSentence(language: FakeLanguage, index: number, id: string): string {
  const words = [0, 3, 5].map((k) => language.words[(index + k) % language.words.length]!.word);
  return `${words.join(language.joiner)} ${id}${language.stop}`;
}

/** The dictionary entry a term was made from ("Markt 48213" → Markt). */
export function wordOf(language: FakeLanguage, term: string): Word | undefined {
  return language.words.find((w) => term.startsWith(`${w.word} `) || term === w.word);
}

/**
 * A text's reading, word by word (longest match first), as the course's reading facts ask:
 * `{ text }`, and `{ kana, text }` for Japanese. Digits and punctuation are read as written.
 */
export function fakeReading(language: FakeLanguage, text: string): { text: string; kana?: string } {
  const words = [...language.words].sort((a, b) => b.word.length - a.word.length);
  const tokens: string[] = [];
  let kana = '';
  let other = '';
  const flush = () => {
    if (other) tokens.push(other.replace(/。/g, '.').replace(/、/g, ','));
    other = '';
  };
  for (let i = 0; i < text.length; ) {
    const word = words.find((w) => text.startsWith(w.word, i));
    if (word) {
      flush();
      tokens.push(word.reading ?? word.word);
      kana += word.kana ?? word.word;
      i += word.word.length;
      continue;
    }
    const char = text[i]!;
    if (/\s/.test(char)) flush();
    else other += char;
    kana += char;
    i++;
  }
  flush();
  const reading = tokens.join(' ').replace(/ ([.,!?])/g, '$1');
  return language.facts.reading?.kana ? { kana, text: reading } : { text: reading };
}

/** What a model that slipped into English writes instead of a target-language sentence. */
export const ENGLISH_SLIPS = ['I would like to buy some water, please.', 'Where is the station?', 'This market is very big.', 'See you tomorrow at the station.'];
