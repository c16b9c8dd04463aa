// zod validation at the edge: invalid input becomes an AppError with a message the user can act on, and the
// handler never runs (nothing is written).
import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type { z } from "zod";
import { AppError, type ErrorCode } from "./errors";

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
