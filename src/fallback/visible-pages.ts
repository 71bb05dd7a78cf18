/**
 * Which pages of the site are visible, for engines that run in pages and so
 * have no `clients.matchAll()`. Each visible page holds a Web Lock named
 * after it; the browser releases it when the page hides, closes or crashes.
 */
const PREFIX = 'exponea-sw:visible:';

export class VisiblePages {
  #release: (() => void) | null = null;
  /** Other visible pages, as last counted: `pagehide` leaves no time to ask. */
  othersLastCounted = 0;

  constructor(private readonly pageId: string) {}

  /** Call on every visibility change of this page. */
  update(visible: boolean): void {
    const locks = navigator.locks;
    if (!locks) return;

    if (visible && !this.#release) {
      void locks.request(
        `${PREFIX}${this.pageId}`,
        () =>
          new Promise<void>((resolve) => {
            this.#release = resolve;
          }),
      );
    }
    if (!visible && this.#release) {
      this.#release();
      this.#release = null;
    }
    void this.count(this.pageId);
  }

  /** Visible pages of the site other than `exceptPage`. */
  async count(exceptPage?: string): Promise<number> {
    const locks = navigator.locks;
    if (!locks) return 0;

    const { held = [] } = await locks.query();
    const visible = held.filter(
      (lock) => lock.name?.startsWith(PREFIX) && lock.name !== `${PREFIX}${exceptPage}`,
    ).length;
    if (exceptPage === this.pageId) this.othersLastCounted = visible;
    return visible;
  }
}
