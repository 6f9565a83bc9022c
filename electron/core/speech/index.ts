// Speech: engines behind one interface, the MP3 step, the clip store and the step that makes a
// course's audio from them.
export { assignSpeakerVoices, spokenTexts, type SpokenKind, type SpokenText } from './clip-plan.js';
export { AUDIO_FOLDER, ClipStore, clipFileName, clipManifestSchema, MANIFEST_FILE, type ClipEntry, type ClipIdentity, type ClipManifest } from './clip-store.js';
export { createSpeechEngine, defaultSpeechEngine, NoSpeechEngine, type SpeechSettings } from './create-engine.js';
export { EspeakEngine } from './espeak-engine.js';
export { chooseVoices, ClipMaker, makeCourseAudio, noVoiceError, planClips, type AudioResult, type ChosenVoices, type MakeAudioOptions } from './make-audio.js';
export { admitted, SpeechStep, type SpeechStepOptions, type SpokenLesson } from './speech-step.js';
export { createMp3Encoder, inThreadEncoder, Mp3Pool, type Mp3Encoder } from './mp3-pool.js';
export { encodeMp3, normalise, speechToMp3, trimSilence, type Mp3Options } from './mp3.js';
export { OpenAiSpeechEngine, OPENAI_VOICES } from './openai-speech-engine.js';
export { AudioFormatError, decodeAiff, decodeAudio, decodeWav, type Pcm } from './pcm.js';
export { SayEngine } from './say-engine.js';
export { checkSpeed, SPEECH_ENGINE_NAMES, SpeechError, type SpeechAudio, type SpeechEngine, type SpeechEngineName, type SpeechRequest, type Voice } from './speech-engine.js';
