import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipStore, EspeakEngine, makeCourseAudio, spokenTexts, SpeechError, type SpeechEngine } from '../../electron/core/speech/index.js';
import { useTempDir } from '../support/temp-dir.js';
import { failure, HAS_ESPEAK, HAS_FFPROBE, probe } from './audio-probe.js';
import { countingEngine, speechCourse } from './speech-fixtures.js';

const tempDir = useTempDir('fluentpro-audio-');

/** Every clip the manifest lists is on disk and plays; nothing on disk is unlisted. */
async function expectCompleteAudio(folder: string) {
  const store = new ClipStore(folder);
  const manifest = (await store.readManifest())!;
  const listed = [...new Set(Object.values(manifest.clips).map((c) => c.file))].sort();
  expect(await store.files(), 'none missing, none orphaned').toEqual(listed);
  for (const file of listed) expect(probe(join(store.folder, file)).durationSeconds, file).toBeGreaterThan(0);
  return manifest;
}

describe('spokenTexts', () => {
  it('speaks every term, example, dialogue line and grammar example, each named by its place in course.json', () => {
    const texts = spokenTexts(speechCourse('Spanish'));
    expect(texts.map((t) => [t.pointer, t.kind, t.speaker])).toEqual([
      ['/lessons/0/vocabulary/0/term', 'term', undefined],
      ['/lessons/0/vocabulary/0/example', 'example', undefined],
      ['/lessons/0/vocabulary/1/term', 'term', undefined],
      ['/lessons/0/vocabulary/1/example', 'example', undefined],
      ['/lessons/0/dialogue/lines/0/line', 'line', 'Ana'],
      ['/lessons/0/dialogue/lines/1/line', 'line', 'Luis'],
      ['/lessons/0/grammar/examples/0/sentence', 'grammar-example', undefined],
    ]);
  });
});

describe.skipIf(!HAS_ESPEAK || !HAS_FFPROBE)('makeCourseAudio with espeak-ng (CI installs espeak-ng and ffmpeg)', () => {
  it.each(['Spanish', 'German', 'Arabic'] as const)('gives a %s course a clip that plays for every text, none missing, none orphaned', async (language) => {
    const course = speechCourse(language);
    const result = await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine() });
    const manifest = await expectCompleteAudio(tempDir());
    expect(Object.keys(manifest.clips)).toHaveLength(spokenTexts(course).length);
    expect([result.synthesised, result.reused, result.removed, result.unspoken, result.warnings]).toEqual([7, 0, [], {}, []]);
  });

  it('gives a Japanese course clips for its kana texts only: espeak-ng would say "Chinese letter" for each kanji', async () => {
    const course = speechCourse('Japanese');
    const result = await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine() });
    const manifest = await expectCompleteAudio(tempDir());
    expect(Object.values(manifest.clips).map((c) => c.text)).toEqual(['りんご', 'おはようございます。りんごはいくらですか。']);
    expect(Object.keys(manifest.unspoken!)).toEqual(['/lessons/0/vocabulary/0/term', '/lessons/0/vocabulary/0/example', '/lessons/0/vocabulary/1/example', '/lessons/0/dialogue/lines/1/line', '/lessons/0/grammar/examples/0/sentence']);
    expect(result.warnings).toEqual(['5 texts have no clip (espeak-ng reads Japanese kana only, not kanji): use --speech macos or --speech openai for this course']);
  });

  it('says a Japanese text from its kana reading (course.json format 2) where espeak-ng cannot say its kanji: every text gets a clip', async () => {
    const course = speechCourse('Japanese');
    const lesson = course.lessons[0]!;
    // The readings a format 2 course carries (kana, as the lesson schema asks for Japanese).
    lesson.vocabulary![0]!.reading = { text: 'ichiba', kana: 'いちば' };
    lesson.vocabulary![0]!.exampleReading = { text: 'ichiba wa doko desu ka.', kana: 'いちばはどこですか。' };
    lesson.vocabulary![1]!.exampleReading = { text: 'ringo o futatsu kudasai.', kana: 'りんごをふたつください。' };
    lesson.dialogue!.lines[1]!.reading = { text: 'ichi kiro nihyaku en desu.', kana: 'いちキロにひゃくえんです。' };
    lesson.grammar!.examples[0]!.reading = { text: 'koohii o onegai shimasu.', kana: 'コーヒーをおねがいします。' };
    const spoken: string[] = [];
    const espeak = new EspeakEngine();
    const engine: SpeechEngine = { name: espeak.name, listVoices: (l) => espeak.listVoices(l), cannotSay: (r) => espeak.cannotSay(r), synthesize: (r) => (spoken.push(r.text), espeak.synthesize(r)) };
    const result = await makeCourseAudio({ folder: tempDir(), course, engine });
    const manifest = await expectCompleteAudio(tempDir());
    expect(result.unspoken).toEqual({});
    expect(Object.keys(manifest.clips)).toHaveLength(spokenTexts(course).length);
    // The manifest names the text as written; the engine was given the kana.
    expect(manifest.clips['/lessons/0/vocabulary/0/term']!.text).toBe('市場');
    expect(spoken).toContain('いちば');
    expect(spoken).not.toContain('市場');
  });

  it('gives a Chinese course a clip for every text espeak-ng can say, and lists the rest as unspoken, never half-English audio', async () => {
    const course = speechCourse('Chinese');
    const result = await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine() });
    const manifest = await expectCompleteAudio(tempDir());
    expect(Object.keys(manifest.clips).length + Object.keys(manifest.unspoken ?? {}).length).toBe(spokenTexts(course).length);
    for (const entry of Object.values(manifest.clips)) expect(spawnSync('espeak-ng', ['-v', 'cmn', '-q', '-x', entry.text], { encoding: 'utf8' }).stdout, entry.text).not.toContain('(en)');
    expect(result.synthesised).toBe(Object.keys(manifest.clips).length);
  });

  it('gives each dialogue speaker a voice of their own, kept in every lesson, and the narrator another', async () => {
    const { manifest } = await makeCourseAudio({ folder: tempDir(), course: speechCourse('Spanish', 2), engine: new EspeakEngine() });
    expect(manifest.voices).toEqual({ narrator: 'es', speakers: { Ana: 'es+f3', Luis: 'es+m3' } });
    expect(manifest.clips['/lessons/1/dialogue/lines/0/line']!.voice).toBe('es+f3');
    expect(manifest.clips['/lessons/1/vocabulary/0/term']!.voice).toBe('es');
  });

  it('a rerun synthesises nothing; an edited line alone is synthesised again and its old clip removed', async () => {
    const course = speechCourse('German', 2);
    const engine = countingEngine(new EspeakEngine());
    await makeCourseAudio({ folder: tempDir(), course, engine });
    expect(engine.calls).toHaveLength(14);

    const rerun = await makeCourseAudio({ folder: tempDir(), course, engine });
    expect(engine.calls).toHaveLength(14);
    expect([rerun.synthesised, rerun.reused, rerun.removed]).toEqual([0, 14, []]);

    const before = (await new ClipStore(tempDir()).readManifest())!.clips['/lessons/1/dialogue/lines/1/line']!.file;
    course.lessons[1]!.dialogue!.lines[1]!.line = 'Drei Euro das Kilo.';
    const edited = await makeCourseAudio({ folder: tempDir(), course, engine });
    expect(engine.calls.slice(14).map((c) => [c.text, c.voice])).toEqual([['Drei Euro das Kilo.', 'de+m3']]);
    expect(edited.removed).toEqual([before]);
    await expectCompleteAudio(tempDir());
  });

  it('a new speed or voice is new audio: every clip made again, the old ones removed', async () => {
    const course = speechCourse('Spanish');
    await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine() });
    const slower = await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine(), speed: 0.8 });
    expect([slower.synthesised, slower.removed.length]).toEqual([7, 7]);
    await expectCompleteAudio(tempDir());
  });

  it('keeps the files in audio/ that are not its clips (a user\'s own recording)', async () => {
    const course = speechCourse('Spanish');
    await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine() });
    writeFileSync(join(tempDir(), 'audio', 'my-recording.mp3'), 'mine');
    await makeCourseAudio({ folder: tempDir(), course, engine: new EspeakEngine(), speed: 1.2 });
    expect(readdirSync(join(tempDir(), 'audio'))).toContain('my-recording.mp3');
  });

  it('a run stopped halfway keeps its finished clips: the next run makes only the rest', async () => {
    const course = speechCourse('Spanish', 2);
    const controller = new AbortController();
    const real = new EspeakEngine();
    let made = 0;
    const stopping: SpeechEngine = {
      name: 'espeak-ng',
      listVoices: (l) => real.listVoices(l),
      synthesize: async (r) => {
        const audio = await real.synthesize(r);
        if (++made === 5) controller.abort(); // Ctrl-C after the fifth clip
        return audio;
      },
    };
    await expect(makeCourseAudio({ folder: tempDir(), course, engine: stopping, signal: controller.signal, concurrency: 1 })).rejects.toMatchObject({ code: 'CANCELLED' });
    const kept = (await new ClipStore(tempDir()).files()).length;
    expect(kept).toBe(5);
    const engine = countingEngine(real);
    await makeCourseAudio({ folder: tempDir(), course, engine });
    expect(engine.calls).toHaveLength(14 - kept);
    await expectCompleteAudio(tempDir());
  });
});

describe('when no voice speaks the language', () => {
  it('names the folder and where to get a voice, for each engine', async () => {
    const silent = (name: SpeechEngine['name']): SpeechEngine => ({ name, listVoices: async () => [], synthesize: async () => ({ bytes: new Uint8Array(), format: 'wav' }) });
    const error = (name: SpeechEngine['name']) => failure<SpeechError>(makeCourseAudio({ folder: '/courses/korean', course: { ...speechCourse('Spanish'), language: 'Korean' }, engine: silent(name) })).then((e) => e.message);
    expect(await error('macos')).toBe(
      '/courses/korean: no macos voice for Korean (ko) is installed: add a Korean voice in System Settings › Accessibility › Spoken Content › System Voice › Manage Voices…, then run "fluentpro audio /courses/korean" again (or use --speech openai)',
    );
    expect(await error('espeak-ng')).toContain('espeak-ng does not speak "ko"');
  });

  it('names the macOS voices a language has when --voice names another', async () => {
    const mac: SpeechEngine = { name: 'macos', listVoices: async () => [{ id: 'Kyoko', name: 'Kyoko (ja_JP)' }], synthesize: async () => ({ bytes: new Uint8Array(), format: 'aiff' }) };
    const error = await failure<SpeechError>(makeCourseAudio({ folder: '/courses/japanese', course: speechCourse('Japanese'), engine: mac, voice: 'Kyoto' }));
    expect([error.code, error.message]).toEqual(['NO_VOICE', '/courses/japanese: no macOS voice named "Kyoto" speaks Japanese; installed for it: Kyoko (add voices in System Settings › Accessibility › Spoken Content › System Voice › Manage Voices…)']);
  });
});
