// Batches: statements executed in order, each guarded by an optional condition on the outcome of
// earlier steps. `@libsql/client`'s `batch(stmts, mode)` is sent as one batch:
//
//   0: BEGIN IMMEDIATE                 (or DEFERRED / TRANSACTION READONLY)
//   1: stmt 1        if ok(0)          [protocol v3 adds: and not(is_autocommit)]
//   n: stmt n        if ok(n-1)
//   n+1: COMMIT      if ok(n)
//   n+2: ROLLBACK    if not(ok(n+1))
//
// so a failing statement skips the rest and the COMMIT, and the ROLLBACK undoes everything. A step
// that hits SQLITE_BUSY (typically the BEGIN IMMEDIATE, while another stream holds the write lock) is
// retried asynchronously inside `executeStmt`, so the batch waits for the lock instead of failing.

import type { ExecContext } from "./execute";
import { executeStmt } from "./execute";
import { HranaError, ProtocolError } from "./errors";
import type { BatchResult, ProtoBatch, ProtoBatchCond, ProtoError, StmtResult } from "./protocol";

export type StepOutcome =
  | { type: "skipped" }
  | { type: "ok"; result: StmtResult }
  | { type: "error"; error: HranaError };

export function protoError(e: HranaError): ProtoError {
  const out: ProtoError = { message: e.message, code: e.code };
  if (e.extendedCode !== undefined) out.extended_code = e.extendedCode;
  return out;
}

/**
 * Rejects what sqld rejects before running anything: a condition referring to the step itself or a
 * later one, and `is_autocommit` on protocol version 2.
 */
export function validateBatch(batch: ProtoBatch, version: number): void {
  const check = (cond: ProtoBatchCond, stepIndex: number): void => {
    switch (cond.type) {
      case "ok":
      case "error":
        if (cond.step < 0 || cond.step >= stepIndex)
          throw new ProtocolError("Invalid reference to step in a batch condition", "BATCH_COND_BAD_STEP");
        return;
      case "not":
        return check(cond.cond, stepIndex);
      case "and":
      case "or":
        for (const c of cond.conds) check(c, stepIndex);
        return;
      case "is_autocommit":
        if (version < 3)
          throw new ProtocolError(
            "BatchCond of type `is_autocommit` is only supported in protocol version hrana3 and higher",
            "NOT_SUPPORTED",
          );
        return;
    }
  };
  batch.steps.forEach((step, i) => {
    if (step.condition !== undefined) check(step.condition, i);
  });
}

/**
 * Evaluates a condition. `ok(i)` holds if step i ran and succeeded; `error(i)` if it ran and failed
 * (a skipped step satisfies neither, as the Hrana spec and hrana-client document; note that sqld
 * itself implements `error(i)` as `not ok(i)`, which @libsql/client never relies on).
 */
function evalCond(cond: ProtoBatchCond, outcomes: StepOutcome["type"][], isAutocommit: () => boolean): boolean {
  switch (cond.type) {
    case "ok":
      return outcomes[cond.step] === "ok";
    case "error":
      return outcomes[cond.step] === "error";
    case "not":
      return !evalCond(cond.cond, outcomes, isAutocommit);
    case "and":
      return cond.conds.every((c) => evalCond(c, outcomes, isAutocommit));
    case "or":
      return cond.conds.some((c) => evalCond(c, outcomes, isAutocommit));
    case "is_autocommit":
      return isAutocommit();
  }
}

/**
 * Runs the steps in order and reports each outcome to `onStep` as soon as it is known (the cursor
 * endpoint streams them). Statement errors are outcomes; protocol errors abort the batch.
 */
export async function runBatch(
  ctx: ExecContext,
  batch: ProtoBatch,
  onStep: (step: number, outcome: StepOutcome) => void,
): Promise<void> {
  const outcomes: StepOutcome["type"][] = [];
  const isAutocommit = (): boolean => ctx.conn.isAutocommit();
  for (const [i, step] of batch.steps.entries()) {
    let outcome: StepOutcome;
    if (step.condition !== undefined && !evalCond(step.condition, outcomes, isAutocommit)) {
      outcome = { type: "skipped" };
    } else {
      try {
        outcome = { type: "ok", result: await executeStmt(ctx, step.stmt) };
      } catch (e) {
        if (!(e instanceof HranaError)) throw e;
        outcome = { type: "error", error: e };
      }
    }
    outcomes.push(outcome.type);
    onStep(i, outcome);
  }
}

/** The `batch` request: all outcomes collected into one result. */
export async function executeBatch(ctx: ExecContext, batch: ProtoBatch): Promise<BatchResult> {
  const result: BatchResult = { step_results: [], step_errors: [] };
  await runBatch(ctx, batch, (_, outcome) => {
    result.step_results.push(outcome.type === "ok" ? outcome.result : null);
    result.step_errors.push(outcome.type === "error" ? protoError(outcome.error) : null);
  });
  return result;
}
