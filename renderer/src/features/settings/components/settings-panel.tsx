import { useEffect, useState, type FormEvent } from 'react';
import type { AppSettings, SettingsPatch } from '../../../../../electron/shared/api.js';
import { PROVIDER_PRESETS } from '../../../../../electron/shared/provider-presets.js';
import { useApi } from '../../../lib/api-context.js';

/** Provider, key, concurrency and output folder; saved and applied without a restart. */
export function SettingsPanel({ onClose, onSaved }: { onClose: () => void; onSaved?: (settings: AppSettings) => void }) {
  const api = useApi();
  const [settings, setSettings] = useState<AppSettings>();
  const [draft, setDraft] = useState<SettingsPatch>({});
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [models, setModels] = useState<{ list?: string[]; error?: string; loading?: boolean }>({});

  useEffect(() => {
    api.getSettings().then(setSettings, (e: Error) => setError(e.message));
  }, [api]);
  if (!settings) return <div className="settings" role="dialog" aria-label="Settings">{error ?? 'Loading…'}</div>;

  // A key in the draft wins even when null (a limit cleared by hand).
  const value = <K extends keyof SettingsPatch>(key: K) => (key in draft ? draft[key] : settings[key as keyof AppSettings]) as NonNullable<SettingsPatch[K]>;
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

  async function loadModels() {
    setModels({ loading: true });
    try {
      const { models: list } = await api.listModels(value('baseURL'));
      setModels({ list });
    } catch (err) {
      setModels({ error: (err as Error).message });
    }
  }

  /** A number field that may be left empty (no limit set by hand). */
  const limit = (e: { target: HTMLInputElement }) => (e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? null : e.target.valueAsNumber);

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
              Server
              <select
                value={PROVIDER_PRESETS.find((p) => p.baseURL === value('baseURL'))?.id ?? 'custom'}
                onChange={(e) => {
                  const preset = PROVIDER_PRESETS.find((p) => p.id === e.target.value);
                  if (preset) set({ baseURL: preset.baseURL });
                  setModels({});
                }}
              >
                {PROVIDER_PRESETS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                <option value="custom">Another OpenAI-compatible server</option>
              </select>
            </label>
            <label>
              Base URL
              <input type="url" placeholder="https://api.openai.com/v1" value={value('baseURL')} onChange={(e) => set({ baseURL: e.target.value })} />
            </label>
            {PROVIDER_PRESETS.some((p) => p.local && p.baseURL === value('baseURL')) && (
              <p className="hint">Runs on this Mac: no API key needed; FluentPro starts with one request at a time and adds more while answers come back.</p>
            )}
            <label>
              Model
              <input type="text" list="server-models" value={value('model')} onChange={(e) => set({ model: e.target.value })} />
            </label>
            <datalist id="server-models">
              {models.list?.map((m) => <option key={m} value={m} />)}
            </datalist>
            <button type="button" onClick={loadModels} disabled={models.loading}>
              {models.loading ? 'Asking the server…' : 'List the server’s models'}
            </button>
            {models.list && (
              <ul className="model-list" aria-label="Models on the server">
                {models.list.length === 0 && <li>The server lists no models.</li>}
                {models.list.map((m) => (
                  <li key={m}>
                    <button type="button" className="link" aria-pressed={m === value('model')} onClick={() => set({ model: m })}>
                      {m}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {models.error && <p role="alert">{models.error}</p>}
            <label>
              Requests per minute (only for a provider that sends no rate-limit headers)
              <input type="number" min={1} placeholder="from the provider" value={value('rpm') ?? ''} onChange={(e) => set({ rpm: limit(e) })} />
            </label>
            <label>
              Tokens per minute (likewise)
              <input type="number" min={1} placeholder="from the provider" value={value('tpm') ?? ''} onChange={(e) => set({ tpm: limit(e) })} />
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
        <label>
          Audio
          <select value={value('speech')} onChange={(e) => set({ speech: e.target.value as AppSettings['speech'] })}>
            <option value="macos">macOS voices (free, offline)</option>
            <option value="openai">OpenAI speech (the provider’s key, paid)</option>
            <option value="espeak-ng">espeak-ng (free, offline, robotic)</option>
            <option value="none">None: courses without audio</option>
          </select>
        </label>
        <p className="hint">Every term, example and dialogue line of a new course is spoken. Without a voice for the course’s language, the course is written without audio and its log says how to add one.</p>
        <label className="check">
          <input type="checkbox" checked={value('notifications')} onChange={(e) => set({ notifications: e.target.checked })} /> Notify me when a course or a scheduled batch finishes or fails
        </label>
        <label className="check">
          <input type="checkbox" checked={value('scheduledBatch')} onChange={(e) => set({ scheduledBatch: e.target.checked })} /> Scheduled runs use the Batch API (half price, ready within 24 h)
        </label>
        {settings.notificationProblem && (
          <p className="hint" role="note" aria-label="Notifications cannot be shown">
            macOS does not show FluentPro’s notifications (it said: “{settings.notificationProblem}”). Meanwhile the menu bar icon counts the notices you missed (“1 new”)
            until you open this window. To allow them, turn on notifications for FluentPro in System Settings › Notifications; a build that is not signed cannot show any.
          </p>
        )}
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
