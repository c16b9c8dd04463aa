// zod validation at the edge: invalid input becomes an AppError with a message the user can act on, and the
// handler never runs (nothing is written).
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import { z } from "zod";
import { zhCN } from "zod/locales";
import { AppError, type ErrorCode } from "./errors";

// zod's own messages (for checks without a message of ours) in the catalogue's language, never English.
z.config(zhCN());

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
