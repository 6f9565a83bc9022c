// Kept apart from audio.ts so that printing help does not load the speech engines and the MP3 encoder.

export const AUDIO_HELP = `Usage: fluentpro audio <course-folder> [options]

Adds or refreshes a course's audio: an MP3 clip for every vocabulary term, example, dialogue
line and grammar example, in <course-folder>/audio/, listed in audio/clips.json. Dialogue
speakers get different voices. A clip whose text, voice, speed and engine are unchanged is never
made again, so a rerun after an edit makes only the edited lines; clips no text uses any more
are removed. Ctrl-C keeps the clips already made.

Options
  --speech ENGINE          macos (the voices of macOS, offline), espeak-ng (offline, Linux and
                           CI), openai (OpenAI's speech or a server with the same API) or none
                           (default: $FLUENTPRO_SPEECH, else macos on a Mac, espeak-ng elsewhere)
  --voice NAME             The voice of terms and examples: a macOS voice ("Kyoko"), an
                           espeak-ng voice ("es", "es+f3") or an OpenAI voice ("nova")
                           (default: the engine's first voice for the course's language)
  --speed N                0.25 to 4; 0.8 is a little slower than normal (default: 1)
  --speech-model NAME      openai: the speech model (default: $FLUENTPRO_SPEECH_MODEL or gpt-4o-mini-tts)
  --base-url URL           openai: the server (default: $OPENAI_BASE_URL, the chat provider's, or OpenAI)
  --json                   Print the result as JSON
  -h, --help               Show this help

When no voice speaks the course's language: on a Mac, add one in System Settings ›
Accessibility › Spoken Content › System Voice › Manage Voices…; espeak-ng is installed with
"sudo apt-get install espeak-ng" or "brew install espeak-ng". OpenAI's speech is priced by the
characters sent: the summary says how many.

Exit status: 0 audio complete, 1 the engine failed (no voice, not installed), 2 usage errors or
the folder is not a course.
`;
