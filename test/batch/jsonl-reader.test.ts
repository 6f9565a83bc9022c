import { describe, expect, it } from 'vitest';
import { readBatchResults } from '../../electron/core/batch/jsonl-reader.js';

// Output and error lines as the Batch API writes them (OpenAPI spec, BatchRequestOutput).
function answered(customId: string, content: string | null, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: `batch_req_${customId}`,
    custom_id: customId,
    response: {
      status_code: 200,
      request_id: 'req_1',
      body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: 'stop' }], usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 } },
    },
    error: null,
  });
}

function refused(customId: string, status: number, message: string) {
  return JSON.stringify({ id: 'batch_req_x', custom_id: customId, response: { status_code: status, request_id: 'req_2', body: { error: { message, type: 'invalid_request_error' } } }, error: null });
}

function neverRan(customId: string, code: string) {
  return JSON.stringify({ id: 'batch_req_y', custom_id: customId, response: null, error: { code, message: `${code} happened` } });
}

describe('readBatchResults', () => {
  it('matches answers to their requests by custom_id, whatever the order of the file', () => {
    const results = readBatchResults({ output: [answered('j/lesson:2', '{"b":2}'), answered('j/lesson:1', '{"a":1}')].join('\n') + '\n' }, ['j/lesson:1', 'j/lesson:2']);
    expect(results.outcomes.get('j/lesson:1')).toEqual({ customId: 'j/lesson:1', kind: 'answer', answer: { text: '{"a":1}', promptTokens: 11, completionTokens: 7, finishReason: 'stop' } });
    expect(results.outcomes.get('j/lesson:2')).toMatchObject({ kind: 'answer', answer: { text: '{"b":2}' } });
    expect(results.missing).toEqual([]);
  });

  it('reads the error file: a line that never ran can be asked again, a refused request cannot, a 500 can', () => {
    const errors = [neverRan('j/a', 'batch_expired'), neverRan('j/b', 'batch_cancelled'), refused('j/c', 400, 'Invalid schema'), refused('j/d', 500, 'The server had an error')].join('\n');
    const { outcomes } = readBatchResults({ errors }, ['j/a', 'j/b', 'j/c', 'j/d']);
    expect(outcomes.get('j/a')).toMatchObject({ kind: 'failed', code: 'batch_expired', retryable: true });
    expect(outcomes.get('j/b')).toMatchObject({ kind: 'failed', code: 'batch_cancelled', retryable: true });
    expect(outcomes.get('j/c')).toMatchObject({ kind: 'failed', status: 400, message: '400 Invalid schema', retryable: false });
    expect(outcomes.get('j/d')).toMatchObject({ kind: 'failed', status: 500, retryable: true });
  });

  it('reads an answer as the live path does: a refusal is refused, a missing message can be asked again', () => {
    const output = [answered('j/a', null, { refusal: 'I cannot help with that' }), answered('j/b', null)].join('\n');
    const { outcomes } = readBatchResults({ output }, ['j/a', 'j/b']);
    expect(outcomes.get('j/a')).toMatchObject({ kind: 'failed', message: 'the model refused: I cannot help with that', retryable: false });
    expect(outcomes.get('j/b')).toMatchObject({ kind: 'failed', message: 'the server answered without any message content', retryable: true });
  });

  it('lists submitted lines in neither file as missing, and ignores unreadable lines and strangers', () => {
    const results = readBatchResults({ output: `${answered('j/a', '{}')}\nnot json\n${answered('other/x', '{}')}\n` }, ['j/a', 'j/b', 'j/c']);
    expect(results.missing).toEqual(['j/b', 'j/c']);
    expect(results.ignored).toBe(2);
  });

  it('keeps the answer of a line that is in both files', () => {
    const results = readBatchResults({ output: answered('j/a', '{}'), errors: neverRan('j/a', 'batch_expired') }, ['j/a']);
    expect(results.outcomes.get('j/a')?.kind).toBe('answer');
  });
});
