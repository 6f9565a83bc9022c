import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The GitHub workflows are the only place the real app runs (macOS runners): these tests keep
// them doing what README.md says they do.

const ROOT = join(import.meta.dirname, '..', '..');
type Step = { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> };
const workflow = (name: string) => parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: Step[] }>;
};
const runs = (steps: Step[]) => steps.filter((s) => s.run).map((s) => s.run!).join('\n');
/** The steps that run on macOS: all of them in a macOS-only job, else those guarded by runner.os. */
const onMac = (steps: Step[], macOnly: boolean) => steps.filter((s) => macOnly || s.if === "runner.os == 'macOS'");
const indexOfRun = (steps: Step[], text: string) => steps.findIndex((s) => s.run?.includes(text));

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** What both workflows promise on macOS: Node's suite, the app in development, the packaged app, then the dmgs. */
function expectTheRealAppTested(steps: Step[], macOnly: boolean) {
  const mac = onMac(steps, macOnly);
  const npmTest = indexOfRun(steps, 'npm test');
  const testApp = mac.find((s) => s.run === 'npm run test:app');
  expect(testApp, 'npm run test:app runs on macOS').toBeDefined();
  // No separate rebuild: test:app builds better-sqlite3 for Electron beside Node's.
  expect(runs(steps)).not.toContain('install-app-deps');
  const packDir = mac.find((s) => s.run?.includes('electron-builder --mac --dir'));
  expect(packDir, 'an unpacked FluentPro.app is built for the packaged run').toBeDefined();
  expect(packDir!.run).toContain('--arm64');
  expect(packDir!.env?.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
  const packaged = mac.find((s) => s.env?.FLUENTPRO_APP_PATH);
  expect(packaged, 'the _electron tests run against the packaged app').toBeDefined();
  expect(packaged!.run).toMatch(/playwright test test\/e2e\/electron-/);
  expect(packaged!.env!.FLUENTPRO_APP_PATH).toBe('out/mac-arm64/FluentPro.app');
  // Its screenshots beside, not over, the development run's (Playwright empties its output folder).
  expect(packaged!.run).toContain('--output test-results/e2e-packaged');
  const dmg = steps.findIndex((s) => s.run?.includes('electron-builder --mac') && !s.run.includes('--dir'));
  expect(dmg).toBeGreaterThan(-1);
  // In order: Node's suite (before electron-builder rebuilds better-sqlite3 for Electron), the app, the packaged app, the dmgs.
  expect(npmTest).toBeGreaterThan(-1);
  expect(npmTest).toBeLessThan(steps.indexOf(testApp!));
  expect(steps.indexOf(testApp!)).toBeLessThan(steps.indexOf(packDir!));
  expect(steps.indexOf(packDir!)).toBeLessThan(steps.indexOf(packaged!));
  expect(steps.indexOf(packaged!)).toBeLessThan(dmg);
  // The screenshots (test-results/, both runs) and the dmgs are uploaded, whatever happened.
  const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  expect(upload?.if).toBe('always()');
  expect(upload?.with?.path).toContain('test-results/');
  expect(upload?.with?.path).toContain('out/*.dmg');
}

describe('the GitHub workflows', () => {
  it('ci runs the same npm test on Linux and macOS for every push, then the real app on macOS', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const job = ci.jobs.test!;
    expect(job.strategy!.matrix.os).toEqual(['ubuntu-latest', 'macos-latest']);
    expect(runs(job.steps)).toMatch(/^npm ci$/m);
    expect(job.steps.find((s) => s.run === 'npm test')?.if).toBeUndefined(); // both systems
    expectTheRealAppTested(job.steps, false);
  });

  it('release builds on a version tag, tests the real app first, and notarizes only with Apple credentials', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    const job = release.jobs.release!;
    expect(job['runs-on']).toBe('macos-latest');
    expectTheRealAppTested(job.steps, true);
    const build = job.steps.find((s) => s.run?.includes('electron-builder --mac') && !s.run.includes('--dir'))!;
    expect(Object.keys(build.env!)).toEqual(expect.arrayContaining(['CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']));
    expect(indexOfRun(job.steps, 'gh release create')).toBeGreaterThan(job.steps.indexOf(build));
  });

  it('pins every action to a released version', () => {
    for (const name of ['ci.yml', 'release.yml']) {
      const uses = Object.values(workflow(name).jobs).flatMap((job) => job.steps.flatMap((s) => s.uses ?? []));
      expect(uses.length).toBeGreaterThan(0);
      // A version tag (v4, v4.2.1) or a full commit sha; never a branch such as @main.
      for (const action of uses) expect(action, `${name}: ${action}`).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    }
  });

  it('npm run test:app builds, builds better-sqlite3 for Electron as npm start does, then runs every _electron test', () => {
    const script = packageJson.scripts['test:app']!;
    const steps = script.split('&&').map((s) => s.trim());
    expect(steps[0]).toBe('npm run build');
    expect(steps).toContain('node build/rebuild-native-for-electron.mjs');
    expect(packageJson.scripts.start).toContain('node build/rebuild-native-for-electron.mjs');
    expect(steps.at(-1)).toBe('playwright test test/e2e/electron-');
  });
});
