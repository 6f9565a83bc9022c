import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Findings reviewed and accepted, each with the reason a reader can check. */
const REVIEWED: Record<string, string> = {
  // The CSP evaluator flags any script-src 'self' as "may be vulnerable" (JSONP or uploads on the
  // same origin). Our origin is app://fluentpro, served only from the built renderer folder.
  'CSP_GLOBAL_CHECK index.html': "script-src 'self' on app://fluentpro serves only our own bundle",
};

it('Electronegativity finds nothing in the Electron code and page that is not reviewed', { timeout: 120_000 }, async () => {
  // The main process code and the page's CSP together, as the app ships them.
  const dir = mkdtempSync(join(tmpdir(), 'fluentpro-scan-'));
  try {
    cpSync(join(root, 'electron'), join(dir, 'electron'), { recursive: true });
    cpSync(join(root, 'renderer', 'index.html'), join(dir, 'index.html'));
    const bin = join(root, 'node_modules', '.bin', 'electronegativity');
    // It tries to fetch Electron's release list and carries on without it when offline.
    await promisify(execFile)(bin, ['-i', dir, '-e', '45.5.0', '-o', join(dir, 'findings.csv')], { timeout: 100_000 });
    const rows = readFileSync(join(dir, 'findings.csv'), 'utf8').trim().split('\n').slice(1);
    const findings = rows.map((row) => {
      const [check, , , file] = row.split(',');
      return `${check} ${file!.replaceAll('"', '').split('/').pop()}`;
    });
    expect(findings.filter((f) => !(f in REVIEWED))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
