import { useEffect, useState, type FormEvent } from 'react';
import type { AppSettings, SettingsPatch } from '../../../../../electron/shared/api.js';
import { useApi } from '../../../lib/api-context.js';

/** Provider, key, concurrency and output folder; saved and applied without a restart. */
export function SettingsPanel({ onClose, onSaved }: { onClose: () => void; onSaved?: (settings: AppSettings) => void }) {
  const api = useApi();
  const [settings, setSettings] = useState<AppSettings>();
  const [draft, setDraft] = useState<SettingsPatch>({});
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api.getSettings().then(setSettings, (e: Error) => setError(e.message));
  }, [api]);
  if (!settings) return <div className="settings" role="dialog" aria-label="Settings">{error ?? 'Loading…'}</div>;

  const value = <K extends keyof SettingsPatch>(key: K) => (draft[key] ?? settings[key as keyof AppSettings]) as NonNullable<SettingsPatch[K]>;
  const set = (patch: SettingsPatch) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      const next = await api.setSettings({ ...draft, ...(apiKey ? { apiKey } : {}) });
      setSettings(next);
      setDraft({});
      setApiKey('');
      setSaved(true);
      onSaved?.(next);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function removeKey() {
    setSettings(await api.setSettings({ apiKey: null }));
  }

  const openai = value('provider') === 'openai';
  const storage = { keychain: 'in the macOS Keychain', memory: 'in memory until FluentPro quits', environment: 'from OPENAI_API_KEY' }[settings.apiKeyStorage];
  return (
    <div className="settings" role="dialog" aria-label="Settings">
      <form onSubmit={save}>
        <fieldset>
          <legend>Provider</legend>
          <label>
            <input type="radio" name="provider" checked={openai} onChange={() => set({ provider: 'openai' })} /> OpenAI-compatible
          </label>
          <label>
            <input type="radio" name="provider" checked={!openai} onChange={() => set({ provider: 'demo' })} /> Demo (offline sample content)
          </label>
        </fieldset>
        {openai && (
          <>
            <label>
              Base URL
              <input type="url" placeholder="https://api.openai.com/v1" value={value('baseURL')} onChange={(e) => set({ baseURL: e.target.value })} />
            </label>
            <label>
              Model
              <input type="text" value={value('model')} onChange={(e) => set({ model: e.target.value })} />
            </label>
            <label>
              API key
              <input type="password" autoComplete="off" placeholder={settings.hasApiKey ? `A key is saved ${storage}` : 'sk-…'} value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
            </label>
            {settings.hasApiKey && settings.apiKeyStorage !== 'environment' && (
              <button type="button" onClick={removeKey}>
                Remove saved key
              </button>
            )}
          </>
        )}
        <label>
          Courses at once
          <input type="number" min={1} max={64} value={value('concurrency')} onChange={(e) => set({ concurrency: e.target.valueAsNumber })} />
        </label>
        <label>
          Lessons at once per course
          <input type="number" min={1} max={64} value={value('lessonConcurrency')} onChange={(e) => set({ lessonConcurrency: e.target.valueAsNumber })} />
        </label>
        <label>
          Requests open at most
          <input type="number" min={1} max={256} value={value('maxInFlightRequests')} onChange={(e) => set({ maxInFlightRequests: e.target.valueAsNumber })} />
        </label>
        <label>
          Output folder
          <input type="text" value={value('outDir')} onChange={(e) => set({ outDir: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={value('notifications')} onChange={(e) => set({ notifications: e.target.checked })} /> Notify me when a course or a scheduled batch finishes or fails
        </label>
        {error && <p role="alert">{error}</p>}
        {saved && <p role="status">Saved. New courses use these settings.</p>}
        <div className="settings-buttons">
          <button type="submit">Save</button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  );
}
