// For the items console tests: multipart posts (forms with files) and creating an item through the form.
import { expect } from "vitest";
import { pageCsrf, postForm } from "../test-admin";

export function postMultipart(
  path: string,
  cookie: string,
  fields: Record<string, string | string[]>,
  files: { name: string; file: File }[] = [],
): Promise<Response> {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  for (const f of files) body.append(f.name, f.file);
  return postForm(path, cookie, body);
}

export const uniqueSku = (prefix = "T") => `${prefix}-${crypto.randomUUID().slice(0, 12)}`;

/** Creates an item through the console's form; answers its id. */
export async function createThroughForm(
  owner: string,
  fields: Record<string, string | string[]>,
  files: { name: string; file: File }[] = [],
): Promise<number> {
  const csrf = await pageCsrf(owner, "/admin/items/new");
  const res = await postMultipart(
    "/admin/items",
    owner,
    { _csrf: csrf, type: "physical", stock: "10", description: "", ...fields },
    files,
  );
  if (res.status !== 303) console.error(await res.text());
  expect(res.status).toBe(303);
  const m = /^\/admin\/items\/([0-9]+)\?notice=/.exec(res.headers.get("location") ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}
