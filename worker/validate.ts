// zod validation at the edge: invalid input becomes an AppError with a message the user can act on, and the
// handler never runs (nothing is written).
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { en, zhCN, zhTW } from "zod/locales";
import { currentLocale, type Locale } from "../views/i18n";
import { AppError, type ErrorCode } from "./errors";

// zod's own messages (for checks without a message of ours) in the request's language, looked up when an issue
// is made (a config built once with one locale would answer every request in it).
const zodLocales: Record<Locale, ReturnType<typeof zhCN>> = { "zh-CN": zhCN(), "zh-Hant": zhTW(), en: en() };
z.config({ localeError: (issue) => zodLocales[currentLocale()].localeError?.(issue) });

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
  code: ErrorCode = "VALIDATION_FAILED",
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      throw new AppError(code, `${where}${issue?.message ?? "invalid"}`);
    }
  });
}
