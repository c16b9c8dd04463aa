// The server must never be the side that closes an idle keep-alive connection. workerd's HTTP client pools
// connections and reuses one that has been idle up to its own idle timeout (5 s, and it ignores the
// `Keep-Alive: timeout=` hint); Node's default keepAliveTimeout is also 5 s, so under load a request sent on
// a pooled connection the server was closing at that very moment failed with ECONNRESET and the Worker
// answered 500. The server now keeps idle connections for KEEP_ALIVE_MS, longer than any client's pool.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { KEEP_ALIVE_MS, startLibsqlServer, type LibsqlServer } from "./server";

let dir: string;
let server: LibsqlServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "libsql-keepalive-"));
  server = await startLibsqlServer({ file: join(dir, "k.db") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends one GET /health on the socket and resolves with the status line, or rejects if the socket closes. */
function health(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const onData = (d: Buffer) => {
      buf += d.toString("utf8");
      if (buf.includes("\r\n\r\n") && buf.endsWith("ok\n")) {
        cleanup();
        resolve(buf.split("\r\n")[0]!);
      }
    };
    const onClose = () => {
      cleanup();
      reject(new Error("the server closed the connection"));
    };
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("end", onClose);
      socket.off("error", onClose);
    };
    socket.on("data", onData);
    socket.on("close", onClose);
    socket.on("end", onClose);
    socket.on("error", onClose);
    if (socket.readyState !== "open") return onClose();
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
  });
}

it("keeps an idle keep-alive connection open past workerd's 5 s pool timeout", async () => {
  expect(KEEP_ALIVE_MS).toBeGreaterThan(5_000);
  const socket = connect(server.port, "127.0.0.1");
  await new Promise<void>((r) => socket.once("connect", () => r()));
  try {
    expect(await health(socket)).toBe("HTTP/1.1 200 OK");
    await new Promise((r) => setTimeout(r, 6_500)); // idle longer than Node's default 5 s
    expect(await health(socket)).toBe("HTTP/1.1 200 OK");
  } finally {
    socket.destroy();
  }
}, 20_000);
