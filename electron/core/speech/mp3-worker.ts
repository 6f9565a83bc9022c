import { parentPort } from 'node:worker_threads';
import { speechToMp3 } from './mp3.js';
import type { SpeechAudio } from './speech-engine.js';

// One thread of the MP3 pool (mp3-pool.ts): encodes the clips it is sent and sends the bytes back
// (transferred, not copied). Errors go back as { name, message, code }.

parentPort!.on('message', ({ id, audio }: { id: number; audio: SpeechAudio }) => {
  try {
    const mp3 = speechToMp3(audio);
    parentPort!.postMessage({ id, mp3 }, [mp3.buffer as ArrayBuffer]);
  } catch (error) {
    const e = error as Error & { code?: string };
    parentPort!.postMessage({ id, error: { name: e.name, message: e.message, code: e.code } });
  }
});
