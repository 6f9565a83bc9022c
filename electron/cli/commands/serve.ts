import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startAppCore } from '../../core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../core/api/host-services.js';
import { resolveOutDir } from '../../core/config/settings.js';
import { NodeWorkerHost } from '../../core/queue/node-worker-host.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, dataDirFrom } from '../open-queue.js';
import { parseCommandArgs } from '../parse-flags.js';
import { createHttpApi } from '../serve/http-api.js';

const RENDERER_DIR = fileURLToPath(new URL('../../../renderer', import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples', import.meta.url));

/** fluentpro serve: the app's interface in a browser, for this machine only. */
export async function serveCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('serve', args, { ...DATA_DIR_OPTION, port: { type: 'string' }, out: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`, 'serve');
  const port = values.port === undefined ? 4711 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${values.port}"`, 'serve');
  const dataDir = dataDirFrom(values, io);

  const core = startAppCore({
    dataDir,
    host: new NodeWorkerHost(),
    secrets: new MemorySecretStore(io.env.OPENAI_API_KEY || undefined),
    files: NO_FILE_REVEALER,
    defaultOutDir: resolveOutDir(values.out, io.env, io.cwd),
    examplesDir: EXAMPLES_DIR,
  });
  const token = randomBytes(24).toString('base64url');
  let actualPort = port;
  const server = createServer(
    createHttpApi({ service: core.service, token, rendererDir: RENDERER_DIR, allowedHosts: () => [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`] }),
  );
  // Loopback only: the token guards against other users and pages on this machine, not the network.
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  actualPort = (server.address() as AddressInfo).port;
  io.stdout.write(`FluentPro is serving the queue in ${dataDir}\nOpen: http://127.0.0.1:${actualPort}/?token=${token}\n`);

  await new Promise<void>((done) => {
    if (!signal) return;
    if (signal.aborted) done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await core.close();
  return EXIT.ok;
}
