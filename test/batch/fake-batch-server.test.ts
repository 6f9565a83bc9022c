import OpenAI, { toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';

// The batch test server, driven by the real `openai` SDK the app uses: what passes here is what
// the SDK can read from OpenAI's own Files and Batches endpoints.

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeLlmServerOptions = {}): Promise<OpenAI> {
  server = await FakeLlmServer.start(options);
  return new OpenAI({ apiKey: 'test', baseURL: server.baseURL, maxRetries: 0 });
}

const SCHEMA = { type: 'object', properties: { title: { type: 'string' }, words: { type: 'array', items: { type: 'string' }, minItems: 2 } } };

function body(lesson: number, model = 'gpt-4o-mini') {
  return {
    model,
    messages: [{ role: 'user' as const, content: `Write lesson ${lesson} of "Batch Course".` }],
    response_format: { type: 'json_schema' as const, json_schema: { name: 'lesson', schema: SCHEMA, strict: true } },
    max_completion_tokens: 4000,
  };
}

function jsonl(lines: unknown[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function requestLine(customId: string, requestBody: unknown, url = '/v1/chat/completions') {
  return { custom_id: customId, method: 'POST', url, body: requestBody };
}

async function submit(client: OpenAI, text: string) {
  const file = await client.files.create({ file: await toFile(Buffer.from(text), 'input.jsonl'), purpose: 'batch' });
  return client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
}

/** Polls until `until`; `seen` lists the states passed through, from the batch as created. */
async function settle(client: OpenAI, created: OpenAI.Batch, until: (status: string) => boolean = (s) => ['completed', 'failed', 'expired', 'cancelled'].includes(s)) {
  const id = created.id;
  const seen: string[] = [created.status];
  for (let i = 0; i < 500; i++) {
    const batch = await client.batches.retrieve(id);
    if (seen.at(-1) !== batch.status) seen.push(batch.status);
    if (until(batch.status)) return { batch, seen };
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`batch ${id} did not settle: ${seen.join(' → ')}`);
}

async function lines(client: OpenAI, fileId: string | null | undefined) {
  if (!fileId) return [];
  const text = await (await client.files.content(fileId)).text();
  return text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; custom_id: string; response: { status_code: number; request_id: string; body: any } | null; error: { code: string; message: string } | null });
}

describe('fake batch server, through the openai SDK', () => {
  it('uploads a batch file, runs it validating → in_progress → finalizing → completed, and serves the output file', async () => {
    const client = await start({ batch: { lineMs: 80, validatingMs: 20, finalizingMs: 30 } });
    const file = await client.files.create({ file: await toFile(Buffer.from(jsonl([1, 2, 3].map((n) => requestLine(`job1|lesson:${n}`, body(n))))), 'input.jsonl'), purpose: 'batch' });
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'input.jsonl', status: 'processed' });
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { fluentpro: 'b1' } });
    expect(created).toMatchObject({ object: 'batch', status: 'validating', input_file_id: file.id, completion_window: '24h', metadata: { fluentpro: 'b1' } });
    expect(created.expires_at! - created.created_at).toBe(24 * 3600);

    const { batch, seen } = await settle(client, created);
    expect(seen).toEqual(['validating', 'in_progress', 'finalizing', 'completed']);
    expect(batch.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(batch.error_file_id).toBeNull();
    expect(batch.completed_at).toBeGreaterThanOrEqual(batch.created_at);
    const output = await lines(client, batch.output_file_id);
    expect(output.map((l) => l.custom_id).sort()).toEqual(['job1|lesson:1', 'job1|lesson:2', 'job1|lesson:3']);
    expect(output.map((l) => l.custom_id)).not.toEqual(['job1|lesson:1', 'job1|lesson:2', 'job1|lesson:3']);
    for (const line of output) {
      expect(line).toMatchObject({ id: expect.stringMatching(/^batch_req_/), response: { status_code: 200, request_id: expect.stringMatching(/^req_/) }, error: null });
      expect(line.response!.body.object).toBe('chat.completion');
    }

    // The same answer body a live request gets.
    const live = await client.chat.completions.create(body(2));
    const fromBatch = output.find((l) => l.custom_id === 'job1|lesson:2')!.response!.body;
    expect(fromBatch.choices[0].message.content).toBe(live.choices[0]!.message.content);
    expect(server!.requests.filter((r) => r.key === 'lesson 2|Batch Course')).toHaveLength(2);
  });

  it('puts lines the model refused (a 500, a 400) in the error file with their response, and counts them failed', async () => {
    const client = await start({ fault: (r) => (r.key === 'lesson 2|Batch Course' ? { kind: 'server-error' } : r.key === 'lesson 3|Batch Course' ? { kind: 'truncated' } : undefined) });
    const created = await submit(client, jsonl([1, 2, 3].map((n) => requestLine(`j|lesson:${n}`, body(n)))));
    const { batch } = await settle(client, created);
    expect(batch.status).toBe('completed');
    expect(batch.request_counts).toEqual({ total: 3, completed: 1, failed: 2 });
    const errors = await lines(client, batch.error_file_id);
    expect(errors.map((e) => [e.custom_id, e.response?.status_code]).sort()).toEqual([['j|lesson:2', 500], ['j|lesson:3', 500]]);
    expect((await lines(client, batch.output_file_id)).map((l) => l.custom_id)).toEqual(['j|lesson:1']);
  });

  it.each([
    ['a line with another model', () => jsonl([requestLine('a', body(1)), requestLine('b', body(2, 'gpt-4o'))]), 'mismatched_model', 2],
    ['a line for another endpoint', () => jsonl([requestLine('a', body(1)), requestLine('b', body(2), '/v1/embeddings')]), 'mismatched_endpoint', 2],
    ['a custom_id used twice', () => jsonl([requestLine('a', body(1)), requestLine('a', body(2))]), 'duplicate_custom_id', 2],
    ['a line that is not JSON', () => `${JSON.stringify(requestLine('a', body(1)))}\n{"custom_id": \n`, 'invalid_json_line', 2],
    ['50,001 requests', () => jsonl(Array.from({ length: 50_001 }, (_, i) => requestLine(`l${i}`, { model: 'm', messages: [] }))), 'too_many_requests', null],
  ])('fails a batch with %s in validation, saying which line', async (_name, text, code, line) => {
    const client = await start();
    const created = await submit(client, text());
    const { batch, seen } = await settle(client, created);
    expect(seen).toEqual(['validating', 'failed']);
    expect(batch.errors?.data?.[0]).toMatchObject({ code, line });
    expect(batch.failed_at).toBeTypeOf('number');
    expect(batch.output_file_id ?? null).toBeNull();
  });

  it('fails an input file over the size limit (the 200 MB limit, made small here)', async () => {
    const client = await start({ batch: { maxBytes: 1000 } });
    const created = await submit(client, jsonl(Array.from({ length: 10 }, (_, i) => requestLine(`l${i}`, body(i + 1)))));
    const { batch } = await settle(client, created);
    expect(batch.status).toBe('failed');
    expect(batch.errors?.data?.[0]?.code).toBe('file_too_large');
  });

  it('expires a batch whose window passes: the finished lines in the output file, the rest batch_expired in the error file', async () => {
    const client = await start({ batch: { completionWindowMs: 200, lineMs: 25, lineConcurrency: 1 } });
    const created = await submit(client, jsonl(Array.from({ length: 20 }, (_, i) => requestLine(`l${i + 1}`, body(i + 1)))));
    const { batch } = await settle(client, created);
    expect(batch.status).toBe('expired');
    expect(batch.expired_at).toBeTypeOf('number');
    const output = await lines(client, batch.output_file_id);
    const errors = await lines(client, batch.error_file_id);
    expect(output.length).toBeGreaterThan(0);
    expect(output.length).toBeLessThan(20);
    expect(batch.request_counts).toMatchObject({ total: 20, completed: output.length });
    expect(errors).toHaveLength(20 - output.length);
    expect(errors[0]).toMatchObject({ response: null, error: { code: 'batch_expired' } });
    expect(new Set([...output, ...errors].map((l) => l.custom_id)).size).toBe(20);
  });

  it('cancels: cancelling, then cancelled with what finished; a finished batch cannot be cancelled (409)', async () => {
    const client = await start({ batch: { lineMs: 30, lineConcurrency: 1, finalizingMs: 20 } });
    const created = await submit(client, jsonl(Array.from({ length: 20 }, (_, i) => requestLine(`l${i + 1}`, body(i + 1)))));
    await settle(client, created, (s) => s === 'in_progress');
    await new Promise((r) => setTimeout(r, 80));
    const cancelling = await client.batches.cancel(created.id);
    expect(cancelling.status).toBe('cancelling');
    expect(cancelling.cancelling_at).toBeTypeOf('number');
    const { batch, seen } = await settle(client, created);
    expect(seen.slice(-2)).toEqual(['cancelling', 'cancelled']);
    const output = await lines(client, batch.output_file_id);
    const errors = await lines(client, batch.error_file_id);
    expect(output.length).toBeGreaterThan(0);
    expect(output.length + errors.length).toBe(20);
    expect(errors.every((e) => e.error?.code === 'batch_cancelled')).toBe(true);
    await expect(client.batches.cancel(created.id)).rejects.toMatchObject({ status: 409 });
  });

  it('keeps a slow queue in_progress with nothing answered until it starts', async () => {
    const client = await start({ batch: { queueDelayMs: 150 } });
    const created = await submit(client, jsonl([requestLine('a', body(1))]));
    const { batch } = await settle(client, created, (s) => s === 'in_progress');
    expect(batch.request_counts).toEqual({ total: 1, completed: 0, failed: 0 });
    expect(server!.requests).toHaveLength(0);
    expect((await settle(client, created)).batch.status).toBe('completed');
  });

  it('fails a batch with token_limit_exceeded when the model\'s enqueued tokens are over the limit', async () => {
    const client = await start({ batch: { enqueuedTokenLimit: 25, lineMs: 100, lineConcurrency: 1 } });
    const first = await submit(client, jsonl([requestLine('a', body(1))]));
    await settle(client, first, (s) => s === 'in_progress');
    const second = await submit(client, jsonl([requestLine('b', body(2))]));
    const { batch } = await settle(client, second);
    expect(batch.status).toBe('failed');
    expect(batch.errors?.data?.[0]).toMatchObject({ code: 'token_limit_exceeded', message: expect.stringMatching(/^Enqueued token limit reached for gpt-4o-mini/) });
    expect((await settle(client, first)).batch.status).toBe('completed');
    // Once the first is done, the same file runs.
    expect((await settle(client, await submit(client, jsonl([requestLine('b', body(2))])))).batch.status).toBe('completed');
  });

  it('answers 404 on every batch route when the provider has no Batch API (Ollama, LM Studio)', async () => {
    const client = await start({ batch: { mode: 'absent' } });
    await expect(client.files.create({ file: await toFile(Buffer.from('{}\n'), 'input.jsonl'), purpose: 'batch' })).rejects.toMatchObject({ status: 404 });
    await expect(client.batches.retrieve('batch-1')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect((await client.chat.completions.create(body(1))).choices[0]!.message.content).toContain('title');
  });

  it('lists batches newest first, with their metadata', async () => {
    const client = await start();
    const a = await submit(client, jsonl([requestLine('a', body(1))]));
    const b = await submit(client, jsonl([requestLine('b', body(2))]));
    const page = await client.batches.list({ limit: 10 });
    expect(page.data.map((x) => x.id)).toEqual([b.id, a.id]);
  });
});
