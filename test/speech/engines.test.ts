import { describe, expect, it } from 'vitest';
import { decodeAudio, EspeakEngine, OpenAiSpeechEngine, SayEngine, SpeechError } from '../../electron/core/speech/index.js';
import { spawnSync } from 'node:child_process';
import { espeakArgs, parseEspeakVoices } from '../../electron/core/speech/espeak-engine.js';
import { spellsOutInEnglish } from '../../electron/core/speech/espeak-text.js';
import { parseSayVoices, sayArgs, voicesFor } from '../../electron/core/speech/say-engine.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { failure, HAS_ESPEAK } from './audio-probe.js';

// `say -v '?'` as macOS 14 prints it (names with spaces and parentheses, ar_001, novelty voices).
const SAY_VOICES = `Albert              en_US    # Hello! My name is Albert.
Bad News            en_US    # Hello! My name is Bad News.
Eddy (German (Germany)) de_DE    # Hallo! Ich heiße Eddy.
Anna                de_DE    # Hallo! Ich heiße Anna.
Kyoko               ja_JP    # こんにちは! 私の名前はKyokoです。
Kyoko (Enhanced)    ja_JP    # こんにちは! 私の名前はKyokoです。
Majed               ar_001   # مرحبًا! اسمي ماجد.
Mónica              es_ES    # ¡Hola! Me llamo Mónica.
Paulina             es_MX    # ¡Hola! Me llamo Paulina.
Fiona               en-scotland # Hello! My name is Fiona.
`;

describe('macOS say', () => {
  it('parses every voice `say -v ?` lists, names with spaces and parentheses included', () => {
    const voices = parseSayVoices(SAY_VOICES);
    expect(voices.map((v) => [v.name, v.locale])).toEqual([
      ['Albert', 'en_US'],
      ['Bad News', 'en_US'],
      ['Eddy (German (Germany))', 'de_DE'],
      ['Anna', 'de_DE'],
      ['Kyoko', 'ja_JP'],
      ['Kyoko (Enhanced)', 'ja_JP'],
      ['Majed', 'ar_001'],
      ['Mónica', 'es_ES'],
      ['Paulina', 'es_MX'],
      ['Fiona', 'en-scotland'],
    ]);
    expect(voices[4]!.sample).toBe('こんにちは! 私の名前はKyokoです。');
    expect(voicesFor(voices, 'ja').map((v) => v.name)).toEqual(['Kyoko', 'Kyoko (Enhanced)']);
  });

  it('offers the voices of a language, its likely region first, no novelty voices', () => {
    const voices = parseSayVoices(SAY_VOICES);
    expect(voicesFor(voices, 'es').map((v) => v.name)).toEqual(['Mónica', 'Paulina']);
    expect(voicesFor(voices, 'es-MX').map((v) => v.name)).toEqual(['Paulina', 'Mónica']);
    expect(voicesFor(voices, 'ar').map((v) => v.name)).toEqual(['Majed']);
    expect(voicesFor(voices, 'en').map((v) => v.name)).toEqual(['Albert', 'Fiona']);
    expect(voicesFor(voices, 'ko')).toEqual([]);
  });

  it('runs say with the voice, a rate in words per minute, an AIFF out and the text from a file', () => {
    expect(sayArgs('Kyoko', 0.8, '/tmp/t.txt', '/tmp/c.aiff')).toEqual(['-v', 'Kyoko', '-r', '140', '-o', '/tmp/c.aiff', '-f', '/tmp/t.txt']);
  });

  it('says where to add a voice when none speaks the language (the list comes from a stand-in say)', async () => {
    const engine = new SayEngine({ command: 'true' }); // prints no voices
    const error = await failure<SpeechError>(engine.synthesize({ text: '안녕하세요', language: 'ko' }));
    expect([error.code, error.message]).toEqual(['NO_VOICE', 'no macOS voice for "ko" is installed: add one in System Settings › Accessibility › Spoken Content › System Voice › Manage Voices…']);
  });

  it('says the macos engine needs a Mac when there is no say', async () => {
    const error = await failure<SpeechError>(new SayEngine({ command: 'fluentpro-no-such-say' }).listVoices('ja'));
    expect(error.code).toBe('ENGINE_MISSING');
    expect(error.message).toContain('use --speech espeak-ng or --speech openai');
  });

  it.skipIf(process.platform !== 'darwin')('speaks Japanese with a real macOS voice (runs only on macOS, where say exists)', async () => {
    const engine = new SayEngine();
    const voices = await engine.listVoices('ja');
    if (voices.length === 0) return; // no Japanese voice installed on this Mac: nothing to speak with
    const audio = await engine.synthesize({ text: 'こんにちは', language: 'ja' });
    expect(audio.format).toBe('aiff');
    expect(decodeAudio(audio.bytes, 'aiff').samples.length).toBeGreaterThan(1000);
  });
});

describe('espeak-ng', () => {
  it('parses `espeak-ng --voices` and runs it with the text on stdin', () => {
    const table = `Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)
 5  zh              --/M      chinese-mb-cn1     mb/mb-cn1            
`;
    expect(parseEspeakVoices(table)).toEqual([
      { priority: 5, language: 'cmn', gender: 'M', name: 'Chinese (Mandarin, latin as English)', file: 'sit/cmn' },
      { priority: 5, language: 'zh', gender: 'M', name: 'chinese-mb-cn1', file: 'mb/mb-cn1' },
    ]);
    expect(espeakArgs('es+f3', 1.5, '/tmp/o.wav')).toEqual(['-v', 'es+f3', '-s', '263', '-w', '/tmp/o.wav', '--stdin']);
  });

  it('takes a switch to English in the phonemes of a non-Latin-script language as letters spelt out', () => {
    expect(spellsOutInEnglish("w'o21_| (en)jeI44@11fo@11_|", 'zh')).toBe(true);
    expect(spellsOutInEnglish("s'idZ;aN,e g'ajo", 'ko')).toBe(false);
    expect(spellsOutInEnglish("(en)k'Vmpju:t@(de) ...", 'de')).toBe(false); // an English loanword in German is said in English, rightly
  });

  it.skipIf(!HAS_ESPEAK)('will not say Japanese with kanji ("Chinese letter", in English), but says kana, Arabic and Korean', async () => {
    const engine = new EspeakEngine();
    const phonemes = (text: string) => spawnSync('espeak-ng', ['-v', 'ja', '-q', '-x', text], { encoding: 'utf8' }).stdout;
    expect(phonemes('コーヒーをお願いします')).toContain('(en)');
    expect(await engine.cannotSay({ text: 'コーヒーをお願いします', language: 'ja' })).toBe('espeak-ng reads Japanese kana only, not kanji');
    expect(await engine.cannotSay({ text: 'コーヒーをください', language: 'ja' })).toBeUndefined();
    expect(await engine.cannotSay({ text: 'أين السوق؟', language: 'ar' })).toBeUndefined();
    expect(await engine.cannotSay({ text: '시장에 가요', language: 'ko' })).toBeUndefined();
  });

  it.skipIf(!HAS_ESPEAK)('will not say Chinese its dictionary spells out in English (as Debian\'s espeak-ng-data does for many hanzi)', async () => {
    const spelt = spawnSync('espeak-ng', ['-v', 'cmn', '-q', '-x', '我要一杯咖啡。'], { encoding: 'utf8' }).stdout.includes('(en)');
    expect(await new EspeakEngine().cannotSay({ text: '我要一杯咖啡。', language: 'zh' })).toBe(spelt ? "espeak-ng's zh dictionary lacks words in them and would spell them out in English" : undefined);
  });

  it('names the package to install when espeak-ng is missing', async () => {
    const error = await failure<SpeechError>(new EspeakEngine({ command: 'fluentpro-no-such-espeak' }).listVoices('es'));
    expect([error.code, error.message]).toEqual([
      'ENGINE_MISSING',
      'espeak-ng is not installed (no "fluentpro-no-such-espeak" on PATH): install it with "sudo apt-get install espeak-ng" (Debian, Ubuntu) or "brew install espeak-ng" (macOS)',
    ]);
  });

  describe.skipIf(!HAS_ESPEAK)('the installed espeak-ng (CI installs the espeak-ng package)', () => {
    it.each([
      ['es', 'es'],
      ['de', 'de'],
      ['ja', 'ja'],
      ['ar', 'ar'],
      ['zh', 'cmn'],
      ['pt-BR', 'pt-br'],
      ['es-MX', 'es-419'],
      ['en-US', 'en-us'],
    ])('speaks %s with its own voice (%s), never an MBROLA one that is not installed, and variants for speakers', async (language, voice) => {
      const voices = await new EspeakEngine().listVoices(language);
      expect(voices[0]!.id).toBe(voice);
      expect(voices.slice(1, 3).map((v) => v.id)).toEqual([`${voice}+f3`, `${voice}+m3`]);
    });

    it('writes a WAV of speech, slower at a lower speed', async () => {
      const engine = new EspeakEngine();
      const normal = decodeAudio((await engine.synthesize({ text: '¿Dónde está el mercado?', language: 'es' })).bytes, 'wav');
      const slow = decodeAudio((await engine.synthesize({ text: '¿Dónde está el mercado?', language: 'es', speed: 0.5 })).bytes, 'wav');
      expect(normal.sampleRate).toBe(22050);
      expect(normal.samples.length / normal.sampleRate).toBeGreaterThan(0.5);
      expect(slow.samples.length).toBeGreaterThan(normal.samples.length * 1.5);
    });

    it('takes text that starts with a dash as text, not an option', async () => {
      const audio = await new EspeakEngine().synthesize({ text: '-v xx --help', language: 'en' });
      expect(decodeAudio(audio.bytes, 'wav').samples.length).toBeGreaterThan(1000);
    });

    it('reports a voice it does not have with espeak-ng\'s own words', async () => {
      const error = await failure<SpeechError>(new EspeakEngine().synthesize({ text: 'hola', voice: 'xx', language: 'es' }));
      expect([error.code, error.message]).toEqual(['SYNTHESIS_FAILED', 'espeak-ng failed (exit 1): Error: The specified espeak-ng voice does not exist.']);
    });
  });
});

describe('OpenAI-compatible speech against the test server', () => {
  it('sends OpenAI\'s request shape (model, input, voice, response_format wav, speed) and gets a WAV back', async () => {
    const server = await FakeLlmServer.start();
    try {
      const engine = new OpenAiSpeechEngine({ apiKey: 'test', baseURL: server.baseURL, model: 'tts-1' });
      const audio = await engine.synthesize({ text: 'Hola', voice: 'nova', speed: 0.75, language: 'es' });
      expect(audio.format).toBe('wav');
      expect(decodeAudio(audio.bytes, 'wav').sampleRate).toBe(24000);
      expect(server.speechRequests).toEqual([{ status: 200, keys: ['input', 'model', 'response_format', 'speed', 'voice'], model: 'tts-1', input: 'Hola', voice: 'nova', responseFormat: 'wav', speed: 0.75 }]);
    } finally {
      await server.close();
    }
  });

  it('waits out a 429 with Retry-After and gets the clip (the SDK retries it)', async () => {
    const server = await FakeLlmServer.start({ fault: ({ attempt }) => (attempt === 0 ? { kind: 'rate-limit', retryAfterMs: 50 } : undefined) });
    try {
      const audio = await new OpenAiSpeechEngine({ apiKey: 'test', baseURL: server.baseURL }).synthesize({ text: 'Hola', language: 'es' });
      expect(audio.format).toBe('wav');
      expect(server.speechRequests.map((r) => r.status)).toEqual([429, 200]);
    } finally {
      await server.close();
    }
  });

  it('turns a wrong key into a message that names the fix', async () => {
    const server = await FakeLlmServer.start({ fault: () => ({ kind: 'unauthorized' }) });
    try {
      const engine = new OpenAiSpeechEngine({ apiKey: 'wrong', baseURL: server.baseURL, maxRetries: 0 });
      const error = await failure<SpeechError>(engine.synthesize({ text: 'Hola', language: 'es' }));
      expect(error.code).toBe('SYNTHESIS_FAILED');
      expect(error.message).toMatch(/^the speech server answered 401: .*Incorrect API key provided: check OPENAI_API_KEY$/);
    } finally {
      await server.close();
    }
  });

  it('the test server refuses what OpenAI refuses: no voice, input over 4096 characters, speed out of range', async () => {
    const server = await FakeLlmServer.start();
    try {
      const post = (body: object) => fetch(`${server.baseURL}/audio/speech`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const statuses = await Promise.all([
        post({ model: 'tts-1', input: 'x' }),
        post({ model: 'tts-1', input: 'x'.repeat(4097), voice: 'alloy' }),
        post({ model: 'tts-1', input: 'x', voice: 'alloy', speed: 5 }),
      ]);
      expect(await Promise.all(statuses.map(async (r) => [r.status, ((await r.json()) as { error: { param: string } }).error.param]))).toEqual([
        [400, 'voice'],
        [400, 'input'],
        [400, 'speed'],
      ]);
      const mp3 = await post({ model: 'tts-1', input: 'hola', voice: 'alloy' });
      expect([mp3.headers.get('content-type'), new Uint8Array(await mp3.arrayBuffer()).byteLength > 100]).toEqual(['audio/mpeg', true]);
    } finally {
      await server.close();
    }
  });
});
