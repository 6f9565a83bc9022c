/** A minimal typed event: `on` returns its own unsubscribe. */
export class Emitter<T> {
  readonly #listeners = new Set<(value: T) => void>();

  on = (listener: (value: T) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        // A faulty listener (a closed window, a broken pipe) must not stop the queue.
        console.error('fluentpro: an event listener failed:', error);
      }
    }
  }
}
