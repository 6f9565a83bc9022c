import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RequestGate } from '../../electron/core/workflow/request-gate.js';

describe('RequestGate', () => {
  it('never lets more than maxInFlight requests through at once', async () => {
    const gate = new RequestGate({ maxInFlight: 3 });
    let open = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const release = await gate.acquire(i % 4);
        open++;
        peak = Math.max(peak, open);
        await sleep(2);
        open--;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(gate.peakInFlight).toBe(3);
    expect(gate.inFlight).toBe(0);
  });

  it('serves earlier jobs (lower priority numbers) first, then first come', async () => {
    const gate = new RequestGate({ maxInFlight: 1 });
    const hold = await gate.acquire(0);
    const order: string[] = [];
    const wait = (name: string, priority: number) => gate.acquire(priority).then((release) => (order.push(name), release()));
    const all = Promise.all([wait('job3-a', 3), wait('job1-a', 1), wait('job3-b', 3), wait('job1-b', 1)]);
    hold();
    await all;
    expect(order).toEqual(['job1-a', 'job1-b', 'job3-a', 'job3-b']);
  });

  it('holds every new request back during one shared cool-down', async () => {
    const gate = new RequestGate({ maxInFlight: 8 });
    gate.coolDown(120);
    gate.coolDown(50); // a shorter one inside a running cool-down changes nothing
    const started = Date.now();
    await Promise.all([1, 2, 3].map(async () => (await gate.acquire(0))()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(gate.coolDownCount).toBe(1);
  });

  it('drops a waiter whose signal aborts, and frees nothing it never had', async () => {
    const gate = new RequestGate({ maxInFlight: 1 });
    const hold = await gate.acquire(0);
    const controller = new AbortController();
    const waiting = gate.acquire(0, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(gate.pending).toBe(0);
    hold();
    hold(); // releasing twice is harmless
    expect(gate.inFlight).toBe(0);
  });

  it('lets the limit change while running', async () => {
    const gate = new RequestGate({ maxInFlight: 1 });
    const first = await gate.acquire(0);
    let second = false;
    const next = gate.acquire(0).then((release) => ((second = true), release));
    await sleep(5);
    expect(second).toBe(false);
    gate.maxInFlight = 2;
    (await next)();
    expect(second).toBe(true);
    first();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxInFlight %s with a message that names it', (value) => {
    expect(() => new RequestGate({ maxInFlight: value })).toThrow(new TypeError(`Expected \`maxInFlight\` to be a whole number from 1 and up, got \`${value}\` (number)`));
  });
});
