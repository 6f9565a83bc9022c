import { FakeLlmServer } from './fake-llm-server.js';

// Runs the fake server in a process of its own, as a real provider is: its CPU time does not
// slow the engine under test. Prints its base URL as the first line of stdout.
// Usage: node fake-llm-server-process.js [latencyMs]
const server = await FakeLlmServer.start({ latencyMs: Number(process.argv[2] ?? 0) });
process.stdout.write(server.baseURL + '\n');
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
