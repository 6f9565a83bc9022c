import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { courseHandoutHtml } from '../../electron/core/export/handout.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import { courseFolderWithAudio } from './audio-fixtures.js';
import { CHROMIUM, demoCourse } from './export-fixtures.js';

// `fluentpro export` of a course folder that `fluentpro audio` gave clips (audio/clips.json): the
// html page with its clips in <name>-audio/ beside it, the anki and scorm packages with theirs
// inside; --no-audio, and a course without clips, export text only as before.

const tempDir = useTempDir();
const course = demoCourse(2);

/** The `src` of every <audio> in a page. */
const audioSources = (html: string) => [...html.matchAll(/<audio[^>]* src="([^"]+)"/g)].map((m) => m[1]!);

describe('fluentpro export of a course with audio', () => {
  it('html: writes <name>.html and its clips in <name>-audio/ beside it, a player beside each spoken text', async () => {
    const { folder, manifest, audio } = await courseFolderWithAudio(course);
    const run = await runCli(['export', folder, '--format', 'html', '--out', join(tempDir(), 'handouts/')], { cwd: tempDir() });
    expect(run.code).toBe(0);
    const page = join(tempDir(), 'handouts', `${course.slug}.html`);
    const clips = join(tempDir(), 'handouts', `${course.slug}-audio`);
    expect(run.stdout).toBe(`${page}\n`);
    expect(run.stderr).toContain(`${audio.files.size} audio clips in ${clips}`);
    const html = readFileSync(page, 'utf8');
    const sources = audioSources(html);
    // One player per spoken text with a clip, each naming its own clip in the folder.
    expect(sources.sort()).toEqual(Object.values(manifest.clips).map((c) => `${course.slug}-audio/${c.file}`).sort());
    expect(readdirSync(clips).sort()).toEqual([...audio.files.keys()].sort());
    for (const [file, bytes] of audio.files) expect(readFileSync(join(clips, file)).equals(Buffer.from(bytes))).toBe(true);
    // Still no script and nothing from the network; players load nothing until played.
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(html.match(/<audio /g)!.length).toBe(html.match(/<audio [^>]*preload="none"/g)!.length);
  });

  it('html: --out FILE names the folder after the file; --no-audio keeps one self-contained page', async () => {
    const { folder } = await courseFolderWithAudio(course);
    expect((await runCli(['export', folder, '-f', 'html', '-o', 'lesson-notes.html'], { cwd: tempDir() })).code).toBe(0);
    const sources = audioSources(readFileSync(join(tempDir(), 'lesson-notes.html'), 'utf8'));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s.startsWith('lesson-notes-audio/'))).toBe(true);
    expect(existsSync(join(tempDir(), 'lesson-notes-audio'))).toBe(true);

    const plain = await runCli(['export', folder, '-f', 'html', '-o', 'plain.html', '--no-audio'], { cwd: tempDir() });
    expect(plain.code).toBe(0);
    expect(readFileSync(join(tempDir(), 'plain.html'), 'utf8')).not.toContain('<audio');
    expect(existsSync(join(tempDir(), 'plain-audio'))).toBe(false);
    expect(plain.stderr).not.toContain('audio clips');
  });

  it('anki and scorm: the command finds the clips in the course folder and packs them', async () => {
    const { folder, audio } = await courseFolderWithAudio(course);
    expect((await runCli(['export', folder, '-f', 'anki'], { cwd: tempDir() })).code).toBe(0);
    const apkg = unzipSync(readFileSync(join(folder, 'exports', `${course.slug}.apkg`)));
    expect(Object.values(JSON.parse(strFromU8(apkg.media!)) as Record<string, string>).length).toBeGreaterThan(0);
    expect((await runCli(['export', folder, '-f', 'scorm'], { cwd: tempDir() })).code).toBe(0);
    const scorm = unzipSync(readFileSync(join(folder, 'exports', `${course.slug}.scorm.zip`)));
    expect(Object.keys(scorm).filter((f) => f.startsWith('audio/')).length).toBe(audio.files.size);
    // pdf, gift and moodle-xml stay text: nothing of audio/ is read for them.
    expect((await runCli(['export', folder, '-f', 'gift'], { cwd: tempDir() })).stderr).not.toContain('audio clips');
  });

  it('help says which formats carry audio and where the html page keeps it', async () => {
    const help = (await runCli(['export', '--help'], { cwd: tempDir() })).stdout;
    expect(help).toContain('--no-audio');
    expect(help).toContain('<name>-audio/');
  });

  it.skipIf(!existsSync(CHROMIUM))(`html: opened from disk (file://), a player plays its clip from the folder beside the page (skipped: needs ${CHROMIUM})`, async () => {
    const { folder, manifest } = await courseFolderWithAudio(course);
    expect((await runCli(['export', folder, '-f', 'html'], { cwd: tempDir() })).code).toBe(0);
    const page = join(folder, 'exports', `${course.slug}.html`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--no-first-run'] });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(pathToFileURL(page).href);
      const term = manifest.clips['/lessons/0/vocabulary/0/term']!.file;
      const player = tab.locator(`audio[src$="${term}"]`).first();
      // The learner presses the player's play button; its shadow DOM is the browser's own, so play() stands in for it.
      await player.evaluate((a: HTMLAudioElement) => a.play());
      await expect.poll(() => player.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0 && a.error === null), { timeout: 10_000 }).toBe(true);
      expect(await player.evaluate((a: HTMLAudioElement) => a.currentSrc)).toBe(pathToFileURL(join(folder, 'exports', `${course.slug}-audio`, term)).href);
      // The page's Content-Security-Policy lets its own clips play (no CSP error).
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the pdf’s page (the handout without audio) has no player', () => {
    expect(courseHandoutHtml(course)).not.toContain('<audio');
  });
});
