import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
/** GitHub's expression for "is an ad-hoc release allowed": true unless the repository variable says so. */
const REQUIRE_DEVELOPER_ID = "${{ vars.FLUENTPRO_RELEASE_WITHOUT_DEVELOPER_ID == 'true' && 'false' || 'true' }}";

/** What both workflows promise on macOS: Node's suite, the app in development, the packaged app, then the dmgs. */
function expectTheRealAppTested(steps: Step[], macOnly: boolean) {
  const mac = onMac(steps, macOnly);
  const npmTest = indexOfRun(steps, 'npm test');
  const testApp = mac.find((s) => s.run === 'npm run test:app');
  expect(testApp, 'npm run test:app runs on macOS').toBeDefined();
  // No separate rebuild: test:app builds better-sqlite3 for Electron beside Node's.
  expect(runs(steps)).not.toContain('install-app-deps');
  // Electron's ~100 MB binary is downloaded in a step of its own, before anything launches the
  // app: otherwise electron/index.js fetches it inside the first _electron.launch's 60 s timeout.
  const download = mac.find((s) => s.run === 'node node_modules/electron/install.js');
  expect(download, "Electron's binary is downloaded in its own step").toBeDefined();
  expect(steps.indexOf(download!)).toBeGreaterThan(indexOfRun(steps, 'npm ci'));
  expect(steps.indexOf(download!)).toBeLessThan(steps.indexOf(testApp!));
  // Every app is built through build/dist-mac.mjs, which signs ad hoc when there is no Developer ID.
  expect(runs(steps)).not.toMatch(/electron-builder --mac/);
  const packDir = mac.find((s) => s.run?.includes('node build/dist-mac.mjs') && s.run.includes('--dir'));
  expect(packDir, 'an unpacked FluentPro.app is built for the packaged run').toBeDefined();
  expect(packDir!.run).toContain('--arm64');
  expect(packDir!.run).toContain('--ad-hoc'); // signed as a build without a certificate is, never notarized here
  expect(packDir!.env?.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
  const packaged = mac.find((s) => s.env?.FLUENTPRO_APP_PATH);
  expect(packaged, 'the _electron tests run against the packaged app').toBeDefined();
  expect(packaged!.run).toMatch(/playwright test test\/e2e\/electron-/);
  expect(packaged!.env!.FLUENTPRO_APP_PATH).toBe('out/mac-arm64/FluentPro.app');
  // Its screenshots beside, not over, the development run's (Playwright empties its output folder).
  expect(packaged!.run).toContain('--output test-results/e2e-packaged');
  const dmg = steps.findIndex((s) => s.run?.includes('node build/dist-mac.mjs') && !s.run.includes('--dir') && !s.run.includes('--check'));
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
    const build = job.steps.find((s) => s.run === 'node build/dist-mac.mjs --publish never')!;
    expect(Object.keys(build.env!)).toEqual(expect.arrayContaining(['CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']));
    expect(build.env!.FLUENTPRO_REQUIRE_DEVELOPER_ID).toBe(REQUIRE_DEVELOPER_ID);
    expect(indexOfRun(job.steps, 'gh release create')).toBeGreaterThan(job.steps.indexOf(build));
  });

  it('release refuses, before the tests, to publish a build without a Developer ID unless the repository asks', () => {
    const steps = workflow('release.yml').jobs.release!.steps;
    const check = steps.find((s) => s.run === 'node build/dist-mac.mjs --check');
    expect(check, 'a first step checks how the release would be signed').toBeDefined();
    expect(steps.indexOf(check!)).toBeLessThan(indexOfRun(steps, 'npm ci')); // the script needs no install
    expect(check!.env).toEqual({ CSC_LINK: '${{ secrets.CSC_LINK }}', FLUENTPRO_REQUIRE_DEVELOPER_ID: REQUIRE_DEVELOPER_ID });
    // What the step does with what GitHub gives it: an unset secret is '', the expression 'true' or 'false'.
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [join(ROOT, 'build', 'dist-mac.mjs'), '--check'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' }).status;
    expect(run({ CSC_LINK: '', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'true' })).toBe(1); // no certificate, not asked: the release stops
    expect(run({ CSC_LINK: '', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'false' })).toBe(0); // asked: ad hoc
    expect(run({ CSC_LINK: 'base64…', FLUENTPRO_REQUIRE_DEVELOPER_ID: 'true' })).toBe(0);
  });

  it('names the x64 dmg -x64, as README says (electron-builder leaves its default architecture out otherwise)', async () => {
    const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { dmg: Record<string, unknown>; mac: Record<string, unknown> };
    const { PlatformPackager } = (await import('app-builder-lib')) as unknown as { PlatformPackager: { prototype: Record<string, (...args: unknown[]) => string> } };
    const { expandMacro } = (await import('app-builder-lib/out/util/macroExpander.js')) as { expandMacro: (...args: unknown[]) => string };
    const { Arch } = (await import('builder-util')) as unknown as { Arch: Record<string, number> };
    const appInfo = { productName: 'FluentPro', sanitizedProductName: 'FluentPro', version: '1.2.3' };
    // dmg-builder's call (out/dmg.js) through electron-builder's own PlatformPackager methods.
    const packager = {
      config: {},
      platformSpecificBuildOptions: config.mac,
      artifactPatternConfig: PlatformPackager.prototype.artifactPatternConfig,
      computeArtifactName: PlatformPackager.prototype.computeArtifactName,
      expandMacro: (pattern: string, arch: string | null, extra: object) => expandMacro(pattern, arch, appInfo, extra),
    };
    const name = (arch: number) => PlatformPackager.prototype.expandArtifactNamePattern!.call(packager, config.dmg, 'dmg', arch, '${productName}-${version}-${arch}.${ext}', true, undefined);
    expect(name(Arch.arm64!)).toBe('FluentPro-1.2.3-arm64.dmg');
    expect(name(Arch.x64!)).toBe('FluentPro-1.2.3-x64.dmg');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('FluentPro-<version>-arm64.dmg');
    expect(readme).toContain('`-x64.dmg`');
  });

  it('declares every package the build scripts import or run, at an exact version', () => {
    const declared = { ...packageJson.dependencies, ...packageJson.devDependencies };
    const scripts = readdirSync(join(ROOT, 'build')).filter((f) => f.endsWith('.mjs'));
    expect(scripts.length).toBeGreaterThan(0);
    const used = new Set<string>();
    for (const file of scripts) {
      const text = readFileSync(join(ROOT, 'build', file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from\s+|import\(\s*)'([^']+)'/g)) {
        if (specifier!.startsWith('node:') || specifier!.startsWith('.')) continue;
        used.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!);
      }
      // A tool run from node_modules/.bin (dist-mac.mjs runs electron-builder).
      for (const [, bin] of text.matchAll(/'node_modules', '\.bin', '([^']+)'/g)) used.add(bin!);
    }
    expect([...used].sort()).toEqual(expect.arrayContaining(['@electron/rebuild', 'electron-builder', 'playwright-core']));
    for (const name of used) {
      expect(declared[name], `${name} (imported by build/) is in package.json`).toBeDefined();
      expect(declared[name], `${name} is pinned`).toMatch(/^\d+\.\d+\.\d+$/);
    }
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

  it('npm run dist:mac builds through build/dist-mac.mjs, which signs ad hoc without a certificate', () => {
    expect(packageJson.scripts['dist:mac']).toBe('npm run build && node build/dist-mac.mjs');
  });
});
