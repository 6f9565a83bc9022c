#!/usr/bin/env node
import { setMaxListeners } from 'node:events';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SettingsError } from '../core/config/settings.js';
import { VERSION } from '../shared/version.js';
import { EXIT, UsageError, type CliIo } from './cli-io.js';
import { audioCommand } from './commands/audio.js';
import { checkCommand } from './commands/check.js';
import { doctorCommand } from './commands/doctor.js';
import { exportCommand } from './commands/export.js';
import { generateCommand } from './commands/generate.js';
import { cancelCommand, jobsCommand, logsCommand, retryCommand, runCommand } from './commands/queue-commands.js';
import { validateCommand } from './commands/validate.js';
import { historyCommand, regenerateCommand, undoCommand } from './commands/regenerate.js';
import { pauseCommand, resumeCommand } from './commands/pause.js';
import { scheduleCommand } from './commands/schedule.js';
import { serveCommand } from './commands/serve.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';

const COMMANDS: Record<string, (args: string[], io: CliIo, signal?: AbortSignal) => Promise<number>> = {
  generate: generateCommand,
  validate: validateCommand,
  check: checkCommand,
  export: exportCommand,
  audio: audioCommand,
  regenerate: regenerateCommand,
  undo: undoCommand,
  history: historyCommand,
  doctor: doctorCommand,
  run: runCommand,
  jobs: jobsCommand,
  cancel: cancelCommand,
  retry: retryCommand,
  logs: logsCommand,
  serve: serveCommand,
  schedule: scheduleCommand,
  pause: pauseCommand,
  resume: resumeCommand,
};

/** Runs one command line; returns the exit status. Never throws for a user's mistake. */
export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(rest[0] && COMMAND_HELP[rest[0]] ? COMMAND_HELP[rest[0]]! : MAIN_HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`fluentpro: unknown command "${command}"\n\n${MAIN_HELP}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(COMMAND_HELP[command]!);
    return EXIT.ok;
  }
  try {
    return await run(rest, io, signal);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SettingsError) {
      io.stderr.write(`fluentpro ${command}: ${error.message}\nSee: fluentpro ${command} --help\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const controller = new AbortController();
  // Every waiting request listens on this one signal: many listeners are expected, not a leak.
  setMaxListeners(0, controller.signal);
  // First Ctrl-C stops cleanly (workers end, unfinished jobs stay queued with their finished
  // steps); a second one exits at once.
  process.once('SIGINT', () => {
    process.stderr.write('\nstopping… (press Ctrl-C again to quit at once)\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(EXIT.interrupted));
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }, controller.signal).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`fluentpro: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
