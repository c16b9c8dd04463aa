import type { ComponentChildren } from "preact";

export type MoreItemProps = {
  /** the next page without JS */
  href: string;
  /** the next rows as a fragment (this list's rows component) */
  hxGet: string;
  /** marks the link with data-more (tests find it by that) */
  dataMore?: boolean;
  children: ComponentChildren;
};

/** The last <li> of a paged list: a link to the next page that, with htmx, replaces itself with the next rows. */
export function MoreItem({ href, hxGet, dataMore, children }: MoreItemProps) {
  return (
    <li class="ledger__more">
      <a href={href} hx-get={hxGet} hx-target="closest li" hx-swap="outerHTML" data-more={dataMore || undefined}>
        {children}
      </a>
    </li>
  );
}
