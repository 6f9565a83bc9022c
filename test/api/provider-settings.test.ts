import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
let core: AppCore | undefined;
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await core?.close();
  await server?.close();
  core = undefined;
  server = undefined;
});

const start = () => (core = startAppCore({ dataDir: join(tempDir(), 'data'), host: nodeHost(), secrets: new MemorySecretStore(undefined), files: NO_FILE_REVEALER, defaultOutDir: join(tempDir(), 'out'), examplesDir: tempDir(), schedules: false }));

describe('provider settings in the service', () => {
  it('lists a server’s models for Settings, sorted, and says when the server cannot be reached', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5', 'llama3.2'] });
    const { service } = start();
    expect(await service.listModels(server.baseURL)).toEqual({ models: ['llama3.2', 'qwen2.5'] });
    await expect(service.listModels('http://127.0.0.1:9/v1')).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE', message: expect.stringMatching(/^could not list the server's models: cannot reach the server/) });
  });

  it('paces every job to limits set by hand, and clears them', async () => {
    const { service, orchestrator } = start();
    expect(await service.setSettings({ rpm: 60, tpm: 90_000 })).toMatchObject({ rpm: 60, tpm: 90_000 });
    expect(orchestrator.gate.limits).toEqual({ rpm: 60, tpm: 90_000 });
    expect(await service.setSettings({ rpm: null })).toMatchObject({ rpm: null, tpm: 90_000 });
    expect(orchestrator.gate.limits).toEqual({ rpm: undefined, tpm: 90_000 });
  });

  it('starts a saved local server at one request at a time', async () => {
    const first = start();
    await first.service.setSettings({ provider: 'openai', baseURL: 'http://localhost:11434/v1' });
    await first.close();
    const { orchestrator } = start();
    expect(orchestrator.gate.limit).toBe(1);
  });
});
