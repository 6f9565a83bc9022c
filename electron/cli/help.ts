import { DEFAULTS } from '../core/config/settings.js';

export const MAIN_HELP = `fluentpro — turn a course spec into a complete language course

Usage
  fluentpro <command> [options]

Commands
  generate <spec...>   Write a course for each spec file
  validate <spec...>   Check spec files without generating anything
  doctor               Show the effective configuration and check it

Options
  -h, --help           Show help (also: fluentpro <command> --help)
  -v, --version        Show the version

Examples
  fluentpro validate examples/*.course.yaml
  fluentpro generate examples/spanish-travel.course.yaml --out ~/Courses
  OPENAI_API_KEY=… fluentpro generate my.course.yaml --model gpt-4o-mini
`;

const PROVIDER_FLAGS = `  --provider NAME          openai or demo (default: openai when OPENAI_API_KEY is set, else demo)
  --model NAME             Model name (default: $OPENAI_MODEL or ${DEFAULTS.model})
  --base-url URL           OpenAI-compatible server, e.g. http://localhost:11434/v1 (default: $OPENAI_BASE_URL or OpenAI)
  --out DIR                Folder for finished courses (default: $FLUENTPRO_OUT_DIR or ./courses)
  --concurrency N          Courses generated at once (default: ${DEFAULTS.concurrency})
  --lesson-concurrency N   Lessons of one course written at once (default: ${DEFAULTS.lessonConcurrency})
  --max-requests N         LLM requests open at once across all courses (default: ${DEFAULTS.maxInFlightRequests})
  --demo-delay MS          Demo provider's pretend latency per request (default: ${DEFAULTS.demoDelayMs})`;

export const COMMAND_HELP: Record<string, string> = {
  generate: `Usage: fluentpro generate <spec...> [options]

Writes each spec's course to <out>/<course-slug>/ (course.json, README.md, lessons/).
Every spec is checked first; if any is invalid nothing is generated.

Options
${PROVIDER_FLAGS}
  --json                   Print one JSON object per event on stdout
  -h, --help               Show this help

Exit status: 0 every course written, 1 a course failed, 2 usage or spec errors.
The API key is read from OPENAI_API_KEY; it is never printed.
`,
  validate: `Usage: fluentpro validate <spec...>

Checks spec files (.course.yaml, .course.yml, .course.json) and prints "ok" or the problems
of each, as file:line:column: field: problem (fix).

Options
  --json       Print one JSON object per file
  -h, --help   Show this help

Exit status: 0 all valid, 2 any invalid.
`,
  doctor: `Usage: fluentpro doctor [options]

Prints the effective configuration (never the API key) and checks it: Node version,
output folder, provider settings, and that the server answers.

Options
${PROVIDER_FLAGS}
  --offline                Do not contact the server
  -h, --help               Show this help

Exit status: 0 all checks passed, 1 a check failed, 2 usage errors.
`,
};
