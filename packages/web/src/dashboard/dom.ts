/** Children accepted by `h`: nodes, text (set as text, never parsed as HTML), or nothing. */
export type Child = Node | string | number | null | undefined | false | Child[]

type Attrs = Record<string, string | number | boolean | undefined | null | ((event: Event) => void)>

/**
 * Creates an element. Attribute values and text are never interpreted as HTML, so data from the
 * API cannot inject markup. `on<event>` members become listeners; `false`/`null` skip an attribute.
 */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value)
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  append(node, children)
  return node
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) append(parent, child)
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Creates an SVG element; attributes only (presentation attributes, so a strict CSP allows them). */
export function s(
  tag: string,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElement {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value))
  append(node, children)
  return node
}
