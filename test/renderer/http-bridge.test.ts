// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../renderer/src/lib/http-bridge.js';

class FakeEventSource extends EventTarget {
  static last: FakeEventSource | undefined;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  send(type: string, data?: unknown) {
    this.dispatchEvent(Object.assign(new Event(type), { data: JSON.stringify(data) }));
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('the browser transport', () => {
  it('calls POST /api/<method> with the token and returns the result, or throws the error with its code', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      const args = JSON.parse(String(init.body)) as unknown[];
      if (args[0] === 'missing') return new Response(JSON.stringify({ error: { name: 'ServiceError', message: 'no job missing', code: 'JOB_NOT_FOUND' } }), { status: 404 });
      return new Response(JSON.stringify({ result: { id: args[0] } }));
    });
    vi.stubGlobal('fetch', fetchMock);
    const bridge = createHttpBridge('', 'tok');
    expect(await bridge.getJob('abcd1234')).toEqual({ id: 'abcd1234' });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/getJob');
    expect((fetchMock.mock.calls[0]![1].headers as Record<string, string>).authorization).toBe('Bearer tok');
    await expect(bridge.getJob('missing')).rejects.toMatchObject({ message: 'no job missing', code: 'JOB_NOT_FOUND' });
  });

  it('leaves out optional arguments that were not given, instead of sending null (which the API refuses)', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ result: null })));
    vi.stubGlobal('fetch', fetchMock);
    const bridge = createHttpBridge('', 'tok');
    await bridge.exportCourse('abcd1234', 'html', undefined); // as the viewer calls it without a page size
    await bridge.exportCourse('abcd1234', 'pdf', { pageSize: 'Letter' });
    const bodies = fetchMock.mock.calls.map((call) => JSON.parse(String((call as unknown as [string, RequestInit])[1].body)) as unknown[]);
    expect(bodies).toEqual([['abcd1234', 'html'], ['abcd1234', 'pdf', { pageSize: 'Letter' }]]);
  });

  it('delivers events, and after a reconnect sends the whole list again so nothing missed stays stale', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ result: [{ id: 'all' }] }))));
    const bridge = createHttpBridge('', 'tok');
    const changes: unknown[] = [];
    bridge.on('jobsChanged', (jobs) => changes.push(jobs));
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events?token=tok');
    source.send('open');
    source.send('jobsChanged', [{ id: 'one' }]);
    source.send('open'); // reconnected
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual([[{ id: 'one' }], [{ id: 'all' }]]);
  });
});
