/**
 * The flush mode switch and the "Flush now" button. The switch shows the
 * mode the engine reports, not the last button pressed, so a mode set in
 * another tab shows here too.
 */
import { FlushMode, type Exponea } from '../../../../src/index';
import { byId, h } from '../dom';
import { describeFlush } from './format';

const LABELS: Record<FlushMode, string> = {
  immediate: 'Immediate',
  period: 'Period',
  appClose: 'App close',
  manual: 'Manual',
};

const HINTS: Record<FlushMode, (periodSeconds: number) => string> = {
  immediate: () => 'Sent as soon as it is tracked.',
  period: (seconds) => `Sent every ${seconds} s while a page is open.`,
  appClose: () => 'Sent when the last tab of the shop is hidden or closed.',
  manual: () => 'Sent only when you press “Flush now”.',
};

export class FlushControls {
  readonly #exponea: Exponea;
  readonly #buttons: Map<FlushMode, HTMLButtonElement>;
  readonly #result = byId<HTMLOutputElement>('flush-result');

  /** `changed` is called after a change, to show its effect without waiting for a poll. */
  constructor(exponea: Exponea, changed: () => void) {
    this.#exponea = exponea;
    const modes = Object.values(FlushMode);
    this.#buttons = new Map(modes.map((mode) => [mode, this.#modeButton(mode, changed)]));
    byId('flush-modes').replaceChildren(...this.#buttons.values());
    byId('flush-now').addEventListener('click', () => void this.#flushNow(changed));
  }

  show(mode: FlushMode, periodMs: number): void {
    for (const [each, button] of this.#buttons) {
      button.setAttribute('aria-pressed', String(each === mode));
    }
    byId('mode-hint').textContent = HINTS[mode](Math.round(periodMs / 1_000));
  }

  #modeButton(mode: FlushMode, changed: () => void): HTMLButtonElement {
    const choose = async () => {
      try {
        await this.#exponea.setFlushMode(mode);
        changed();
      } catch (error) {
        this.#result.textContent = `Mode not changed: ${codeOf(error)}`;
      }
    };
    return h(
      'button',
      { type: 'button', 'aria-pressed': 'false', onclick: () => void choose() },
      LABELS[mode],
    );
  }

  async #flushNow(changed: () => void): Promise<void> {
    const button = byId<HTMLButtonElement>('flush-now');
    button.disabled = true;
    this.#result.textContent = 'Flushing…';
    try {
      this.#result.textContent = describeFlush(await this.#exponea.flushData());
    } catch (error) {
      this.#result.textContent = `Failed: ${codeOf(error)}`;
    } finally {
      button.disabled = false;
      changed();
    }
  }
}

function codeOf(error: unknown): string {
  const { code, name } = error as { code?: string; name?: string };
  return code ?? name ?? 'error';
}
