import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The GitHub workflows are the only place the real app runs (macOS runners): these tests keep
// them doing what README.md says they do.

const workflow = (name: string) => parse(readFileSync(join(import.meta.dirname, '..', '..', '.github', 'workflows', name), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; strategy?: { matrix: { os: string[] } }; steps: { run?: string; if?: string; env?: Record<string, string> }[] }>;
};
const runs = (steps: { run?: string; if?: string }[], os?: 'macOS') => steps.filter((s) => s.run && (!os || s.if?.includes(os) || !s.if)).map((s) => s.run!).join('\n');

describe('the GitHub workflows', () => {
  it('ci runs the same npm test on Linux and macOS for every push, then the real app on macOS', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const job = ci.jobs.test!;
    expect(job.strategy!.matrix.os).toEqual(['ubuntu-latest', 'macos-latest']);
    expect(runs(job.steps)).toMatch(/^npm ci$/m);
    expect(runs(job.steps)).toMatch(/^npm test$/m);
    const mac = job.steps.filter((s) => s.if === "runner.os == 'macOS'").map((s) => s.run ?? '').join('\n');
    expect(mac).toContain('electron-builder install-app-deps');
    expect(mac).toContain('playwright test test/e2e/electron-app.spec.ts');
    expect(mac).toContain('electron-builder --mac');
  });

  it('release builds on a version tag, tests first, and notarizes only with Apple credentials', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    const job = release.jobs.release!;
    expect(job['runs-on']).toBe('macos-latest');
    const steps = runs(job.steps);
    expect(steps.indexOf('npm test')).toBeLessThan(steps.indexOf('electron-builder --mac'));
    const build = job.steps.find((s) => s.run?.includes('electron-builder --mac'))!;
    expect(Object.keys(build.env!)).toEqual(expect.arrayContaining(['CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']));
  });
});
