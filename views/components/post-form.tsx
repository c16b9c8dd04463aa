import type { ComponentChildren, JSX } from "preact";

/** The form field that carries the session's CSRF token (checked by worker/identity/csrf.ts). */
export const CSRF_FIELD = "_csrf";

export type PostFormProps = Omit<JSX.IntrinsicElements["form"], "method"> & {
  method: "post";
  /** the session's CSRF token (the shopper's or the console's) */
  csrf: string;
  children?: ComponentChildren;
};

/**
 * Every state-changing form of the pages and the console: a POST form whose first field is the CSRF token,
 * so no form can forget it. The other attributes (action, hx-*, class, id) pass through in their order.
 */
export function PostForm({ csrf, children, ...form }: PostFormProps) {
  return (
    <form {...form}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
    </form>
  );
}
