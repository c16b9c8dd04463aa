import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

// VNode<any>: accepts JSX elements and h(Component, props) calls alike.
// biome-ignore lint/suspicious/noExplicitAny: a page is any component's vnode
type AnyVNode = VNode<any>;

/** A whole document: the doctype followed by <html>…</html> from <Layout>. */
export function renderPage(vnode: AnyVNode): string {
  return "<!doctype html>" + renderToString(vnode);
}

/** An htmx fragment (e.g. <Catalog> for #catalog): no doctype, no layout. */
export function renderFragment(vnode: AnyVNode): string {
  return renderToString(vnode);
}
