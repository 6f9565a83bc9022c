import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStartFailure, setQueueAside } from '../../electron/main/start-failure.js';

const fail = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('what a person reads when FluentPro cannot start', () => {
  it.each([
    ['a damaged database', fail('file is not a database', 'SQLITE_NOTADB'), 'damaged-database', ['Start with a New Queue', 'Show in Finder', 'Quit']],
    ['a locked database', fail('database is locked', 'SQLITE_BUSY'), 'locked-database', ['Try Again', 'Quit']],
    ['better-sqlite3 built for another ABI', fail("The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115", 'ERR_DLOPEN_FAILED'), 'native-module', ['Quit']],
    ['an unwritable data folder', fail("EACCES: permission denied, mkdir '/Users/ana/Library/Application Support/FluentPro/Data'", 'EACCES'), 'folder', ['Show in Finder', 'Quit']],
    ['anything else', fail('boom'), 'other', ['Quit']],
  ])('%s', (_name, error, kind, buttons) => {
    const failure = describeStartFailure(error, '/Users/ana/Data');
    expect(failure.kind).toBe(kind);
    expect(failure.buttons.map((b) => b.label)).toEqual(buttons);
    expect(failure.detail).toContain(error.message);
    expect(failure.buttons.at(-1)!.action).toBe('quit');
  });

  it('names the database file for a damaged or locked queue', () => {
    expect(describeStartFailure(fail('x', 'SQLITE_CORRUPT'), '/Users/ana/Data').path).toBe('/Users/ana/Data/queue.sqlite');
    expect(describeStartFailure(fail('x', 'SQLITE_BUSY'), '/Users/ana/Data').detail).toContain('/Users/ana/Data/queue.sqlite');
  });

  it('sets a damaged queue aside with its WAL, under a dated name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-aside-'));
    for (const f of ['queue.sqlite', 'queue.sqlite-wal', 'courses.txt']) writeFileSync(join(dir, f), f);
    const aside = setQueueAside(dir, new Date('2026-03-04T05:06:07Z'));
    expect(aside).toBe(join(dir, 'queue-damaged-20260304-050607.sqlite'));
    expect(readdirSync(dir).sort()).toEqual(['courses.txt', 'queue-damaged-20260304-050607.sqlite', 'queue-damaged-20260304-050607.sqlite-wal']);
  });
});
