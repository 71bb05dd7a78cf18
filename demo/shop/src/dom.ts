/**
 * A few lines instead of a framework: build elements from a tag, attributes
 * and children. Text goes in as text nodes, never as HTML, so a search term
 * cannot inject markup.
 */

type Attributes = Record<string, string | number | boolean | EventListener | undefined>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) setAttribute(element, name, value);
  element.append(...toNodes(children.flat()));
  return element;
}

/** `onclick` style names become listeners; `true` is a bare attribute; `false` none. */
function setAttribute(element: HTMLElement, name: string, value: Attributes[string]): void {
  if (value === undefined || value === false) return;
  if (typeof value === 'function') {
    element.addEventListener(name.slice(2), value);
    return;
  }
  element.setAttribute(name, value === true ? '' : String(value));
}

function toNodes(children: Child[]): (Node | string)[] {
  return children
    .filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (typeof child === 'number' ? String(child) : (child as Node | string)));
}

/** The element with `id`, which the page's markup promises. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`demo shop: #${id} is missing from index.html`);
  return element as T;
}

/** An SVG element: `document.createElement` would make an inert HTML one. */
export function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}
