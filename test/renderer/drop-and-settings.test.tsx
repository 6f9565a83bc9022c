// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpecFileContent } from '../../electron/shared/api.js';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

function fileList(files: File[]) {
  return { files, types: ['Files'], items: [] };
}

describe('dropping spec files', () => {
  it('lights up while files are dragged over the window', async () => {
    renderApp(new FakeBridge([fakeJob()]));
    const zone = await screen.findByTestId('drop-zone');
    fireEvent.dragEnter(zone, { dataTransfer: fileList([]) });
    expect(screen.getByRole('status').textContent).toBe('Drop course specs to queue them');
    fireEvent.dragLeave(zone, { dataTransfer: fileList([]) });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('queues valid files by content and lists invalid ones by name with their problems', async () => {
    const bridge = new FakeBridge();
    const queued = fakeJob({ title: 'Good' });
    bridge.addResults = (files) =>
      (files as SpecFileContent[]).map((f) =>
        f.name === 'good.course.yaml'
          ? { name: f.name, ok: true, job: queued, reused: false }
          : { name: f.name, ok: false, problems: [{ path: 'lesons', message: 'unknown field "lesons"', hint: 'did you mean "lessons"?', line: 4, column: 1 }] },
      );
    renderApp(bridge);
    const zone = await screen.findByTestId('drop-zone');
    const good = new File(['title: Good\n'], 'good.course.yaml');
    const bad = new File(['lesons: 3\n'], 'bad.course.yaml');
    fireEvent.drop(zone, { dataTransfer: fileList([good, bad]) });
    const alert = await screen.findByRole('alert', { name: 'Files not added' });
    expect(within(alert).getByRole('heading', { name: 'bad.course.yaml' })).toBeTruthy();
    expect(alert.textContent).toContain('line 4: lesons: unknown field "lesons" — did you mean "lessons"?');
    expect(await screen.findByRole('article', { name: 'Good, Queued' })).toBeTruthy();
    expect(bridge.calls.find(([n]) => n === 'addSpecContents')![1]).toEqual([[{ name: 'good.course.yaml', content: 'title: Good\n' }, { name: 'bad.course.yaml', content: 'lesons: 3\n' }]]);
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert', { name: 'Files not added' })).toBeNull();
  });

  it('sends paths, not contents, when the app knows the file’s path (a Finder drop)', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    const file = new File(['x'], 'a.course.yaml');
    bridge.paths.set(file, '/Users/ana/Courses/a.course.yaml');
    renderApp(bridge);
    fireEvent.drop(await screen.findByTestId('drop-zone'), { dataTransfer: fileList([file]) });
    await waitFor(() => expect(bridge.calls.find(([n]) => n === 'addSpecPaths')?.[1]).toEqual([['/Users/ana/Courses/a.course.yaml']]));
  });

  it('refuses a file over 1 MiB without reading it', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    renderApp(bridge);
    const huge = new File([new Uint8Array(2 * 1024 * 1024)], 'video.course.yaml');
    fireEvent.drop(await screen.findByTestId('drop-zone'), { dataTransfer: fileList([huge]) });
    const alert = await screen.findByRole('alert', { name: 'Files not added' });
    expect(alert.textContent).toContain('the file is 2.0 MiB, larger than a spec can be (1 MiB)');
    expect(bridge.calls.map(([n]) => n)).not.toContain('addSpecContents');
  });

  it('adds files through the Add… button too, for keyboard users', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    renderApp(bridge);
    const input = (await screen.findByLabelText('Course spec files')) as HTMLInputElement;
    const file = new File(['title: K\n'], 'k.course.yaml');
    Object.defineProperty(input, 'files', { value: [file] });
    fireEvent.change(input);
    await waitFor(() => expect(bridge.calls.find(([n]) => n === 'addSpecContents')?.[1]).toEqual([[{ name: 'k.course.yaml', content: 'title: K\n' }]]));
  });
});

describe('settings', () => {
  it('saves changed fields and a new key, and never shows the key itself', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    bridge.settings = { ...bridge.settings, hasApiKey: true };
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await within(dialog).findByLabelText('Courses at once'); // the settings have loaded
    const key = within(dialog).getByLabelText('API key') as HTMLInputElement;
    expect(key.value).toBe('');
    expect(key.placeholder).toBe('A key is saved in the macOS Keychain');
    fireEvent.change(within(dialog).getByLabelText('Courses at once'), { target: { value: '2' } });
    fireEvent.change(within(dialog).getByLabelText('Model'), { target: { value: 'gpt-4.1-mini' } });
    fireEvent.change(key, { target: { value: 'sk-new-key' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('status')).toBeTruthy();
    expect(bridge.calls.find(([n]) => n === 'setSettings')![1]).toEqual([{ concurrency: 2, model: 'gpt-4.1-mini', apiKey: 'sk-new-key' }]);
    expect(key.value).toBe('');
  });

  it('keeps out-of-range numbers from being sent at all (the form checks them)', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await within(dialog).findByLabelText('Courses at once'); // the settings have loaded
    fireEvent.change(within(dialog).getByLabelText('Courses at once'), { target: { value: '99' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(bridge.calls.map(([n]) => n)).not.toContain('setSettings');
  });

  it('shows the reason when the API refuses settings', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    bridge.setSettings = async () => {
      throw new Error('setSettings: Invalid URL (argument 0.baseURL)');
    };
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await within(dialog).findByLabelText('Courses at once'); // the settings have loaded
    fireEvent.change(within(dialog).getByLabelText('Base URL'), { target: { value: 'ftp://files.example' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('setSettings: Invalid URL (argument 0.baseURL)');
  });

  it('hides the server fields for the demo provider and says demo mode on the board', async () => {
    const bridge = new FakeBridge([fakeJob()]);
    bridge.settings = { ...bridge.settings, provider: 'demo' };
    renderApp(bridge);
    expect(await screen.findByText(/Demo mode: courses are offline sample content/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    await within(dialog).findByLabelText('Courses at once'); // the settings have loaded
    expect(within(dialog).queryByLabelText('API key')).toBeNull();
    fireEvent.click(within(dialog).getByLabelText(/OpenAI-compatible/));
    expect(within(dialog).getByLabelText('API key')).toBeTruthy();
  });
});
