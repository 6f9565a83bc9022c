import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { batchRequest, customIdOf, jsonlLine, parseCustomId, type BatchRequest } from '../../electron/core/batch/batch-line.js';
import { BATCH_FILE_LIMITS, writeBatchFiles } from '../../electron/core/batch/jsonl-writer.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import type { LlmProvider, LlmRequest } from '../../electron/core/providers/provider.js';
import { generateCourse } from '../../electron/core/workflow/generate-course.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import { specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';

let server: FakeLlmServer | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  await server?.close();
  server = undefined;
});

function request(customId: string, model = 'gpt-4o-mini', padding = ''): BatchRequest {
  return { customId, body: { model, messages: [{ role: 'user', content: `hello${padding}` }] } };
}

describe('batch lines', () => {
  it('is, for every step of a course, exactly the body the live path sends (same schema, same max_completion_tokens)', async () => {
    server = await FakeLlmServer.start();
    // What went over the wire on the live path, through a recording proxy in front of the test server.
    const wire: unknown[] = [];
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        wire.push(JSON.parse(text));
        const answer = await fetch(`${server!.baseURL}${req.url!.replace(/^\/v1/, '')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    close = () => proxy.close();
    const live = new OpenAiProvider({ apiKey: 'k', baseURL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`, model: 'test-model' });
    const asked: LlmRequest[] = [];
    const recording: LlmProvider = { name: 'openai', demo: false, model: live.model, complete: (r) => (asked.push(r), live.complete(r)) };
    await generateCourse(specOf({ title: 'Same Body', lessons: 3 }).spec, { provider: recording, permits: new Admission({ maxInFlight: 1 }), retry: DEFAULT_RETRY_POLICY, priority: 0 });

    expect(asked.map((r) => r.task.kind)).toEqual(expect.arrayContaining(['outline-part', 'lesson']));
    expect(wire).toHaveLength(asked.length);
    asked.forEach((r, i) => {
      const line = batchRequest('k3m9x2ab', `step:${i}`, 'test-model', r);
      expect(line.body).toEqual(wire[i]);
      expect(JSON.parse(jsonlLine(line))).toEqual({ custom_id: `k3m9x2ab/step:${i}`, method: 'POST', url: '/v1/chat/completions', body: wire[i] });
    });
  });

  it('names the job and the step in custom_id, and reads them back', () => {
    expect(customIdOf('k3m9x2ab', 'lesson:7')).toBe('k3m9x2ab/lesson:7');
    expect(parseCustomId('k3m9x2ab/outline-part:13')).toEqual({ jobId: 'k3m9x2ab', step: 'outline-part:13' });
    expect(parseCustomId('k3m9x2ab/lesson:7/quiz')).toEqual({ jobId: 'k3m9x2ab', step: 'lesson:7/quiz' });
    expect(parseCustomId('nojob')).toBeUndefined();
    expect(() => customIdOf('a/b', 'lesson:1')).toThrow('Expected `jobId` to be a non-empty string without "/", got `a/b`');
    expect(() => customIdOf('abc', '')).toThrow('Expected `step` to be a non-empty string');
  });
});

describe('writeBatchFiles', () => {
  it('splits a round of 50,001 requests into a file of 50,000 and a file of 1', () => {
    const files = writeBatchFiles(Array.from({ length: 50_001 }, (_, i) => request(`j/lesson:${i}`)));
    expect(files.map((f) => f.customIds.length)).toEqual([50_000, 1]);
    expect(files[0]!.text.split('\n')).toHaveLength(50_001); // 50,000 lines, each ending in a newline
    expect(files[1]!.customIds).toEqual(['j/lesson:50000']);
    expect(BATCH_FILE_LIMITS).toEqual({ maxLines: 50_000, maxBytes: 200 * 1024 * 1024 });
  });

  it('splits by bytes, never past the limit, counting every byte of UTF-8 and the newlines', () => {
    const requests = Array.from({ length: 10 }, (_, i) => request(`j/s:${i}`, 'gpt-4o-mini', 'ü'.repeat(100)));
    const lineBytes = Buffer.byteLength(`${jsonlLine(requests[0]!)}\n`);
    const files = writeBatchFiles(requests, { maxBytes: lineBytes * 3 });
    expect(files.map((f) => f.customIds.length)).toEqual([3, 3, 3, 1]);
    for (const f of files) {
      expect(f.bytes).toBe(Buffer.byteLength(f.text));
      expect(f.bytes).toBeLessThanOrEqual(lineBytes * 3);
    }
    expect(files.flatMap((f) => f.customIds)).toEqual(requests.map((r) => r.customId));
  });

  it('puts one model in a file', () => {
    const files = writeBatchFiles([request('a/1', 'm1'), request('b/1', 'm2'), request('a/2', 'm1')]);
    expect(files.map((f) => [f.model, f.customIds])).toEqual([['m1', ['a/1', 'a/2']], ['m2', ['b/1']]]);
  });

  it('refuses a custom_id twice, and a request larger than a file', () => {
    expect(() => writeBatchFiles([request('a/1'), request('a/1')])).toThrow('the custom_id a/1 is in the round twice');
    expect(() => writeBatchFiles([request('a/1')], { maxBytes: 10 })).toThrow(/alone is \d+ bytes, over the 10-byte limit/);
    expect(() => writeBatchFiles([], { maxLines: 0 })).toThrow('Expected `maxLines` to be an integer from 1 and up, got `0`');
  });
});
