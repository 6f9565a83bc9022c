import { describe, expect, it } from 'vitest';
import { initialInFlightFor, localServerOf } from '../../electron/core/providers/local-servers.js';

describe('servers on this machine', () => {
  it('knows Ollama and LM Studio by their ports, and any other loopback server as local', () => {
    expect(localServerOf('http://localhost:11434/v1')).toEqual({ name: 'Ollama' });
    expect(localServerOf('http://127.0.0.1:1234/v1')).toEqual({ name: 'LM Studio' });
    expect(localServerOf('http://[::1]:8080/v1')).toEqual({ name: 'a local server' });
    expect(localServerOf('https://api.openai.com/v1')).toBeUndefined();
    expect(localServerOf(undefined)).toBeUndefined();
    expect(localServerOf('not a url')).toBeUndefined();
  });

  it('starts a local server at one request at a time, and leaves remote ones to the default', () => {
    expect(initialInFlightFor('http://localhost:11434/v1')).toBe(1);
    expect(initialInFlightFor('https://api.openai.com/v1')).toBeUndefined();
  });
});
