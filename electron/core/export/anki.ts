import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { escapeHtml } from '../../shared/course-html/escape.js';
import { languageTag, textDirection } from '../../shared/course-html/language.js';
import { genderMark, readingText, rubyText, usesRuby } from '../../shared/course-html/readings.js';
import type { Course } from '../course/course-schema.js';
import { clipPointer, type CourseAudio } from './course-audio.js';
import type { ExportFormat } from './export-format.js';

// An Anki package (.apkg): a zip of `collection.anki2` (Anki's legacy SQLite collection, schema
// 11) and a `media` map. The schema and the col row follow genanki (kerrickstaley/genanki:
// apkg_schema.py, apkg_col.py, model.py, deck.py), Anki's reference writer outside Anki itself.
// Ids and guids are hashes of the course slug, lesson and term, so exporting the same course
// again gives the same notes and Anki updates them on import instead of adding duplicates.

export const ANKI_FIELDS = ['Term', 'Translation', 'Example', 'Example translation', 'Lesson'] as const;

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

// genanki's apkg_col.py, as JSON.
const COL_CONF = { activeDecks: [1], addToCur: true, collapseTime: 1200, curDeck: 1, curModel: '1425279151691', dueCounts: true, estTimes: true, newBury: true, newSpread: 0, nextPos: 1, sortBackwards: false, sortType: 'noteFld', timeLim: 0 };
const DEFAULT_DECK = { collapsed: false, conf: 1, desc: '', dyn: 0, extendNew: 10, extendRev: 50, id: 1, lrnToday: [0, 0], mod: 1425279151, name: 'Default', newToday: [0, 0], revToday: [0, 0], timeToday: [0, 0], usn: 0 };
const DECK_CONF = {
  '1': {
    autoplay: true, id: 1, lapse: { delays: [10], leechAction: 0, leechFails: 8, minInt: 1, mult: 0 }, maxTaken: 60, mod: 0, name: 'Default',
    new: { bury: true, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 7], order: 1, perDay: 20, separate: true },
    replayq: true, rev: { bury: true, ease4: 1.3, fuzz: 0.05, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 100 }, timer: 0, usn: 0,
  },
};
const LATEX_PRE = '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';
const LATEX_POST = '\\end{document}';

const CARD_CSS = `.card { font-family: system-ui, -apple-system, "Noto Sans", "Hiragino Sans", "PingFang SC", "Noto Sans Arabic", sans-serif; font-size: 22px; text-align: center; color: #1d1d1f; background: #fff; }
.nightMode.card, .night_mode .card { color: #f2f2f7; background: #1c1c1e; }
.term { font-size: 1.6em; font-weight: 600; }
.reading, .gender { color: #888; font-size: 0.6em; font-weight: 400; }
.example { margin-top: 0.8em; }
.example-translation, .lesson { color: #888; font-size: 0.8em; font-style: italic; }
.lesson { margin-top: 1.2em; font-style: normal; }`;

/** The note type's two card templates: from the term to its meaning, and back. */
function templates(lang: string) {
  const back = `{{#Example}}<div class="example"${lang}>{{Example}}</div><div class="example-translation">{{Example translation}}</div>{{/Example}}\n<div class="lesson">{{Lesson}}</div>`;
  return [
    // {{furigana:Term}} shows a Japanese or Chinese term's `市場[いちば]` as ruby (Anki's own filter); other text passes as it is.
    { name: 'Recognise', qfmt: `<div class="term"${lang}>{{furigana:Term}}</div>`, afmt: `{{FrontSide}}\n<hr id="answer">\n<div class="translation">{{Translation}}</div>\n${back}` },
    { name: 'Produce', qfmt: `<div class="translation">{{Translation}}</div>`, afmt: `{{FrontSide}}\n<hr id="answer">\n<div class="term"${lang}>{{furigana:Term}}</div>\n${back}` },
  ];
}

function sha256(parts: readonly (string | number)[]): Buffer {
  return createHash('sha256').update(parts.join('\u001f'), 'utf8').digest();
}

/** A model or deck id, as genanki suggests: from 2^30 up to 2^31. */
function smallId(parts: readonly (string | number)[]): number {
  return 2 ** 30 + (sha256(parts).readUInt32BE(0) % 2 ** 30);
}

/** A note or card id: a millisecond time (Anki's kind of id) between 2010 and 2018, from a hash. */
function timeId(parts: readonly (string | number)[]): number {
  return 1_262_304_000_000 + (sha256(parts).readUIntBE(0, 6) % 2 ** 38);
}

const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

/** genanki's guid_for: the first 8 bytes of a SHA-256, in Anki's base 91. */
export function ankiGuid(...values: (string | number)[]): string {
  let n = createHash('sha256').update(values.map(String).join('__'), 'utf8').digest().readBigUInt64BE(0);
  let out = '';
  while (n > 0n) {
    out = BASE91[Number(n % 91n)]! + out;
    n /= 91n;
  }
  return out;
}

/** An Anki tag word: no spaces (a space separates tags), no "::" of its own (that makes a hierarchy). */
function tagWord(text: string): string {
  return text.trim().replace(/::+/g, '_').replace(/[\s"]+/g, '_') || 'unknown';
}

/** The tag of a lesson's notes: FluentPro::<language>::<level>::L<NN>. */
export function ankiLessonTag(course: Pick<Course, 'language' | 'level'>, lessonNumber: number): string {
  return `FluentPro::${tagWord(course.language)}::${tagWord(course.level)}::L${String(lessonNumber).padStart(2, '0')}`;
}

/** Anki's checksum of a note's first field: the first 8 hex digits of the SHA-1 of its text. */
function fieldChecksum(text: string): number {
  return parseInt(createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 8), 16);
}

export interface AnkiIds {
  modelId: number;
  deckId: number;
}

/** The note type's and deck's ids for a course: the same on every export of it. */
export function ankiIds(course: Pick<Course, 'slug'>): AnkiIds {
  return { modelId: smallId(['FluentPro model', course.slug]), deckId: smallId(['FluentPro deck', course.slug]) };
}

/**
 * The .apkg of a course's vocabulary: a note per term, two cards per note. With the course's
 * clips, the Term and Example fields end in `[sound:<file>]` and the package carries each file
 * played (genanki's layout: the zip entry "0", "1", … and the `media` map from those numbers to
 * the names the fields use), so Anki, AnkiDroid and AnkiMobile play them with no add-on.
 */
export function exportAnki(course: Course, now = new Date(), audio?: CourseAudio): Uint8Array {
  const { modelId, deckId } = ankiIds(course);
  const modSeconds = Math.floor(now.getTime() / 1000);
  const tag = languageTag(course.language);
  const rtl = textDirection(tag) === 'rtl';
  const lang = tag ? ` lang="${tag}"${rtl ? ' dir="rtl"' : ''}` : '';
  const ruby = usesRuby(course.language);
  const tmpls = templates(lang).map((t, ord) => ({ ...t, ord, bafmt: '', bqfmt: '', bfont: '', bsize: 0, did: null }));
  const flds = ANKI_FIELDS.map((name, ord) => ({ name, ord, font: 'Liberation Sans', media: [], rtl: rtl && (name === 'Term' || name === 'Example'), size: 20, sticky: false }));
  const model = {
    css: CARD_CSS,
    did: deckId,
    flds,
    id: String(modelId),
    latexPost: LATEX_POST,
    latexPre: LATEX_PRE,
    latexsvg: false,
    mod: modSeconds,
    name: `FluentPro: ${course.title}`,
    // Card 1 needs Term, card 2 needs Translation (as genanki computes "req").
    req: [
      [0, 'all', [0]],
      [1, 'all', [1]],
    ],
    sortf: 0,
    tags: [],
    tmpls,
    type: 0,
    usn: -1,
    vers: [],
  };
  const deck = {
    collapsed: false, conf: 1, desc: escapeHtml(course.summary), dyn: 0, extendNew: 0, extendRev: 50, id: deckId, lrnToday: [163, 2], mod: modSeconds,
    name: `FluentPro::${course.title.replace(/::+/g, ':')}`, newToday: [163, 2], revToday: [163, 0], timeToday: [163, 23598], usn: -1,
  };

  const db = new Database(':memory:');
  try {
    db.exec(SCHEMA);
    db.prepare('INSERT INTO col VALUES (null, 1411124400, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)').run(
      now.getTime(),
      now.getTime(),
      JSON.stringify(COL_CONF),
      JSON.stringify({ [String(modelId)]: model }),
      JSON.stringify({ '1': DEFAULT_DECK, [String(deckId)]: deck }),
      JSON.stringify(DECK_CONF),
      '{}',
    );
    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, \'\')');
    const insertCard = db.prepare("INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')");
    const used = new Set<number>();
    /** A hashed id, nudged up past any already given in this package (deterministic: same course, same ids). */
    const claim = (id: number) => {
      while (used.has(id)) id++;
      used.add(id);
      return id;
    };
    let due = 0;
    /** The clip files the notes play, in the order first played: their place is their zip entry's name. */
    const media: string[] = [];
    const sound = (pointer: string) => {
      const file = audio?.clips.get(pointer);
      if (!file) return '';
      if (!media.includes(file)) media.push(file);
      return `[sound:${file}]`;
    };
    db.transaction(() => {
      course.lessons.forEach((lesson, l) => {
        const tags = ` ${ankiLessonTag(course, lesson.number)} `;
        const lessonField = escapeHtml(`Lesson ${lesson.number}: ${lesson.title}`);
        (lesson.vocabulary ?? []).forEach((item, i) => {
          const key = [course.slug, lesson.number, item.term];
          const noteId = claim(timeId(['note', ...key]));
          const fields = [ankiTerm(item, ruby), escapeHtml(item.translation), ankiExample(item), escapeHtml(item.exampleTranslation)];
          // The sound goes after the text: Anki plays it where it stands (on the side that shows
          // the field, autoplayed as the deck options say) and shows a replay button there.
          fields[0] += sound(clipPointer.term(l, i));
          if (item.example.trim()) fields[2] += sound(clipPointer.example(l, i));
          insertNote.run(noteId, ankiGuid(...key), modelId, modSeconds, tags, [...fields, lessonField].join('\u001f'), item.term, fieldChecksum(item.term));
          due++;
          for (const ord of [0, 1]) insertCard.run(claim(timeId(['card', ...key, ord])), noteId, deckId, ord, modSeconds, due);
        });
      });
    })();
    const collection = db.serialize();
    const zip: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
      'collection.anki2': new Uint8Array(collection.buffer, collection.byteOffset, collection.byteLength),
      media: strToU8(JSON.stringify(Object.fromEntries(media.map((file, n) => [String(n), file])))),
    };
    // MP3 is compressed already: stored, not deflated again.
    media.forEach((file, n) => (zip[String(n)] = [audio!.files.get(file)!, { level: 0 }]));
    return zipSync(zip, { level: 6 });
  } finally {
    db.close();
  }
}

export const ankiFormat: ExportFormat = {
  id: 'anki',
  label: 'Anki deck (.apkg)',
  extension: 'apkg',
  mimeType: 'application/apkg',
  async export(course, options) {
    return exportAnki(course, new Date(), options?.audio);
  },
};

type VocabularyItem = NonNullable<Course['lessons'][number]['vocabulary']>[number];

/**
 * The Term field (HTML): the article before the noun (`der Markt`); a Japanese or Chinese reading
 * in Anki's furigana syntax (` 市場[いちば]`, shown as ruby by {{furigana:Term}}) when the term
 * is one word; any other reading (romaji, a transliteration) and a gender mark below it.
 */
function ankiTerm(item: VocabularyItem, ruby: boolean): string {
  const reading = item.reading;
  const furigana = ruby && reading !== undefined && !/[\s[\]]/.test(item.term + rubyText(reading));
  // Anki's furigana filter (` ?([^ >]+?)\[(.+?)\]`, Anki's template_filters; `[sound:…]` left
  // alone) takes the ruby's base from the last space before "[": " 市場[いちば]".
  const term = furigana ? ` ${escapeHtml(item.term)}[${escapeHtml(rubyText(reading))}]` : escapeHtml(item.term);
  const article = item.article ? `${escapeHtml(item.article)}${/['’]$/.test(item.article) ? '' : ' '}` : '';
  const below = !reading ? '' : furigana ? (rubyText(reading) === reading.text ? '' : reading.text) : readingText(reading);
  const mark = item.gender && !item.article ? ` <span class="gender">${escapeHtml(genderMark(item.gender))}</span>` : '';
  return `${article}${term}${mark}${below ? `<div class="reading">${escapeHtml(below)}</div>` : ''}`;
}

/** The Example field (HTML): the sentence, and its reading below it where it has one. */
function ankiExample(item: VocabularyItem): string {
  return escapeHtml(item.example) + (item.exampleReading ? `<div class="reading">${escapeHtml(readingText(item.exampleReading))}</div>` : '');
}
