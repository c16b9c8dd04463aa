// Hrana-over-HTTP streams and their batons.
//
// A request without a baton opens a new stream (with its own connection from the pool). Every
// response that leaves the stream open carries a fresh baton, and the next request on the stream must
// present exactly that baton: an old one is "reused" (this is how the protocol keeps a stream's
// requests sequential). Batons are `<stream id>.<token>`, both random and unguessable; the token
// changes on every response.
//
// A stream that sees no request for `idleTimeoutMs` (sqld: 10 s) expires: its transaction, if any, is
// rolled back and its connection goes back to the pool. Its id is remembered for a while so that a
// late request gets "stream expired" rather than "invalid baton".

import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ConnectionPool } from "./connection-pool";
import type { Connection } from "./connection";
import { ProtocolError } from "./errors";

/** How long an expired stream's id is remembered (sqld: 300 s). */
const EXPIRED_MEMORY_MS = 300_000;

export class HranaStream {
  /** `null` once the stream has been closed by a `close` request. */
  conn: Connection | null;
  /** SQL texts stored with `store_sql`. */
  readonly sqls = new Map<number, string>();
  /** A request is being processed on this stream. */
  busy = true;
  token = "";
  lastUsed = performance.now();

  constructor(
    readonly id: string,
    conn: Connection,
  ) {
    this.conn = conn;
  }
}

const randomId = (bytes: number): string => randomBytes(bytes).toString("base64url");

export class StreamRegistry {
  readonly #pool: ConnectionPool;
  readonly #idleTimeoutMs: number;
  readonly #log: (msg: string) => void;
  readonly #streams = new Map<string, HranaStream>();
  readonly #expired = new Map<string, number>();

  constructor(pool: ConnectionPool, opts: { idleTimeoutMs: number; log: (msg: string) => void }) {
    this.#pool = pool;
    this.#idleTimeoutMs = opts.idleTimeoutMs;
    this.#log = opts.log;
  }

  get size(): number {
    return this.#streams.size;
  }

  /** A new stream, already acquired by the calling request. */
  open(): HranaStream {
    const stream = new HranaStream(randomId(12), this.#pool.acquire());
    this.#streams.set(stream.id, stream);
    return stream;
  }

  /** The stream a baton refers to, acquired by the calling request; throws a ProtocolError if none. */
  acquire(baton: string): HranaStream {
    const dot = baton.indexOf(".");
    const id = dot < 0 ? baton : baton.slice(0, dot);
    const token = dot < 0 ? "" : baton.slice(dot + 1);
    const stream = this.#streams.get(id);
    if (stream === undefined) {
      if (this.#expired.has(id)) throw new ProtocolError("The stream has expired due to inactivity", "STREAM_EXPIRED");
      throw new ProtocolError("Received an invalid baton", "BATON_INVALID");
    }
    if (stream.busy || !sameToken(token, stream.token)) {
      throw new ProtocolError("Received a baton that has already been used", "BATON_REUSED");
    }
    stream.busy = true;
    return stream;
  }

  /** Rotates the stream's token and returns the baton for its next request. */
  issueBaton(stream: HranaStream): string {
    stream.token = randomId(18);
    return `${stream.id}.${stream.token}`;
  }

  /** The calling request is done with the stream; its expiry clock starts. */
  release(stream: HranaStream): void {
    stream.busy = false;
    stream.lastUsed = performance.now();
  }

  /** The `close` request: ends the stream's connection (rolling back) but keeps the stream object. */
  closeConn(stream: HranaStream): void {
    const conn = stream.conn;
    stream.conn = null;
    if (conn !== null) this.#pool.release(conn);
  }

  /** Removes the stream entirely. */
  discard(stream: HranaStream): void {
    this.closeConn(stream);
    this.#streams.delete(stream.id);
  }

  /** Expires idle streams; called periodically. */
  sweep(now = performance.now()): void {
    for (const stream of this.#streams.values()) {
      if (!stream.busy && now - stream.lastUsed > this.#idleTimeoutMs) {
        const inTxn = stream.conn !== null && !stream.conn.isAutocommit();
        this.discard(stream);
        this.#expired.set(stream.id, now);
        this.#log(
          `stream ${stream.id} expired after ${this.#idleTimeoutMs} ms idle${inTxn ? " (open transaction rolled back)" : ""}`,
        );
      }
    }
    for (const [id, at] of this.#expired) {
      if (now - at > EXPIRED_MEMORY_MS) this.#expired.delete(id);
    }
  }

  /** Discards every stream (server shutdown). */
  closeAll(): void {
    for (const stream of [...this.#streams.values()]) this.discard(stream);
    this.#expired.clear();
  }
}

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
