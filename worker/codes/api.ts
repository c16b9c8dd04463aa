// Merchant API: redeem-code batches (/api/v1/code-batches). POST answers the codes once: the mall keeps only
// their hashes, so the answer is not kept either — the same ref with the same body again answers the batch with
// `codes: null` (200), another body REF_CONFLICT (409). (This is why the endpoint does not use refOnce(), whose
// stored answer would keep the codes in api_idempotency.) The ref is the batch's own, unique in code_batches.
import { Hono } from "hono";
import { t } from "../../views/i18n";
import { apiAuth } from "../api/auth";
import { jsonBody } from "../api/json-body";
import { CodeBatchIdParams, type CodeBatchView, CreateCodeBatchBody, type CreateCodeBatchResult } from "../api/schemas";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { validate } from "../validate";
import { type BatchView, createBatch, readBatch } from "./batches";
import { displayCode } from "./code-text";

const iso = (ms: number) => new Date(ms).toISOString();

export function batchView(b: BatchView): CodeBatchView {
  return {
    id: b.id,
    name: b.name,
    points: b.points,
    count: b.count,
    used: b.used,
    unused: b.unused,
    expiresAt: b.expiresAt === null ? null : iso(b.expiresAt),
    perMemberLimit: b.perMemberLimit,
    disabled: b.disabled,
    createdAt: iso(b.createdAt),
  };
}

export const codeBatchesApi = new Hono<AppEnv>()
  .use(apiAuth())
  .post("/", jsonBody(CreateCodeBatchBody), async (c) => {
    const body = c.req.valid("json");
    const now = Date.now();
    const expiresAt = body.expiresAt === undefined ? null : Date.parse(body.expiresAt);
    if (expiresAt !== null && expiresAt <= now)
      throw new AppError("VALIDATION_FAILED", `expiresAt: ${t("codes.api.expiresPast")}`);
    const r = await createBatch(c.var.db, {
      ref: `api:${body.ref}`,
      actor: c.var.apiCaller,
      now,
      name: body.name,
      points: body.points,
      count: body.count,
      expiresAt,
      perMemberLimit: body.perMemberLimit ?? null,
    });
    if (!r.ok) throw new AppError("REF_CONFLICT");
    const used = r.codes ? 0 : ((await readBatch(c.var.db, r.batch.id))?.used ?? 0);
    const answer: CreateCodeBatchResult = {
      ...batchView({ ...r.batch, used, unused: r.batch.count - used }),
      codes: r.codes ? r.codes.map(displayCode) : null,
    };
    return c.json(answer, r.codes ? 201 : 200);
  })
  .get("/:id", validate("param", CodeBatchIdParams), async (c) => {
    const b = await readBatch(c.var.db, c.req.valid("param").id);
    if (!b) throw new AppError("CODE_BATCH_NOT_FOUND");
    return c.json(batchView(b));
  });
