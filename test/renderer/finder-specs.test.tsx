// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

describe('specs opened from Finder or the Dock', () => {
  it('show the ones not added in the same panel as a drop, and list the ones added', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    await screen.findByTestId('drop-zone');
    const added = fakeJob({ title: 'From Finder' });
    act(() =>
      bridge.emit('specsAdded', [
        { name: '/Users/ana/good.course.yaml', ok: true, job: added, reused: false },
        { name: '/Users/ana/bad.course.yaml', ok: false, problems: [{ path: 'level', message: 'must be one of A1, A2, B1, B2, C1, C2', line: 3 }] },
      ]),
    );
    const alert = await screen.findByRole('alert', { name: 'Files not added' });
    expect(alert.textContent).toContain('1 file was not added');
    expect(within(alert).getByRole('heading', { name: '/Users/ana/bad.course.yaml' })).toBeTruthy();
    expect(alert.textContent).toContain('line 3: level: must be one of A1, A2, B1, B2, C1, C2');
    expect(await screen.findByText('From Finder')).toBeTruthy();
  });

  it('leave the panel alone when every spec was added', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    renderApp(bridge);
    await screen.findByTestId('drop-zone');
    act(() => bridge.emit('specsAdded', [{ name: '/Users/ana/ok.course.yaml', ok: true, job: fakeJob({ title: 'Fine' }), reused: false }]));
    expect(screen.queryByRole('alert', { name: 'Files not added' })).toBeNull();
  });
});
