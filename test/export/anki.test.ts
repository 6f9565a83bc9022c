import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ANKI_FIELDS, ankiGuid, ankiIds, ankiLessonTag, exportAnki } from '../../electron/core/export/anki.js';
import { EXPORT_FORMATS } from '../../electron/core/export/formats.js';
import { readCourseAudio } from '../../electron/core/export/course-audio.js';
import { courseFolderWithAudio } from './audio-fixtures.js';
import { ARABIC, demoCourse, trickyCourse } from './export-fixtures.js';

interface Note {
  id: number;
  guid: string;
  mid: number;
  tags: string;
  flds: string;
  sfld: string;
  csum: number;
}
interface Card {
  id: number;
  nid: number;
  did: number;
  ord: number;
}

/** Opens an .apkg as Anki does: unzip, then read collection.anki2 with SQLite. */
function openApkg(apkg: Uint8Array) {
  const files = unzipSync(apkg);
  const db = new Database(Buffer.from(files['collection.anki2']!));
  try {
    const col = db.prepare('SELECT * FROM col').get() as Record<string, string | number>;
    return {
      names: Object.keys(files).sort(),
      media: JSON.parse(strFromU8(files.media!)) as unknown,
      col,
      models: JSON.parse(col.models as string) as Record<string, any>,
      decks: JSON.parse(col.decks as string) as Record<string, any>,
      notes: db.prepare('SELECT * FROM notes ORDER BY id').all() as Note[],
      cards: db.prepare('SELECT * FROM cards ORDER BY id').all() as Card[],
      tables: (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name),
    };
  } finally {
    db.close();
  }
}

describe('anki export (.apkg)', () => {
  const course = demoCourse(4);
  const vocabulary = course.lessons.flatMap((l) => l.vocabulary ?? []);

  it('is a zip of collection.anki2 and an empty media map, col.ver 11 and col.tags {}', async () => {
    const apkg = openApkg((await EXPORT_FORMATS.anki.export(course)) as Uint8Array);
    expect(apkg.names).toEqual(['collection.anki2', 'media']);
    expect(apkg.media).toEqual({});
    expect(apkg.col.ver).toBe(11);
    expect(apkg.col.tags).toBe('{}');
    expect(apkg.tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    expect(JSON.parse(apkg.col.dconf as string)['1'].name).toBe('Default');
  });

  it('has the FluentPro note type: five fields and two templates (recognise, produce), in its own deck', () => {
    const apkg = openApkg(exportAnki(course));
    const { modelId, deckId } = ankiIds(course);
    const model = apkg.models[String(modelId)];
    expect(Object.keys(apkg.models)).toEqual([String(modelId)]);
    expect(model.id).toBe(String(modelId));
    expect(model.type).toBe(0);
    expect(model.flds.map((f: { name: string; ord: number }) => [f.ord, f.name])).toEqual(ANKI_FIELDS.map((n, i) => [i, n]));
    expect(model.tmpls.map((t: { name: string; ord: number }) => [t.ord, t.name])).toEqual([
      [0, 'Recognise'],
      [1, 'Produce'],
    ]);
    expect(model.tmpls[0].qfmt).toContain('{{furigana:Term}}');
    expect(model.tmpls[1].qfmt).toContain('{{Translation}}');
    expect(model.tmpls[1].afmt).toContain('{{furigana:Term}}');
    expect(model.req).toEqual([
      [0, 'all', [0]],
      [1, 'all', [1]],
    ]);
    expect(apkg.decks[String(deckId)].name).toBe(`FluentPro::${course.title}`);
    expect(apkg.decks['1'].name).toBe('Default');
  });

  it('writes a note per vocabulary item and two cards per note, in the course’s deck and model', () => {
    const apkg = openApkg(exportAnki(course));
    const { modelId, deckId } = ankiIds(course);
    expect(apkg.notes.length).toBe(vocabulary.length);
    expect(apkg.cards.length).toBe(vocabulary.length * 2);
    expect(new Set(apkg.notes.map((n) => n.mid))).toEqual(new Set([modelId]));
    expect(new Set(apkg.cards.map((c) => c.did))).toEqual(new Set([deckId]));
    for (const note of apkg.notes) expect(apkg.cards.filter((c) => c.nid === note.id).map((c) => c.ord).sort()).toEqual([0, 1]);
    const first = course.lessons[0]!.vocabulary![0]!;
    const note = apkg.notes.find((n) => n.sfld === first.term)!;
    expect(note.flds.split('\u001f')).toEqual([first.term, first.translation, first.example, first.exampleTranslation, `Lesson 1: ${course.lessons[0]!.title}`]);
    expect(note.guid).toBe(ankiGuid(course.slug, 1, first.term));
  });

  it('tags each note FluentPro::<language>::<level>::L<NN>, with no spaces in a tag', () => {
    const apkg = openApkg(exportAnki(course));
    const tags = new Set(apkg.notes.map((n) => n.tags));
    expect(tags).toEqual(new Set([1, 2, 3, 4].map((n) => ` FluentPro::Spanish::A2::L0${n} `)));
    expect(ankiLessonTag({ language: 'Brazilian Portuguese', level: 'B1' }, 12)).toBe('FluentPro::Brazilian_Portuguese::B1::L12');
    expect(ankiLessonTag({ language: 'Odd::Name', level: 'A1' }, 3)).toBe('FluentPro::Odd_Name::A1::L03');
  });

  it('gives the same ids and guids on a second export, so a re-import updates instead of duplicating', () => {
    const a = openApkg(exportAnki(course, new Date('2026-01-01T00:00:00Z')));
    const b = openApkg(exportAnki(demoCourse(4), new Date('2026-02-01T00:00:00Z')));
    expect(b.notes.map((n) => [n.id, n.guid])).toEqual(a.notes.map((n) => [n.id, n.guid]));
    expect(b.cards.map((c) => [c.id, c.nid, c.ord])).toEqual(a.cards.map((c) => [c.id, c.nid, c.ord]));
    expect(Object.keys(b.models)).toEqual(Object.keys(a.models));
    expect(Object.keys(b.decks)).toEqual(Object.keys(a.decks));
    expect(new Set(a.notes.map((n) => n.guid)).size).toBe(a.notes.length);
    // Another course has other ids.
    const other = openApkg(exportAnki(demoCourse(4, { title: 'Another Course' })));
    expect(Object.keys(other.models)).not.toEqual(Object.keys(a.models));
    expect(other.notes.map((n) => n.guid)).not.toEqual(a.notes.map((n) => n.guid));
  });

  it('escapes model text as HTML (Anki fields are HTML) and marks right-to-left terms', () => {
    const tricky = trickyCourse('Arabic', ARABIC);
    const apkg = openApkg(exportAnki(tricky));
    const note = apkg.notes.find((n) => n.sfld === 'مرحبا')!;
    expect(note.flds.split('\u001f')[4]).toBe('Lesson 1: Greetings &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ~ = # { } : \\ ]]&gt; &#39;quote&#39;');
    const model = Object.values(apkg.models)[0];
    expect(model.flds.find((f: { name: string }) => f.name === 'Term').rtl).toBe(true);
    expect(model.tmpls[0].qfmt).toContain('lang="ar" dir="rtl"');
  });
});

describe('anki export with the course’s audio', () => {
  const course = demoCourse(2);
  // The second term's example has no clip (as a text the engine could not say).
  const noExampleClip = '/lessons/0/vocabulary/1/example';

  it('puts [sound:<file>] after the term and the example, and carries every file played in the media map', async () => {
    const { manifest, audio } = await courseFolderWithAudio(course, [noExampleClip]);
    const apkg = openApkg(exportAnki(course, new Date(), audio));
    const files = unzipSync((await EXPORT_FORMATS.anki.export(course, { audio })) as Uint8Array);
    const media = apkg.media as Record<string, string>;
    // Numbered entries "0", "1", … each name a clip, each clip once.
    expect(Object.keys(media)).toEqual(Object.keys(media).map((_, n) => String(n)));
    expect(new Set(Object.values(media)).size).toBe(Object.keys(media).length);
    expect(apkg.names).toEqual(['collection.anki2', 'media', ...Object.keys(media)].sort());

    const played = new Set<string>();
    course.lessons.forEach((lesson, l) =>
      lesson.vocabulary!.forEach((item, i) => {
        const note = apkg.notes.find((n) => n.guid === ankiGuid(course.slug, lesson.number, item.term))!;
        const [term, , example] = note.flds.split('\u001f');
        const termClip = manifest.clips[`/lessons/${l}/vocabulary/${i}/term`]!.file;
        expect(term).toBe(`${item.term}[sound:${termClip}]`);
        played.add(termClip);
        const exampleClip = manifest.clips[`/lessons/${l}/vocabulary/${i}/example`]?.file;
        expect(example).toBe(exampleClip ? `${item.example}[sound:${exampleClip}]` : item.example);
        if (exampleClip) played.add(exampleClip);
        // The sort field stays the bare term.
        expect(note.sfld).toBe(item.term);
      }),
    );
    expect(manifest.clips[noExampleClip]).toBeUndefined();
    // Every sound a field plays is in the package, byte for byte; nothing else is.
    expect(new Set(Object.values(media))).toEqual(played);
    for (const [entry, file] of Object.entries(media)) expect(Buffer.from(files[entry]!).equals(Buffer.from(audio.files.get(file)!))).toBe(true);
  });

  it('without audio (no audio/clips.json), is the text-only deck of before', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fp-anki-noaudio-'));
    expect(await readCourseAudio(folder)).toBeUndefined();
    const apkg = openApkg(exportAnki(course));
    expect(apkg.media).toEqual({});
    expect(apkg.notes.every((n) => !n.flds.includes('[sound:'))).toBe(true);
  });
});
