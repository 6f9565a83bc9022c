// Plays the clips the shared renderer writes beside a spoken text (a data-fp-action="play-audio"
// button whose aria-controls names its <audio data-fp-clip>): one at a time, from the start, at
// the chosen speed, or a dialogue's lines one after another. The button of the clip playing (and
// its dialogue line) carry data-fp-playing while it plays, for the eye and for tests.

/** The speed of "Slower": slow enough to hear each sound, not so slow that speech breaks up. */
export const SLOWER_RATE = 0.75;

export interface ClipPlayerState {
  /** What plays: one clip, a dialogue, or nothing. */
  playing: 'clip' | 'dialogue' | undefined;
  slower: boolean;
  /** The last clip that could not be played; cleared when the person plays something again. */
  problem?: string;
}

export class ClipPlayer {
  #slower = false;
  #current: HTMLAudioElement | undefined;
  #queue: HTMLAudioElement[] = [];
  #mode: ClipPlayerState['playing'];
  #problem: string | undefined;
  /** The clip played last, for "play again" (`p` with nothing focused). */
  #last: HTMLAudioElement | undefined;
  readonly #onChange: (state: ClipPlayerState) => void;

  constructor(onChange: (state: ClipPlayerState) => void = () => {}, options: { slower?: boolean } = {}) {
    this.#onChange = onChange;
    this.#slower = options.slower ?? false;
  }

  get state(): ClipPlayerState {
    return { playing: this.#mode, slower: this.#slower, ...(this.#problem ? { problem: this.#problem } : {}) };
  }

  get last(): HTMLAudioElement | undefined {
    return this.#last?.isConnected ? this.#last : undefined;
  }

  get slower(): boolean {
    return this.#slower;
  }

  /** Slower (0.75×) or normal speed; a clip that plays changes speed at once. */
  set slower(slower: boolean) {
    this.#slower = slower;
    if (this.#current) setRate(this.#current, this.#rate);
    this.#changed();
  }

  get #rate(): number {
    return this.#slower ? SLOWER_RATE : 1;
  }

  /** Plays one clip from its start, stopping whatever played. */
  play(audio: HTMLAudioElement): void {
    this.stop(false);
    this.#problem = undefined;
    this.#mode = 'clip';
    this.#start(audio);
  }

  /** Plays clips in order (a dialogue's lines), each after the one before ends; a clip that fails is skipped. */
  playInOrder(clips: readonly HTMLAudioElement[]): void {
    this.stop(false);
    this.#problem = undefined;
    if (!clips.length) return this.#changed();
    this.#mode = 'dialogue';
    this.#queue = clips.slice(1);
    this.#start(clips[0]!);
  }

  /** Stops and forgets what was to play next. */
  stop(notify = true): void {
    const current = this.#current;
    this.#current = undefined;
    this.#queue = [];
    this.#mode = undefined;
    if (current) {
      current.pause();
      mark(current, false);
    }
    if (notify) this.#changed();
  }

  #start(audio: HTMLAudioElement): void {
    this.#current = audio;
    this.#last = audio;
    setRate(audio, this.#rate);
    mark(audio, true);
    const onEnd = (failed: boolean) => {
      audio.removeEventListener('ended', ended);
      audio.removeEventListener('error', errored);
      if (this.#current !== audio) return; // stopped, or another clip took over
      mark(audio, false);
      if (failed) this.#problem = `This clip could not be played (${(buttonOf(audio)?.getAttribute('aria-label') ?? audio.currentSrc).replace(/^Play: /, '')}).`;
      const next = this.#queue.shift();
      if (next) return this.#start(next);
      this.#current = undefined;
      this.#mode = undefined;
      this.#changed();
    };
    const ended = () => onEnd(false);
    const errored = () => onEnd(true);
    audio.addEventListener('ended', ended);
    audio.addEventListener('error', errored);
    try {
      audio.currentTime = 0;
    } catch {
      // Not loaded yet (preload="none"): it starts at 0 anyway.
    }
    this.#changed();
    // play() is refused when the file cannot be fetched or decoded (the 'error' event says so too)
    // and aborted when another clip pauses it first: neither is an error to report twice.
    void audio.play()?.catch((error: Error) => {
      if (error.name !== 'AbortError' && audio.error) errored();
    });
  }

  #changed(): void {
    this.#onChange(this.state);
  }
}

/** Sets the speed so that it holds: loading a media element resets playbackRate to defaultPlaybackRate. */
function setRate(audio: HTMLAudioElement, rate: number): void {
  audio.defaultPlaybackRate = rate;
  audio.playbackRate = rate;
}

/** The play button of a clip (its aria-controls names the clip). */
function buttonOf(audio: HTMLAudioElement): Element | null {
  return audio.id ? audio.ownerDocument.querySelector(`[aria-controls="${audio.id.replace(/["\\]/g, '\\$&')}"]`) : null;
}

/** data-fp-playing on the clip's button and on the dialogue line or table row it speaks. */
function mark(audio: HTMLAudioElement, playing: boolean): void {
  for (const element of [buttonOf(audio), audio.closest('li, tr')]) element?.toggleAttribute('data-fp-playing', playing);
}
