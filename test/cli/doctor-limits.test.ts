import { afterEach, describe, expect, it } from 'vitest';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { ProviderLimits } from '../support/provider-limits.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

// doctor tells what limits the provider reports (read from one one-token request), and that a
// server on this machine starts one request at a time.

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const doctor = (baseURL: string, extra: string[] = []) =>
  runCli(['doctor', '--provider', 'openai', '--model', 'test-model', '--base-url', baseURL, ...extra], { cwd: tempDir(), env: { OPENAI_API_KEY: 'sk-test-not-real' } });

describe('fluentpro doctor and the provider limits', () => {
  it('prints the limits the provider reports in its headers', async () => {
    server = await FakeLlmServer.start({ limits: new ProviderLimits({ rpm: 500, tpm: 200_000 }) });
    const { code, stdout } = await doctor(server.baseURL);
    expect(code).toBe(0);
    expect(stdout).toContain('ok   provider limits: 500 requests and 200,000 tokens a minute (from its x-ratelimit headers); FluentPro paces to them');
    expect(server.requests.filter((r) => r.key.startsWith('other'))).toHaveLength(1); // one probe, nothing more
  });

  it('says when the provider reports none, and what --rpm/--tpm set', async () => {
    server = await FakeLlmServer.start({});
    expect((await doctor(server.baseURL)).stdout).toContain('ok   provider limits: none reported (no x-ratelimit headers); if it has limits, set them with --rpm/--tpm');
    const byHand = await doctor(server.baseURL, ['--rpm', '60']);
    expect(byHand.stdout).toContain('limits set by hand  60 requests a minute');
    expect(byHand.stdout).toContain('none reported (no x-ratelimit headers); FluentPro paces to 60 requests a minute set by hand');
  });

  it('names a server on this machine and starts it at one request at a time', async () => {
    server = await FakeLlmServer.start({});
    const { stdout } = await doctor(server.baseURL.replace('127.0.0.1', 'localhost'));
    expect(stdout).toContain('server              a local server on this machine: requests start one at a time and grow while answers come back');
  });

  it('fails the check with the reason when the account has no credit', async () => {
    server = await FakeLlmServer.start({ limits: new ProviderLimits({ insufficientQuotaAfter: 0 }) });
    const { code, stdout } = await doctor(server.baseURL, ['--offline']);
    expect(stdout).not.toContain('provider limits'); // --offline asks nothing
    expect(code).toBe(0);
    const online = await doctor(server.baseURL);
    expect(online.code).toBe(1);
    expect(online.stdout).toMatch(/FAIL provider limits: .*credit/);
  });
});
