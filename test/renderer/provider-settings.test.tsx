// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

async function openSettings(bridge: FakeBridge) {
  renderApp(bridge);
  fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
  const dialog = await screen.findByRole('dialog', { name: 'Settings' });
  await within(dialog).findByLabelText('Courses at once'); // the settings have loaded
  return dialog;
}

describe('Settings for the provider', () => {
  it('offers Ollama as a preset, lists the server’s models to pick from, and saves both', async () => {
    const bridge = new FakeBridge();
    const dialog = await openSettings(bridge);
    fireEvent.change(within(dialog).getByLabelText('Server'), { target: { value: 'ollama' } });
    expect((within(dialog).getByLabelText('Base URL') as HTMLInputElement).value).toBe('http://localhost:11434/v1');
    expect(dialog.textContent).toContain('Runs on this Mac: no API key needed');
    fireEvent.click(within(dialog).getByRole('button', { name: 'List the server’s models' }));
    const list = await within(dialog).findByRole('list', { name: 'Models on the server' });
    expect(bridge.calls.find(([n]) => n === 'listModels')![1]).toEqual(['http://localhost:11434/v1']);
    fireEvent.click(within(list).getByRole('button', { name: 'qwen2.5' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByRole('status');
    expect(bridge.calls.find(([n]) => n === 'setSettings')![1]).toEqual([{ baseURL: 'http://localhost:11434/v1', model: 'qwen2.5' }]);
  });

  it('says why the models could not be listed', async () => {
    const bridge = new FakeBridge();
    bridge.models = { error: "could not list the server's models: cannot reach the server: Connection error." };
    const dialog = await openSettings(bridge);
    fireEvent.click(within(dialog).getByRole('button', { name: 'List the server’s models' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe("could not list the server's models: cannot reach the server: Connection error.");
  });

  it('sets and clears the provider limits by hand', async () => {
    const bridge = new FakeBridge();
    bridge.settings = { ...bridge.settings, rpm: 60 };
    const dialog = await openSettings(bridge);
    const rpm = within(dialog).getByLabelText(/^Requests per minute/) as HTMLInputElement;
    expect(rpm.value).toBe('60');
    fireEvent.change(rpm, { target: { value: '' } });
    fireEvent.change(within(dialog).getByLabelText(/^Tokens per minute/), { target: { value: '90000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByRole('status');
    expect(bridge.calls.find(([n]) => n === 'setSettings')![1]).toEqual([{ rpm: null, tpm: 90000 }]);
  });
});

describe('Settings for audio', () => {
  it('shows the speech engine new courses get, and saves another', async () => {
    const bridge = new FakeBridge();
    const dialog = await openSettings(bridge);
    const audio = within(dialog).getByLabelText('Audio') as HTMLSelectElement;
    expect(audio.value).toBe('macos');
    expect([...audio.options].map((o) => o.value)).toEqual(['macos', 'openai', 'espeak-ng', 'none']);
    fireEvent.change(audio, { target: { value: 'none' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByRole('status');
    expect(bridge.calls.find(([n]) => n === 'setSettings')![1]).toEqual([{ speech: 'none' }]);
  });
});

describe('a job waiting for the provider', () => {
  it('says so on its row, with how long and why', async () => {
    const waitingUntil = new Date(Date.now() + 12_000).toISOString();
    renderApp(new FakeBridge([fakeJob({ title: 'Busy', state: 'running', waitingUntil, waitingReason: '429 from the provider' })]));
    const row = await screen.findByRole('article', { name: 'Busy, Running' });
    expect(within(row).getByRole('status').textContent).toMatch(/^Waiting for the rate limit, 1[12] s \(429 from the provider\)$/);
  });
});

describe('Settings for notifications', () => {
  it('says when macOS does not show them, what it said, and where the notices go instead', async () => {
    const bridge = new FakeBridge();
    bridge.settings = { ...bridge.settings, notificationProblem: 'Notifications are not allowed for this application' };
    const dialog = await openSettings(bridge);
    const note = within(dialog).getByRole('note', { name: 'Notifications cannot be shown' });
    expect(note.textContent).toContain('“Notifications are not allowed for this application”');
    expect(note.textContent).toContain('System Settings › Notifications');
  });

  it('says nothing while they show', async () => {
    const dialog = await openSettings(new FakeBridge());
    expect(within(dialog).queryByRole('note', { name: 'Notifications cannot be shown' })).toBeNull();
  });
});
