/**
 * The queue at a glance: one dot per queued item, and a bar chart of the
 * last half minute. Dots leave from the left and arrive on the right, as the
 * worker sends the oldest first; bars sampled offline are coloured as such.
 */
import { h } from '../dom';

/** Beyond this many, one dot would no longer be one item: a `+N` follows instead. */
const MAX_DOTS = 60;

/** At one sample per status poll (500 ms), the last 30 seconds. */
const HISTORY_SAMPLES = 60;

/** The chart's smallest full scale, so two items do not fill it. */
const MIN_SCALE_ITEMS = 5;

interface Sample {
  queued: number;
  online: boolean;
}

export class QueueMeter {
  readonly #dots: HTMLElement;
  readonly #bars: HTMLElement[];
  readonly #history: Sample[] = [];

  constructor(dots: HTMLElement, chart: HTMLElement) {
    this.#dots = dots;
    this.#bars = Array.from({ length: HISTORY_SAMPLES }, () => h('span', { class: 'bar' }));
    chart.replaceChildren(...this.#bars);
  }

  show(queued: number, online: boolean): void {
    this.#showDots(queued);
    this.#history.push({ queued, online });
    if (this.#history.length > HISTORY_SAMPLES) this.#history.shift();
    this.#showHistory();
  }

  #showDots(queued: number): void {
    const wanted = Math.min(queued, MAX_DOTS);
    while (this.#dots.childElementCount > wanted) this.#dots.firstElementChild!.remove();
    while (this.#dots.childElementCount < wanted) this.#dots.append(h('i', { class: 'dot' }));

    const more = queued - wanted;
    if (more > 0) this.#dots.dataset['more'] = `+${more}`;
    else delete this.#dots.dataset['more'];
  }

  /** Newest on the right; bars before the first sample stay empty. */
  #showHistory(): void {
    const scale = Math.max(MIN_SCALE_ITEMS, ...this.#history.map((sample) => sample.queued));
    const offset = HISTORY_SAMPLES - this.#history.length;

    this.#bars.forEach((bar, index) => {
      const sample = this.#history[index - offset];
      bar.style.height = sample ? `${(sample.queued / scale) * 100}%` : '0';
      bar.classList.toggle('offline', sample !== undefined && !sample.online);
      bar.classList.toggle('empty', sample === undefined || sample.queued === 0);
    });
  }
}
