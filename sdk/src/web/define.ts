/**
 * Defines a custom element once. The kit reaches the browser as one shared chunk, but a plugin
 * bundled on its own could carry a second copy; defining a tag twice throws and would take the
 * whole plugin module down with it.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
