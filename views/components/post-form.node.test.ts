// <PostForm> is the one place a form gets its CSRF field: it renders the token first and passes every other
// attribute through in order; and no view writes a `_csrf` input (or a form that posts) by hand.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { h } from "preact";
import { describe, expect, test } from "vitest";
import { renderFragment } from "../render";
import { CSRF_FIELD, PostForm, type PostFormProps } from "./post-form";

const VIEWS = join(dirname(fileURLToPath(import.meta.url)), "..");

function viewFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return viewFiles(path);
    return path.endsWith(".tsx") && !path.endsWith(".test.tsx") ? [path] : [];
  });
}

describe("PostForm", () => {
  test("renders a POST form whose first field is the CSRF token, the other attributes as given", () => {
    const html = renderFragment(
      h(
        PostForm,
        // hx-* attributes are untyped in JSX (hyphenated), so the props object says what it is
        { csrf: "c0ffee", id: "f", class: "fields", method: "post", action: "/x", "hx-post": "/x" } as PostFormProps,
        h("button", { type: "submit" }, "go"),
      ),
    );
    expect(html).toBe(
      `<form id="f" class="fields" method="post" action="/x" hx-post="/x"><input type="hidden" name="${CSRF_FIELD}" value="c0ffee"/><button type="submit">go</button></form>`,
    );
  });

  test("no view renders a POST form or a CSRF field by hand", () => {
    const own = join(VIEWS, "components", "post-form.tsx");
    const offenders = viewFiles(VIEWS)
      .filter((f) => f !== own)
      .flatMap((f) => {
        const src = readFileSync(f, "utf8");
        const bad: string[] = [];
        if (/name=["{]_csrf|name=\{CSRF_FIELD\}/.test(src)) bad.push("a hand-written CSRF field");
        // a <form …> (not <PostForm …>) whose attributes say it posts
        for (const m of src.matchAll(/<form\b((?:[^>{]|\{[^}]*\})*)>/g))
          if (/method="post"|hx-post|method:\s*"post"/.test(m[1]!) || /\{\.\.\.hx\(/.test(m[1]!))
            bad.push(`a POST <form> without PostForm: ${m[0].slice(0, 60)}`);
        return bad.map((b) => `${relative(VIEWS, f)}: ${b}`);
      });
    expect(offenders).toEqual([]);
  });
});
