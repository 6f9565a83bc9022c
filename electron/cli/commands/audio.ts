import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { NotACourseError, readCourseFolder } from '../../core/output/read-course.js';
import { createSpeechEngine, defaultSpeechEngine, makeCourseAudio, SPEECH_ENGINE_NAMES, type SpeechEngineName } from '../../core/speech/index.js';
import { didYouMean } from '../../core/spec/did-you-mean.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { parseCommandArgs } from '../parse-flags.js';

/**
 * `fluentpro audio <course-folder> [--speech E] [--voice V] [--speed S]`: makes the clips a course
 * lacks with the chosen engine and removes those it no longer uses. course.json is not changed:
 * the clips are listed in audio/clips.json.
 */
export async function audioCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('audio', args, {
    speech: { type: 'string' },
    voice: { type: 'string' },
    speed: { type: 'string' },
    'speech-model': { type: 'string' },
    'base-url': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('name a course folder', 'audio');
  if (positionals.length > 1) throw new UsageError(`name one course folder, got ${positionals.length}`, 'audio');
  const engineName = values.speech ?? (io.env.FLUENTPRO_SPEECH?.trim() || defaultSpeechEngine());
  if (!(SPEECH_ENGINE_NAMES as readonly string[]).includes(engineName)) {
    const suggestion = didYouMean(engineName, SPEECH_ENGINE_NAMES);
    throw new UsageError(`unknown speech engine "${engineName}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; the engines are: ${SPEECH_ENGINE_NAMES.join(', ')}`, 'audio');
  }
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed < 0.25 || speed > 4) throw new UsageError(`--speed must be a number from 0.25 to 4, got "${values.speed}"`, 'audio');

  let loaded;
  try {
    loaded = await readCourseFolder(resolve(io.cwd, positionals[0]!));
  } catch (error) {
    if (!(error instanceof NotACourseError)) throw error;
    io.stderr.write(`fluentpro audio: ${error.message}\n`);
    return EXIT.usage;
  }
  if (engineName === 'none') {
    io.stderr.write(`fluentpro audio: no audio made for ${loaded.folder} (--speech none)\n`);
    return EXIT.ok;
  }

  const started = performance.now();
  const showProgress = !values.json && 'isTTY' in io.stderr && io.stderr.isTTY === true;
  let progressShown = false;
  try {
    const { engine, engineId } = createSpeechEngine({
      engine: engineName as SpeechEngineName,
      apiKey: io.env.OPENAI_API_KEY?.trim() || undefined,
      baseURL: values['base-url'] ?? (io.env.OPENAI_BASE_URL?.trim() || undefined),
      model: values['speech-model'] ?? (io.env.FLUENTPRO_SPEECH_MODEL?.trim() || undefined),
    });
    const result = await makeCourseAudio({
      folder: loaded.folder,
      course: loaded.course,
      engine,
      engineId,
      ...(values.voice ? { voice: values.voice } : {}),
      speed,
      // A local engine is one process per clip; a server answers several at once.
      concurrency: engineName === 'openai' ? 4 : Math.max(1, Math.min(4, availableParallelism())),
      signal,
      onClip: (done, total) => {
        if (!showProgress) return;
        io.stderr.write(`\raudio: ${done}/${total} clips`);
        progressShown = true;
      },
    });
    if (progressShown) io.stderr.write('\n');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (const warning of result.warnings) io.stderr.write(`fluentpro audio: warning: ${warning}\n`);
    if (values.json) {
      const { manifest, ...summary } = result;
      io.stdout.write(JSON.stringify({ folder: loaded.folder, engine: manifest.engine, voices: manifest.voices, ...summary, seconds: Number(seconds) }) + '\n');
    } else {
      const cost = engineName === 'openai' && result.charactersSynthesised ? `, ${result.charactersSynthesised} characters sent` : '';
      io.stdout.write(`${loaded.folder}/audio: ${result.clips} clips (${result.synthesised} made, ${result.reused} already there, ${result.removed.length} no longer used removed${cost}) in ${seconds} s\n`);
    }
    return EXIT.ok;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (progressShown) io.stderr.write('\n');
    if (code === 'CANCELLED') {
      io.stderr.write(`fluentpro audio: stopped; the clips already made are kept ("fluentpro audio ${positionals[0]}" goes on)\n`);
      return EXIT.interrupted;
    }
    if (code === 'NO_VOICE' || code === 'ENGINE_MISSING' || code === 'SYNTHESIS_FAILED' || code === 'AUDIO_FORMAT') {
      const message = (error as Error).message;
      io.stderr.write(`fluentpro audio: ${message.startsWith(loaded.folder) ? message : `${loaded.folder}: ${message}`}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}
