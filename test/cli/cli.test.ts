import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SETTINGS_OPTIONS } from '../../electron/cli/parse-flags.js';
import type { JobEvent } from '../../electron/shared/job-events.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const examples = join(import.meta.dirname, '..', '..', 'examples');
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function withExamples(): string {
  const dir = tempDir();
  cpSync(examples, join(dir, 'examples'), { recursive: true });
  return dir;
}

const goodSpec = 'title: Tiny Course\nlanguage: Italian\nlevel: A1\nlessons: 2\n';

describe('fluentpro --help', () => {
  it('documents every flag of generate and doctor', async () => {
    const generate = await runCli(['generate', '--help'], { cwd: tempDir() });
    const doctor = await runCli(['doctor', '--help'], { cwd: tempDir() });
    expect(generate.code).toBe(0);
    for (const flag of [...Object.keys(SETTINGS_OPTIONS), 'json', 'help']) expect(generate.stdout).toContain(`--${flag}`);
    for (const flag of [...Object.keys(SETTINGS_OPTIONS), 'offline']) expect(doctor.stdout).toContain(`--${flag}`);
  });

  it('lists the commands, and exits 2 for an unknown one', async () => {
    expect((await runCli(['--help'], { cwd: tempDir() })).stdout).toMatch(/generate <spec\.\.\.>[\s\S]*validate <spec\.\.\.>[\s\S]*doctor/);
    const unknown = await runCli(['genrate'], { cwd: tempDir() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "genrate"');
  });
});

describe('fluentpro validate', () => {
  it('passes every shipped example', async () => {
    const cwd = withExamples();
    const files = readdirSync(join(cwd, 'examples')).filter((f) => f.includes('.course.')).map((f) => join('examples', f)); // COURSE-SPEC.md is their reference
    expect(files.length).toBeGreaterThanOrEqual(3);
    const run = await runCli(['validate', ...files], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`all ${files.length} specs are valid`);
  });

  it('prints each problem with file, line and fix, and exits 2', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad.course.yaml'), 'title: X\nlanguage: es\nlevel: A1\nlesons: 3\n');
    writeFileSync(join(cwd, 'good.course.yaml'), goodSpec);
    const run = await runCli(['validate', 'bad.course.yaml', 'good.course.yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('bad.course.yaml:4:1: lesons: unknown field "lesons" — did you mean "lessons"?');
    expect(run.stdout).toContain('good.course.yaml: ok');
    expect(run.stdout).toContain('1 of 2 specs have problems');
  });
});

describe('fluentpro generate', () => {
  it('runs with the demo provider when no key is set, says so, and writes every course', async () => {
    const cwd = withExamples();
    const run = await runCli(['generate', 'examples/spanish-travel.course.yaml', 'examples/japanese-kana.course.yml', '--demo-delay', '5', '--out', 'out'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('No API key found (OPENAI_API_KEY): using the offline demo provider');
    expect(run.stderr).toContain(`2 of 2 courses written to ${join(cwd, 'out')}`);
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['japanese-from-zero-kana-and-first-phrases', 'spanish-for-travellers']);
    const course = JSON.parse(readFileSync(join(cwd, 'out', 'spanish-for-travellers', 'course.json'), 'utf8'));
    expect(course.generator.demo).toBe(true);
    expect(course.lessons).toHaveLength(10);
    expect(run.stdout).toMatch(/\[[0-9a-z]{8}\] Spanish for Travellers: finished → .*spanish-for-travellers/);
  });

  it('prints one JSON object per event with --json', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.course.yaml'), goodSpec);
    const run = await runCli(['generate', 'a.course.yaml', '--json', '--demo-delay', '0'], { cwd });
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as JobEvent);
    expect(events.map((e) => e.type)).toEqual(['job-queued', 'job-started', 'outline-done', 'lesson-done', 'lesson-done', 'job-succeeded']);
    expect(existsSync((events.at(-1) as { outputPath: string }).outputPath)).toBe(true);
  });

  it('generates nothing and exits 2 when any spec is invalid', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'good.course.yaml'), goodSpec);
    writeFileSync(join(cwd, 'bad.course.json'), '{"title": "Broken"');
    const run = await runCli(['generate', 'good.course.yaml', 'bad.course.json', '--out', 'out'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.course\.json:1:\d+: is not valid JSON/);
    expect(run.stderr).toContain('1 spec file has problems; nothing was generated.');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('exits 1 when a course fails against a real server, writing the others', async () => {
    server = await FakeLlmServer.start({ fault: ({ key }) => (key.startsWith('lesson 1|Never') ? { kind: 'wrong-shape' } : undefined) });
    const cwd = tempDir();
    writeFileSync(join(cwd, 'never.course.yaml'), goodSpec.replace('Tiny Course', 'Never'));
    writeFileSync(join(cwd, 'fine.course.yaml'), goodSpec);
    const run = await runCli(['generate', 'never.course.yaml', 'fine.course.yaml', '--provider', 'openai', '--base-url', server.baseURL, '--model', 'test-model', '--out', 'out'], {
      cwd,
      env: { OPENAI_API_KEY: 'sk-test-secret-value' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 of 2 courses written');
    expect(run.stderr).toMatch(/failed: never\.course\.yaml \(job [0-9a-z]{8}\): 1 of 2 lessons failed: lesson 1/);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['tiny-course']);
    expect(run.stdout + run.stderr).not.toContain('sk-test-secret-value');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 64, got "0"'],
    [['--provider', 'anthropic'], '--provider must be one of openai, demo, got "anthropic"'],
    [['--base-url', 'localhost:1234'], '--base-url must start with http:// or https://, got "localhost:1234"'],
    [[], 'name at least one spec file'],
  ])('refuses %j with exit 2 and says why', async (args, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.course.yaml'), goodSpec);
    const run = await runCli(['generate', ...(args.length ? ['a.course.yaml'] : []), ...args], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('See: fluentpro generate --help');
  });

});

describe('fluentpro doctor', () => {
  it('prints the configuration without the key and checks the server', async () => {
    server = await FakeLlmServer.start();
    const run = await runCli(['doctor', '--out', 'courses'], {
      cwd: tempDir(),
      env: { OPENAI_API_KEY: 'sk-test-secret-value', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'test-model' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/provider\s+openai/);
    expect(run.stdout).toMatch(/API key\s+set \(OPENAI_API_KEY\)/);
    expect(run.stdout).toContain(`base URL            ${server.baseURL}`);
    expect(run.stdout).toContain('ok   server: answers; model test-model is available');
    expect(run.stdout).toContain('Everything looks right.');
    expect(run.stdout + run.stderr).not.toContain('sk-test-secret-value');
  });

  it('never prints credentials written into the base URL', async () => {
    const run = await runCli(['doctor', '--offline'], { cwd: tempDir(), env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://user:pw@llm.example/v1?token=abc' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('base URL            https://llm.example/v1');
    for (const secret of ['pw@', 'token=abc']) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('fails with a reason when the server is unreachable or lacks the model', async () => {
    server = await FakeLlmServer.start({ models: ['other-model'] });
    const missing = await runCli(['doctor'], { cwd: tempDir(), env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'gpt-9' } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('FAIL server: answers, but has no model "gpt-9" (it has: other-model): set --model');
    const down = await runCli(['doctor'], { cwd: tempDir(), env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/FAIL server: cannot reach the server/);
  });

  it('passes offline with the demo provider', async () => {
    const run = await runCli(['doctor'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/provider\s+demo/);
    expect(run.stdout).toContain('note: No API key found');
  });
});
