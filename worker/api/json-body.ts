// A JSON request body validated with zod, as worker/validate.ts does for other targets: the handler reads
// it with c.req.valid("json"). Before the schema runs the body must be JSON: a body with another
// Content-Type, or JSON that does not parse, is a 400 BAD_REQUEST (Hono's own validator would throw a bare
// HTTPException, which the app answers as a 500). An empty body is validated as {}.
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError } from "../errors";
import type { validate } from "../validate";
import { t } from "../../views/i18n";

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function jsonBody<T extends z.ZodType>(schema: T) {
  const middleware: ReturnType<typeof validate<T, keyof ValidationTargets & "json">> = async (c, next) => {
    const body = await c.req.arrayBuffer();
    let value: unknown = {};
    if (body.byteLength > 0) {
      const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim();
      if (!JSON_TYPE.test(type)) throw new AppError("BAD_REQUEST", t("api.body.contentType"));
      try {
        const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
        value = text.trim() === "" ? {} : JSON.parse(text);
      } catch {
        throw new AppError("BAD_REQUEST", t("api.body.json"));
      }
    }
    const result = await schema.safeParseAsync(value);
    if (!result.success) {
      // Worded as worker/validate.ts words it: the first issue, prefixed with its field.
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      throw new AppError("VALIDATION_FAILED", `${where}${issue?.message ?? "invalid"}`);
    }
    c.req.addValidatedData("json", result.data as object);
    await next();
  };
  return middleware;
}
