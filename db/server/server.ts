// A local libSQL server for development and tests, standing in for `turso dev` / sqld: the libSQL
// engine (the `libsql` driver) on a file, behind the Hrana-over-HTTP endpoints that `@libsql/client`
// (Node, `http://` URL) and `@libsql/client/web` (inside a Worker) speak.
//
//   GET  /, /health, /v2, /v3      200 (version probes: the client only checks the status)
//   GET  /v3-protobuf              404, so a client probing for v3 falls back to v2 JSON
//   POST /v2/pipeline, /v3/pipeline    JSON pipeline (see pipeline.ts)
//   POST /v3/cursor                JSON cursor, newline-delimited entries
//
// No authentication: any (or no) `Authorization` header is accepted, as `turso dev` does.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { LockWaiters, type BusyRetryOptions } from "./busy-wait";
import { ConnectionPool } from "./connection-pool";
import { HttpError } from "./errors";
import { handlePipeline, openCursor, type HranaContext, type ProtocolVersion } from "./pipeline";
import { StreamRegistry } from "./streams";

export interface LibsqlServerOptions {
  /** The database file (created, with its directory, if missing). */
  file: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Log every request and stream expiry to the console. */
  log?: boolean;
  /** A stream with no request for this long expires, rolling back its transaction. Default 10 000 (sqld). */
  streamIdleTimeoutMs?: number;
  /** How long a statement keeps retrying while the database is locked by another stream. Default 5 000. */
  busyTimeoutMs?: number;
}

export interface LibsqlServer {
  /** `http://host:port`, for `createClient({ url })`. */
  url: string;
  port: number;
  /** Ends all streams (rolling back open transactions), closes the connections and the HTTP server. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * How long an idle keep-alive connection stays open. Longer than any client's connection pool keeps one:
 * workerd's HTTP client reuses a pooled connection idle up to 5 s (ignoring the `Keep-Alive: timeout` hint),
 * Node's default here was also 5 s, and a request written on a connection the server was closing at that
 * moment failed with ECONNRESET (intermittent 500s under load). The client closes first now.
 */
export const KEEP_ALIVE_MS = 65_000;

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, x-turso-encryption-key",
};

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  // The client parses error bodies only if the content type is exactly "application/json".
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(body), ...CORS_HEADERS });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
  send(res, status, "application/json", JSON.stringify(body));
const sendText = (res: ServerResponse, status: number, body: string): void => send(res, status, "text/plain", body);

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes`, "PAYLOAD_TOO_LARGE");
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch (e) {
    throw new HttpError(
      400,
      `Cannot deserialize client message from JSON: ${(e as Error).message}`,
      "JSON_DESERIALIZE",
    );
  }
}

const PIPELINES: Record<string, ProtocolVersion> = { "/v2/pipeline": 2, "/v3/pipeline": 3 };
const GET_PATHS: Record<string, string> = {
  "/": "Hello, this is a local libSQL server (Hrana over HTTP, JSON, versions 2 and 3)\n",
  "/health": "ok\n",
  "/v2": "Hrana over HTTP v2 (JSON)\n",
  "/v3": "Hrana over HTTP v3 (JSON)\n",
};

async function route(ctx: HranaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? "GET";
  const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";

  if (method === "OPTIONS") {
    res.writeHead(204, CORS_HEADERS).end();
    return;
  }
  if (method === "GET" || method === "HEAD") {
    const text = GET_PATHS[path];
    if (text !== undefined) return sendText(res, 200, text);
    if (path === "/v3-protobuf")
      return sendText(res, 404, "The Protobuf encoding is not supported by this server; use JSON\n");
  }
  if (method === "POST") {
    const version = PIPELINES[path];
    if (version !== undefined) {
      const body = await readJson(req);
      return sendJson(res, 200, await handlePipeline(ctx, version, body));
    }
    if (path === "/v3/cursor") {
      const cursor = openCursor(ctx, await readJson(req));
      res.writeHead(200, { "content-type": "text/plain", ...CORS_HEADERS });
      res.write(`${JSON.stringify(cursor.head)}\n`);
      await cursor.run((entry) => res.write(`${JSON.stringify(entry)}\n`));
      res.end();
      return;
    }
  }
  const known = path in GET_PATHS || path in PIPELINES || path === "/v3/cursor" || path === "/v3-protobuf";
  if (known) throw new HttpError(405, `Method ${method} is not allowed on ${path}`, "METHOD_NOT_ALLOWED");
  throw new HttpError(404, `No such endpoint: ${method} ${path}`, "NOT_FOUND");
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const host = opts.host ?? "127.0.0.1";
  const log = opts.log === true ? (msg: string): void => console.log(`[libsql-server] ${msg}`) : (): void => {};
  const abort = new AbortController();
  const waiters = new LockWaiters();
  const busy: BusyRetryOptions = { waiters, timeoutMs: opts.busyTimeoutMs ?? 5_000, signal: abort.signal };

  const pool = await ConnectionPool.open(resolve(opts.file), { busy });
  const idleTimeoutMs = opts.streamIdleTimeoutMs ?? 10_000;
  const registry = new StreamRegistry(pool, { idleTimeoutMs, log });
  const ctx: HranaContext = { registry, busy };
  const sweeper = setInterval(() => registry.sweep(), Math.max(10, Math.min(1_000, idleTimeoutMs / 4)));
  sweeper.unref();

  let inFlight = 0;
  let drained: (() => void) | undefined;

  const server = createServer((req, res) => {
    inFlight++;
    const started = performance.now();
    route(ctx, req, res)
      .catch((e: unknown) => {
        if (!(e instanceof HttpError)) console.error("[libsql-server] internal error:", e);
        const status = e instanceof HttpError ? e.status : 500;
        const body = {
          message: e instanceof Error ? e.message : String(e),
          code: e instanceof HttpError ? e.code : "INTERNAL_ERROR",
        };
        if (!res.headersSent) sendJson(res, status, body);
        else res.end();
      })
      .finally(() => {
        log(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
        if (--inFlight === 0) drained?.();
      });
  });

  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000; // must exceed keepAliveTimeout (Node)

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off("error", reject);
        resolveListen();
      });
    });
  } catch (e) {
    clearInterval(sweeper);
    pool.closeAll();
    throw e;
  }

  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  log(`listening on ${url}, database ${resolve(opts.file)}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Stop accepting, make waiting statements give up (503), let running requests finish.
      const serverClosed = new Promise<void>((r) => server.close(() => r()));
      abort.abort();
      waiters.notify();
      clearInterval(sweeper);
      if (inFlight > 0) {
        await new Promise<void>((r) => {
          drained = r;
          setTimeout(r, 2_000).unref();
        });
      }
      registry.closeAll();
      pool.closeAll();
      server.closeAllConnections();
      await serverClosed;
      log("closed");
    })();
    return closing;
  };

  return { url, port, close };
}
