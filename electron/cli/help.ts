import { DEFAULTS } from '../core/config/settings.js';
import { AUDIO_HELP } from './commands/audio-help.js';
import { EXPORT_HELP } from './commands/export.js';
import { PAUSE_HELP, RESUME_HELP } from './commands/pause.js';
import { SET_ASIDE_QUEUE_HELP } from './commands/set-aside-queue.js';
import { HISTORY_HELP, REGENERATE_HELP, UNDO_HELP } from './commands/regenerate.js';
import { SCHEDULE_HELP } from './commands/schedule.js';

export const MAIN_HELP = `fluentpro — turn a course spec into a complete language course

Usage
  fluentpro <command> [options]

Commands
  generate <spec...>   Queue a course for each spec file and run them until they end
  validate <spec...>   Check spec files without generating anything
  check <course>       Check a generated course and print its quality report
  export <course>      Export a course: anki, html, pdf, scorm, gift or moodle-xml
  audio <course>       Add or refresh a course's audio (--speech macos|openai|espeak-ng|none)
  regenerate <course>  Write one lesson again (--lesson N [--note TEXT]); the other lessons stay
  undo <course>        Bring back a lesson's previous version (--lesson N)
  history <course>     List a lesson's earlier versions (--lesson N)
  run                  Work the queue until it is empty (--watch: keep running)
  jobs                 List the jobs in the queue
  cancel <id...>       Cancel queued or running jobs (finished lessons are kept)
  retry <id...>        Queue failed or cancelled jobs again; they resume where they stopped
  logs <id>            Show a job's log
  serve                Show the app's interface in a browser (this machine only)
  schedule <action>    Queue specs at set times or when a folder changes (add, list, remove,
                       run, history)
  pause | resume       Pause the queue (--until HH:MM); running jobs finish. Resume it
  doctor               Show the effective configuration and check it
  set-aside-queue      Keep a damaged queue database aside and start with a new, empty one

Options
  -h, --help           Show help (also: fluentpro <command> --help)
  -v, --version        Show the version

Examples
  fluentpro validate examples/*.course.yaml
  fluentpro generate examples/spanish-travel.course.yaml --out ~/Courses
  fluentpro check ~/Courses/spanish-for-travellers
  fluentpro export ~/Courses/spanish-for-travellers --format anki
  OPENAI_API_KEY=… fluentpro generate my.course.yaml --model gpt-4o-mini
`;

const PROVIDER_FLAGS = `  --provider NAME          openai or demo (default: openai when OPENAI_API_KEY is set, else demo)
  --model NAME             Model name (default: $OPENAI_MODEL or ${DEFAULTS.model})
  --base-url URL           OpenAI-compatible server, e.g. http://localhost:11434/v1 (default: $OPENAI_BASE_URL or OpenAI)
  --out DIR                Folder for finished courses (default: $FLUENTPRO_OUT_DIR or ./courses)
  --concurrency N          Courses generated at once (default: ${DEFAULTS.concurrency})
  --lesson-concurrency N   Lessons of one course written at once (default: ${DEFAULTS.lessonConcurrency})
  --max-requests N         LLM requests open at once across all courses, the most the adaptive
                           limit may grow to (default: ${DEFAULTS.maxInFlightRequests})
  --rpm N                  The provider's requests per minute, for servers that send no
                           x-ratelimit-* headers (default: $FLUENTPRO_RPM, else learned from them)
  --tpm N                  The provider's tokens per minute, likewise (default: $FLUENTPRO_TPM)
  --demo-delay MS          Demo provider's pretend latency per request (default: ${DEFAULTS.demoDelayMs})
  --speech ENGINE          Audio for every term, example and line: macos, openai, espeak-ng or none
                           (default: $FLUENTPRO_SPEECH, else macos on a Mac, espeak-ng where installed)
  --no-audio               Write the course without audio (the same as --speech none)
  --voice NAME             The narrator's voice (default: $FLUENTPRO_VOICE, else the engine's first)
  --speech-model NAME      openai: the speech model (default: gpt-4o-mini-tts)`;

const DATA_DIR_FLAG = `  --data-dir DIR            Folder of the queue database (default: $FLUENTPRO_DATA_DIR, else
                           ~/Library/Application Support/FluentPro on macOS,
                           $XDG_DATA_HOME/fluentpro or ~/.local/share/fluentpro elsewhere)`;

export const COMMAND_HELP: Record<string, string> = {
  schedule: SCHEDULE_HELP,
  export: EXPORT_HELP,
  audio: AUDIO_HELP,
  regenerate: REGENERATE_HELP,
  undo: UNDO_HELP,
  history: HISTORY_HELP,
  pause: PAUSE_HELP,
  resume: RESUME_HELP,
  'set-aside-queue': SET_ASIDE_QUEUE_HELP,
  generate: `Usage: fluentpro generate <spec...> [options]

Queues each spec as a job and runs them, each in its own worker process, until they end.
Each course is written to <out>/<course-slug>/ (course.json, README.md, lessons/).
Every spec is checked first; if any is invalid nothing is generated. A spec already queued or
running with the same settings is followed, not queued twice.
Ctrl-C (or SIGTERM, SIGHUP) stops; unfinished jobs stay queued with their finished lessons and
every answer that arrived ("fluentpro run" resumes).

Options
${PROVIDER_FLAGS}
${DATA_DIR_FLAG}
  --force                  Queue a new job even when an identical one is queued or running
  --batch                  Send the requests through the provider's Batch API: half price, ready
                           within 24 h (usually sooner); also FLUENTPRO_BATCH=1. Ctrl-C stops
                           waiting; "fluentpro run" or the same command picks the batch up again
  --batch-repairs WHERE    With --batch, where a broken part is asked again: "batch" (default, half
                           price, another batch round) or "live" (at once, at the live price)
  --json                   Print one JSON object per event on stdout
  -h, --help               Show this help

Exit status: 0 every course written, 1 a course failed, 2 usage or spec errors, 130 stopped.
The API key is read from OPENAI_API_KEY; it is never printed or stored.
`,
  run: `Usage: fluentpro run [options]

Works the queue: runs queued jobs (and resumes those a stopped process left running) until
none is left. Jobs keep the provider, model and output folder they were queued with.

Options
  --concurrency N          Jobs at once (default: ${DEFAULTS.concurrency})
  --max-requests N         LLM requests open at once across all jobs (default: ${DEFAULTS.maxInFlightRequests})
  --rpm N                  The provider's requests per minute, when it sends no x-ratelimit-* headers
  --tpm N                  The provider's tokens per minute, likewise
${DATA_DIR_FLAG}
  --watch                  Keep running and take new jobs as they are queued, fire schedules and
                           watch their folders (Ctrl-C to stop)
  --json                   Print one JSON object per event on stdout
  -h, --help               Show this help
`,
  jobs: `Usage: fluentpro jobs [options]

Lists the jobs in the queue, oldest first: id, state, lessons done, tokens, title.

Options
  --state STATE            Only jobs in this state: queued, running, succeeded, failed, cancelled
${DATA_DIR_FLAG}
  --json                   Print the jobs as JSON
  -h, --help               Show this help
`,
  cancel: `Usage: fluentpro cancel <id...> [--data-dir DIR]

Cancels jobs by id (or any unique prefix). A queued job is cancelled at once; a running one is
stopped by the process running it within seconds. Finished lessons are kept for a retry.
`,
  retry: `Usage: fluentpro retry <id...> [--data-dir DIR]

Puts failed or cancelled jobs back in the queue. They resume from their finished steps when the
queue runs ("fluentpro run", or the app).
`,
  serve: `Usage: fluentpro serve [options]

Serves the app's interface and API on 127.0.0.1 and prints a URL with a random token (as
Jupyter does); open it in a browser. The queue is worked while it runs, as in the app.

Options
  --port N                 Port (default: 4711; 0 picks a free one)
  --out DIR                Output folder until one is chosen in Settings (default: ./courses)
${DATA_DIR_FLAG}
  -h, --help               Show this help

The API key comes from OPENAI_API_KEY; a key typed into Settings is kept in memory only.
`,
  logs: `Usage: fluentpro logs <id> [--data-dir DIR] [--json]

Prints a job's log (the last 500 lines): state changes, retries, worker output and errors.
`,
  validate: `Usage: fluentpro validate <spec...>

Checks spec files (.course.yaml, .course.yml, .course.json) and prints "ok" or the problems
of each, as file:line:column: field: problem (fix).

Options
  --json       Print one JSON object per file
  -h, --help   Show this help

Exit status: 0 all valid, 2 any invalid.
`,
  check: `Usage: fluentpro check <course-folder> [--json]

Checks a course that fluentpro generate wrote (the folder with course.json) and prints its
quality report: problems that fail a rule, warnings, and the repairs made while generating.
The checks are computed again from course.json, so they see any edits made since.

Rules that fail: a vocabulary term introduced by two lessons, a quiz answer that points at no
option, a section the course asks for that is missing or empty.
Warnings: a lesson that uses under half of its new terms in its dialogue, exercises, grammar
examples or quiz; a lesson that reuses no term of earlier lessons; a lesson whose estimated
length is under half or over twice lessonMinutes.

Options
  --json       Print the report as JSON
  -h, --help   Show this help

Exit status: 0 no rule fails, 1 a rule fails, 2 usage errors or the folder is not a course.
`,
  doctor: `Usage: fluentpro doctor [options]

Prints the effective configuration (never the API key) and checks it: Node version,
output folder, provider settings, and that the server answers.

Options
${PROVIDER_FLAGS}
${DATA_DIR_FLAG}
  --offline                Do not contact the server
  -h, --help               Show this help

Exit status: 0 all checks passed, 1 a check failed, 2 usage errors.
`,
};
