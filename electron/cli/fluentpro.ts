#!/usr/bin/env node
import { setMaxListeners } from 'node:events';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SettingsError } from '../core/config/settings.js';
import { VERSION } from '../shared/version.js';
import { EXIT, UsageError, type CliIo } from './cli-io.js';

type Command = (args: string[], io: CliIo, signal?: AbortSignal) => Promise<number>;

// Each command's module, and so its dependencies, loads only when that command runs: the
// OpenAI SDK, SQLite and the export formats cost hundreds of milliseconds to load, and
// `--version` or `validate` need none of them. test/cli/lazy-imports.test.ts guards this.
const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => (await import('./commands/generate.js')).generateCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  audio: async () => (await import('./commands/audio.js')).audioCommand,
  regenerate: async () => (await import('./commands/regenerate.js')).regenerateCommand,
  undo: async () => (await import('./commands/regenerate.js')).undoCommand,
  history: async () => (await import('./commands/regenerate.js')).historyCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  run: async () => (await import('./commands/queue-commands.js')).runCommand,
  jobs: async () => (await import('./commands/queue-commands.js')).jobsCommand,
  cancel: async () => (await import('./commands/queue-commands.js')).cancelCommand,
  retry: async () => (await import('./commands/queue-commands.js')).retryCommand,
  logs: async () => (await import('./commands/queue-commands.js')).logsCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  schedule: async () => (await import('./commands/schedule.js')).scheduleCommand,
  pause: async () => (await import('./commands/pause.js')).pauseCommand,
  resume: async () => (await import('./commands/pause.js')).resumeCommand,
  'set-aside-queue': async () => (await import('./commands/set-aside-queue.js')).setAsideQueueCommand,
};

/** The help texts quote several commands' own, so they load with those commands' modules: only when help is shown. */
const loadHelp = () => import('./help.js');

/** Errors about the queue file or the data folder (queue-file.ts, disk-full.ts). */
const FILE_PROBLEMS = new Set(['QUEUE_DAMAGED', 'QUEUE_UNOPENABLE', 'DATA_FOLDER_FULL']);

/** Runs one command line; returns the exit status. Never throws for a user's mistake. */
export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    const { COMMAND_HELP, MAIN_HELP } = await loadHelp();
    io.stdout.write(rest[0] && COMMAND_HELP[rest[0]] ? COMMAND_HELP[rest[0]]! : MAIN_HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === '-v' || command === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.stderr.write(`fluentpro: unknown command "${command}"\n\n${(await loadHelp()).MAIN_HELP}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write((await loadHelp()).COMMAND_HELP[command]!);
    return EXIT.ok;
  }
  try {
    const run = await load();
    return await run(rest, io, signal);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SettingsError) {
      io.stderr.write(`fluentpro ${command}: ${error.message}\nSee: fluentpro ${command} --help\n`);
      return EXIT.usage;
    }
    // The queue file or the data folder, not the program: said with the way out, no stack trace.
    // (Recognised by code: the error classes live with SQLite, which --version must not load.)
    if (FILE_PROBLEMS.has(String((error as { code?: unknown })?.code))) {
      io.stderr.write(`fluentpro ${command}: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** 128 + the signal's number, as shells report a process ended by it. */
type StopSignal = (typeof STOP_SIGNALS)[number];
const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: EXIT.interrupted, SIGTERM: 143, SIGHUP: 129 };

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
  // steps); a second one exits at once. SIGTERM (kill, timeout, systemd, docker stop) and SIGHUP
  // (the terminal closed) are the same request to stop, and end with their own exit status.
  let stoppedBy: StopSignal | undefined;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (stoppedBy) process.exit(SIGNAL_EXIT[signal]);
      stoppedBy = signal;
      process.stderr.write(signal === 'SIGINT' ? '\nstopping… (press Ctrl-C again to quit at once)\n' : `\nstopping (${signal})…\n`);
      controller.abort();
    });
  }
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }, controller.signal).then(
    (code) => {
      process.exitCode = code === EXIT.interrupted && stoppedBy ? SIGNAL_EXIT[stoppedBy] : code;
    },
    (error: unknown) => {
      process.stderr.write(`fluentpro: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
