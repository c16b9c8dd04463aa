import type { ComponentChildren } from "preact";

export type MessageProps = {
  /** warn: errors and 404; empty: nothing to show yet */
  icon: "warn" | "empty";
  title: string;
  text?: string;
  /** a link styled as a button, e.g. back home */
  action?: { href: string; label: string };
  /** "h1" on a whole page, "h3" inside a section */
  heading?: "h1" | "h2" | "h3";
  children?: ComponentChildren;
};

/** WeUI "msg" block: icon, title, description, action. */
export function Message({ icon, title, text, action, heading: Heading = "h1", children }: MessageProps) {
  return (
    <div class={`msg msg--${icon}`}>
      <span class="msg__icon" aria-hidden="true" />
      <Heading class="msg__title">{title}</Heading>
      {text && <p class="msg__text">{text}</p>}
      {children}
      {action && (
        <a class="btn" href={action.href}>
          {action.label}
        </a>
      )}
    </div>
  );
}
