import { cloneElement, createElement, Fragment, isValidElement, type ReactElement, type ReactNode } from "react";
import { useTranslation } from "./translation";

// react-i18next's `Trans` as the portal uses it, with the page's translator (app/translation.tsx):
// a module of its own, so that the pages without one do not load it.

type Options = Record<string, unknown>;

// The tags react-i18next keeps without a component being given for them.
const PLAIN_TAGS = new Set(["br", "strong", "i", "p"]);

type Tree = { name: string; children: (string | Tree)[] };

/**
 * A message whose words hold elements: `<link>the page</link>` is the element given as
 * `components.link` with the words inside it (or, if the message puts none, its own).
 * A tag no component answers stays text, so a name interpolated into the words is shown as written.
 */
export function Trans({ i18nKey, values, count, components = {} }: { i18nKey: string; values?: Options; count?: number; components?: Record<string, ReactElement> | ReactElement[] }) {
  const { t } = useTranslation();
  const text = t(i18nKey, { ...values, ...(count === undefined ? {} : { count }) });
  const known = (name: string) => PLAIN_TAGS.has(name) || isValidElement((components as Record<string, ReactElement>)[name]);
  const root: Tree = { name: "", children: [] };
  const open: Tree[] = [root];
  let at = 0;
  for (const tag of text.matchAll(/<(\/?)([\w-]+)\s*(\/?)>/g)) {
    const [whole, closing, name = "", selfClosing] = tag;
    const here = open[open.length - 1]!;
    const closes = closing && open.length > 1 && here.name === name;
    if (!known(name) || (closing && !closes)) continue;
    if (tag.index > at) here.children.push(text.slice(at, tag.index));
    at = tag.index + whole.length;
    if (closes) open.pop();
    else {
      const element: Tree = { name, children: [] };
      here.children.push(element);
      if (!selfClosing) open.push(element);
    }
  }
  if (at < text.length) open[open.length - 1]!.children.push(text.slice(at));
  const render = (nodes: (string | Tree)[]): ReactNode[] =>
    nodes.map((node, key) => {
      if (typeof node === "string") return node;
      const given = (components as Record<string, ReactElement>)[node.name];
      const inner = render(node.children);
      if (!isValidElement(given)) return createElement(node.name, { key }, ...(inner.length ? inner : []));
      return inner.length ? cloneElement(given, { key }, ...inner) : cloneElement(given, { key });
    });
  return createElement(Fragment, null, ...render(root.children));
}
