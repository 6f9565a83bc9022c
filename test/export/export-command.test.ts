import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import { CHROMIUM, JAPANESE, demoCourse, trickyCourse } from './export-fixtures.js';

const tempDir = useTempDir();

function writeCourseFolder(): string {
  const folder = join(tempDir(), 'spanish-demo');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'course.json'), JSON.stringify(demoCourse(2), null, 2));
  return folder;
}

describe('fluentpro export', () => {
  it('writes <course-folder>/exports/<slug>.<ext> by default and prints its path', async () => {
    const folder = writeCourseFolder();
    const run = await runCli(['export', folder, '--format', 'anki'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    const file = join(folder, 'exports', 'spanish-demo.apkg');
    expect(run.stdout).toBe(`${file}\n`);
    expect(run.stderr).toMatch(/^Anki deck \(\.apkg\): 2 lessons, [\d.]+ KB in \d+ ms\n$/);
    expect(Object.keys(unzipSync(readFileSync(file))).sort()).toEqual(['collection.anki2', 'media']);
    // Written atomically: no temp file is left beside it.
    expect(readdirSync(join(folder, 'exports'))).toEqual(['spanish-demo.apkg']);
  });

  it.each([
    ['html', 'spanish-demo.html'],
    ['gift', 'spanish-demo.gift.txt'],
    ['moodle-xml', 'spanish-demo.moodle.xml'],
    ['scorm', 'spanish-demo.scorm.zip'],
  ])('--format %s writes %s', async (format, name) => {
    const folder = writeCourseFolder();
    const run = await runCli(['export', folder, '--format', format], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(existsSync(join(folder, 'exports', name))).toBe(true);
  });

  it('--out FILE writes that file (relative to the current folder); --out FOLDER puts the default name in it', async () => {
    const folder = writeCourseFolder();
    const toFile = await runCli(['export', 'spanish-demo', '--format', 'gift', '--out', 'bank.txt'], { cwd: tempDir() });
    expect(toFile.code).toBe(0);
    expect(readFileSync(join(tempDir(), 'bank.txt'), 'utf8')).toContain('$CATEGORY: ');
    mkdirSync(join(tempDir(), 'shared'));
    const toFolder = await runCli(['export', folder, '-f', 'html', '-o', 'shared'], { cwd: tempDir() });
    expect(toFolder.code).toBe(0);
    expect(toFolder.stdout).toBe(`${join(tempDir(), 'shared', 'spanish-demo.html')}\n`);
  });

  it('--out FOLDER/ (a trailing slash) creates the folder and puts the default name in it, never a file named after the folder', async () => {
    const folder = writeCourseFolder();
    const run = await runCli(['export', folder, '-f', 'html', '--out', 'handouts/'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(statSync(join(tempDir(), 'handouts')).isDirectory()).toBe(true);
    expect(run.stdout).toBe(`${join(tempDir(), 'handouts', 'spanish-demo.html')}\n`);
    expect(readdirSync(join(tempDir(), 'handouts'))).toEqual(['spanish-demo.html']);
    // Nested, and absolute.
    const nested = join(tempDir(), 'term 2', 'week 1') + '/';
    const deep = await runCli(['export', folder, '-f', 'gift', '-o', nested], { cwd: tempDir() });
    expect(deep.code).toBe(0);
    expect(readdirSync(nested)).toEqual(['spanish-demo.gift.txt']);
    // A folder that is a file: a usage error, and the file is left alone.
    writeFileSync(join(tempDir(), 'notes'), 'mine');
    const onFile = await runCli(['export', folder, '-f', 'html', '--out', 'notes/'], { cwd: tempDir() });
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toBe(`fluentpro export: --out notes/ names a folder, but ${join(tempDir(), 'notes')} is a file\nSee: fluentpro export --help\n`);
    expect(readFileSync(join(tempDir(), 'notes'), 'utf8')).toBe('mine');
    // A folder on the way that is a file: exit 1 saying where it could not write.
    const under = await runCli(['export', folder, '-f', 'html', '--out', 'notes/week1.html'], { cwd: tempDir() });
    expect(under.code).toBe(1);
    expect(under.stderr).toMatch(new RegExp(`^fluentpro export: could not write ${join(tempDir(), 'notes', 'week1.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: E[A-Z]+`));
  });

  it('exits 2 for an unknown format, listing the formats and guessing the one meant', async () => {
    const folder = writeCourseFolder();
    const run = await runCli(['export', folder, '--format', 'ankii'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('fluentpro export: unknown format "ankii" (did you mean "anki"?); the formats are: anki, html, pdf, scorm, gift, moodle-xml\nSee: fluentpro export --help\n');
    const none = await runCli(['export', folder], { cwd: tempDir() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name a format with --format: anki, html, pdf, scorm, gift, moodle-xml');
    const page = await runCli(['export', folder, '--format', 'pdf', '--page-size', 'A3'], { cwd: tempDir() });
    expect(page.code).toBe(2);
    expect(page.stderr).toContain('--page-size must be A4 or Letter, got "A3"');
  });

  it('exits 2 with the reason and the fix for a folder that is not a course, writing nothing', async () => {
    const run = await runCli(['export', tempDir(), '--format', 'html'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`fluentpro export: ${tempDir()} is not a course folder: it has no course.json (give the folder that fluentpro generate wrote, e.g. courses/spanish-travel)\n`);
    expect(existsSync(join(tempDir(), 'exports'))).toBe(false);
  });

  it('exits 1 naming what to install when there is no Chromium for a PDF', async () => {
    const folder = writeCourseFolder();
    const run = await runCli(['export', folder, '--format', 'pdf'], { cwd: tempDir(), env: { FLUENTPRO_CHROMIUM: join(tempDir(), 'no-chromium-here') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`fluentpro export: FLUENTPRO_CHROMIUM is ${join(tempDir(), 'no-chromium-here')}, which does not exist; point it at a Chromium or Google Chrome executable\n`);
    expect(existsSync(join(folder, 'exports'))).toBe(false);
  });

  it.skipIf(!existsSync(CHROMIUM))(`--format pdf --page-size Letter prints with the system Chromium (skipped: needs ${CHROMIUM})`, async () => {
    const folder = writeCourseFolder();
    const run = await runCli(['export', folder, '--format', 'pdf', '--page-size', 'letter'], { cwd: tempDir(), env: { FLUENTPRO_CHROMIUM: CHROMIUM } });
    expect(run.code).toBe(0);
    expect(readFileSync(join(folder, 'exports', 'spanish-demo.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(!existsSync(CHROMIUM))(`--format pdf exits 1 naming the font package, writing nothing, when no font can draw the course's script (skipped: needs ${CHROMIUM})`, async () => {
    const folder = join(tempDir(), 'japanese');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'course.json'), JSON.stringify(trickyCourse('Japanese', JAPANESE), null, 2));
    // This machine without its CJK fonts (see pdf.test.ts): fontconfig rejects every CJK font file.
    const config = join(tempDir(), 'no-cjk-fonts.conf');
    writeFileSync(config, '<?xml version="1.0"?>\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <selectfont><rejectfont><glob>*CJK*</glob><glob>*cjk*</glob></rejectfont></selectfont>\n</fontconfig>\n');
    const run = await runCli(['export', folder, '--format', 'pdf'], { cwd: tempDir(), env: { FLUENTPRO_CHROMIUM: CHROMIUM, FONTCONFIG_FILE: config } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fluentpro export: the PDF was not written: no installed font can draw Chinese, Japanese or Korean \(\d+ characters, e\.g\. "[^"]+"\), so they would print as empty boxes\. .*"sudo apt-get install fonts-noto-cjk"/);
    expect(run.stdout).toBe('');
    expect(existsSync(join(folder, 'exports'))).toBe(false);
  });

  it('is listed in fluentpro --help and documents its flags, formats and exit codes', async () => {
    expect((await runCli(['--help'], { cwd: tempDir() })).stdout).toContain('export <course>');
    const help = await runCli(['export', '--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--out', '--page-size', 'anki', 'html', 'pdf', 'scorm', 'gift', 'moodle-xml', 'FLUENTPRO_CHROMIUM']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('Exit status: 0 written, 1 the export failed (no Chromium or no font for a PDF, or the file could not be written), 2 usage errors or the folder is not a course.');
  });
});
