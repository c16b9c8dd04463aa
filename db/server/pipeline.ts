// The two Hrana-over-HTTP request kinds, independent of HTTP:
//
//  - pipeline (`POST /v2/pipeline`, `/v3/pipeline`): a baton (or none, to open a stream) and a list
//    of stream requests, executed in order; the response has one result per request and the baton
//    for the next request (null once the stream is closed).
//  - cursor (`POST /v3/cursor`): one batch whose results are streamed as newline-delimited JSON
//    entries. No official client reaches it over JSON: @libsql/client 0.18 speaks v2 (no probing at
//    all), and hrana-client negotiates v3 only over Protobuf (it probes /v3-protobuf; its JSON v3
//    endpoint is commented out). Implemented for completeness and for hand-written clients.
//
// A request that fails at the protocol level (bad JSON, invalid baton, unknown sql_id...) throws
// HttpError and its stream is dropped, as sqld does; statement errors are results.

import { executeBatch, protoError, runBatch, validateBatch } from "./batch";
import type { BusyRetryOptions } from "./busy-wait";
import { HranaError, HttpError, ProtocolError } from "./errors";
import { describeSql, executeSequence, executeStmt, resolveSql, type ExecContext } from "./execute";
import {
  decodeCursorReq,
  decodePipelineReq,
  type CursorEntry,
  type CursorRespBody,
  type PipelineRespBody,
  type StreamRequest,
  type StreamResponse,
  type StreamResult,
} from "./protocol";
import type { HranaStream, StreamRegistry } from "./streams";

export type ProtocolVersion = 2 | 3;

export interface HranaContext {
  registry: StreamRegistry;
  busy: BusyRetryOptions;
}

// sqld's limits on stored SQL texts.
const MAX_STORED_SQLS = 50;
const MAX_STORED_SQL_BYTES = 5000;

function execContext(ctx: HranaContext, stream: HranaStream): ExecContext {
  if (stream.conn === null) throw new ProtocolError("Stream for this baton was closed", "BATON_STREAM_CLOSED");
  return { conn: stream.conn, sqls: stream.sqls, busy: ctx.busy };
}

function requireV3(version: ProtocolVersion, what: string): void {
  if (version < 3)
    throw new ProtocolError(`${what} is only supported in protocol version hrana3 and higher`, "NOT_SUPPORTED");
}

async function handleRequest(
  ctx: HranaContext,
  version: ProtocolVersion,
  stream: HranaStream,
  req: StreamRequest,
): Promise<StreamResponse> {
  switch (req.type) {
    case "close":
      ctx.registry.closeConn(stream);
      return { type: "close" };
    case "execute":
      return { type: "execute", result: await executeStmt(execContext(ctx, stream), req.stmt) };
    case "batch":
      validateBatch(req.batch, version);
      return { type: "batch", result: await executeBatch(execContext(ctx, stream), req.batch) };
    case "sequence": {
      const ec = execContext(ctx, stream);
      await executeSequence(ec, resolveSql(req.sql, req.sql_id, stream.sqls));
      return { type: "sequence" };
    }
    case "describe": {
      const ec = execContext(ctx, stream);
      return { type: "describe", result: await describeSql(ec, resolveSql(req.sql, req.sql_id, stream.sqls)) };
    }
    case "store_sql":
      if (stream.sqls.has(req.sql_id)) throw new ProtocolError(`SQL text ${req.sql_id} already exists`, "SQL_EXISTS");
      if (stream.sqls.size >= MAX_STORED_SQLS) {
        throw new HranaError(
          `The server already stores ${stream.sqls.size} SQL texts, it cannot store more`,
          "SQL_STORE_TOO_MANY",
        );
      }
      if (Buffer.byteLength(req.sql) > MAX_STORED_SQL_BYTES) {
        throw new HranaError(
          `The statement is too large to be stored: ${Buffer.byteLength(req.sql)}/${MAX_STORED_SQL_BYTES} bytes`,
          "SQL_STORE_TOO_LARGE",
        );
      }
      stream.sqls.set(req.sql_id, req.sql);
      return { type: "store_sql" };
    case "close_sql":
      stream.sqls.delete(req.sql_id);
      return { type: "close_sql" };
    case "get_autocommit":
      requireV3(version, "The `get_autocommit` request");
      return { type: "get_autocommit", is_autocommit: execContext(ctx, stream).conn.isAutocommit() };
  }
}

export async function handlePipeline(
  ctx: HranaContext,
  version: ProtocolVersion,
  body: unknown,
): Promise<PipelineRespBody> {
  const req = decodePipelineReq(body);
  const stream = req.baton === null ? ctx.registry.open() : ctx.registry.acquire(req.baton);
  try {
    const results: StreamResult[] = [];
    for (const request of req.requests) {
      try {
        results.push({ type: "ok", response: await handleRequest(ctx, version, stream, request) });
      } catch (e) {
        if (!(e instanceof HranaError)) throw e;
        results.push({ type: "error", error: protoError(e) });
      }
    }
    if (stream.conn === null) {
      ctx.registry.discard(stream);
      return { baton: null, base_url: null, results };
    }
    const baton = ctx.registry.issueBaton(stream);
    ctx.registry.release(stream);
    // base_url stays null: the client keeps using the URL it was given, which is right whatever
    // host name it used to reach us (127.0.0.1, localhost, a container alias...).
    return { baton, base_url: null, results };
  } catch (e) {
    ctx.registry.discard(stream);
    throw e;
  }
}

export interface OpenCursor {
  /** The first line of the response. */
  head: CursorRespBody;
  /** Runs the batch, emitting entries; never throws (failures become an `error` entry). */
  run(emit: (entry: CursorEntry) => void): Promise<void>;
}

/**
 * Validates a cursor request and acquires its stream; throws HttpError before anything is sent if
 * the request is bad. The baton for the next request goes in the head, but the stream stays busy
 * until the batch has run.
 */
export function openCursor(ctx: HranaContext, body: unknown): OpenCursor {
  const req = decodeCursorReq(body);
  validateBatch(req.batch, 3);
  const stream = req.baton === null ? ctx.registry.open() : ctx.registry.acquire(req.baton);
  let ec: ExecContext;
  try {
    ec = execContext(ctx, stream);
  } catch (e) {
    ctx.registry.discard(stream);
    throw e;
  }
  const head: CursorRespBody = { baton: ctx.registry.issueBaton(stream), base_url: null };
  return {
    head,
    async run(emit) {
      try {
        await runBatch(ec, req.batch, (step, outcome) => {
          if (outcome.type === "ok") {
            emit({ type: "step_begin", step, cols: outcome.result.cols });
            for (const row of outcome.result.rows) emit({ type: "row", row });
            emit({
              type: "step_end",
              affected_row_count: outcome.result.affected_row_count,
              last_insert_rowid: outcome.result.last_insert_rowid,
            });
          } else if (outcome.type === "error") {
            emit({ type: "step_error", step, error: protoError(outcome.error) });
          }
          // skipped steps produce no entry
        });
        ctx.registry.release(stream);
      } catch (e) {
        const code = e instanceof HttpError ? e.code : "INTERNAL_ERROR";
        emit({ type: "error", error: { message: e instanceof Error ? e.message : String(e), code } });
        ctx.registry.discard(stream);
      }
    },
  };
}
