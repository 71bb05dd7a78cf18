// Baseline for main-thread cost: a queue kept in the page and written whole
// to localStorage on every event, as the Amplitude and Snowplow browser
// trackers keep theirs. Each call costs a serialisation of the whole queue.
import { toCommand } from './command.js';

export class LocalStorageQueue {
  #key;
  #commands = [];

  constructor(key) {
    this.#key = key;
    localStorage.removeItem(key);
  }

  get length() {
    return this.#commands.length;
  }

  track(event) {
    this.#commands.push(toCommand(event));
    localStorage.setItem(this.#key, JSON.stringify(this.#commands));
  }

  /** Grows the queue to `depth` with one write, to set up a measurement. */
  fillTo(depth, makeEvent) {
    while (this.#commands.length < depth) {
      this.#commands.push(toCommand(makeEvent(this.#commands.length)));
    }
    localStorage.setItem(this.#key, JSON.stringify(this.#commands));
  }

  clear() {
    this.#commands = [];
    localStorage.removeItem(this.#key);
  }
}
