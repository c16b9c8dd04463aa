// `npm run deploy` end to end against the local libSQL server, with a fake `wrangler` (test/fake-wrangler.mjs,
// through WRANGLER_BIN) that records each call and, at `wrangler deploy`, which migrations the database had:
// the order of the steps, the secrets put (generated when missing, never replaced unless asked), a failing
// deploy leaving only the additive migrations applied, the contract migration after the next good deploy;
// refusals before anything changes; and the real `wrangler deploy --dry-run`.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../db/migrate";
import { readMigrations } from "../db/migration-phases";
import { connect, type NodeDb } from "../db/node-client";
import { startLibsqlServer } from "../db/server/server";
import { migrationsWith } from "../db/test-migrations";
import { parseDevVars } from "./dev-vars";
import { ROOT } from "./paths";

const run = promisify(execFile);
const TSX = join(ROOT, "node_modules/.bin/tsx");
const FAKE = join(ROOT, "test/fake-wrangler.mjs");

// This release renames members.avatar_url to members.photo_url the safe way: add (expand), then drop (contract).
const RELEASE = [
  {
    tag: "9005_member_photo",
    sql: "ALTER TABLE `members` ADD `photo_url` text;--> statement-breakpoint\nUPDATE `members` SET `photo_url` = `avatar_url`;",
  },
  {
    tag: "9006_drop_member_avatar",
    sql: "-- phase: contract\n-- the code reads photo_url since 9005\nALTER TABLE `members` DROP COLUMN `avatar_url`;",
  },
];

let dir: string;
let migrations: string;
let server: Awaited<ReturnType<typeof startLibsqlServer>>;
let db: NodeDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mall-deploy-"));
  migrations = migrationsWith(RELEASE);
  server = await startLibsqlServer({ file: join(dir, "prod.db") });
  db = connect(server.url);
  await applyMigrations(db); // production as the previous release left it (0000–0004)
  await db.$client.execute(
    "insert into members (uid, nickname, avatar_url) values ('m1', '老顾客', '/media/img/a.png')",
  );
}, 60_000);
afterAll(async () => {
  db?.$client.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(migrations, { recursive: true, force: true });
});

type Call = { args: string[]; names?: string[]; migrations?: number[] };
type Result = {
  code: number;
  out: string;
  calls: Call[];
  state: { exists: boolean; secrets: Record<string, string>; buckets: string[] };
};

let runNo = 0;
async function deploy(
  args: string[],
  env: Record<string, string | undefined> = {},
  opts: { fake?: boolean; migrationsDir?: string } = {},
): Promise<Result> {
  const log = join(dir, `calls-${++runNo}.jsonl`);
  writeFileSync(log, "");
  const fullEnv: Record<string, string | undefined> = {
    ...process.env,
    TURSO_DATABASE_URL: server.url,
    TURSO_AUTH_TOKEN: "",
    ADMIN_EMAIL: undefined,
    WRANGLER_BIN: opts.fake === false ? undefined : FAKE,
    FAKE_WRANGLER_STATE: join(dir, "worker.json"),
    FAKE_WRANGLER_LOG: log,
    ...env,
  };
  for (const k of Object.keys(fullEnv)) if (fullEnv[k] === undefined) delete fullEnv[k];
  const argv = [
    "scripts/deploy.ts",
    "--migrations",
    opts.migrationsDir ?? migrations,
    "--secrets-file",
    join(dir, "secrets.env"),
    ...args,
  ];
  let code = 0;
  let out: string;
  try {
    const r = await run(TSX, argv, { cwd: ROOT, env: fullEnv as NodeJS.ProcessEnv, maxBuffer: 16 << 20 });
    out = r.stdout + r.stderr;
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    code = e.code;
    out = e.stdout + e.stderr;
  }
  const calls = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Call);
  const stateFile = join(dir, "worker.json");
  const state = existsSync(stateFile)
    ? JSON.parse(readFileSync(stateFile, "utf8"))
    : { exists: false, secrets: {}, buckets: [] };
  return { code, out, calls, state };
}

const command = (c: Call) => c.args.slice(0, c.args[0] === "deploy" ? 1 : 3).join(" ");
const tagsOf = (whens: number[]) => {
  const byWhen = new Map(readMigrations(migrations).map((m) => [m.when, m.tag]));
  return whens.map((w) => byWhen.get(w) ?? String(w));
};
async function applied(): Promise<string[]> {
  const rs = await db.$client.execute("select created_at from __drizzle_migrations order by created_at");
  return tagsOf(rs.rows.map((r) => Number(r.created_at)));
}
async function memberColumns(): Promise<string[]> {
  return (await db.$client.execute("select name from pragma_table_info('members')")).rows.map((r) => String(r.name));
}
const ALL_SECRETS = [
  "ADMIN_EMAIL",
  "ADMIN_PASSWORD",
  "AUTOLOGIN_SECRET",
  "MERCHANT_API_TOKEN",
  "SESSION_SECRET",
  "TURSO_AUTH_TOKEN",
  "TURSO_DATABASE_URL",
];
/** The migrations in the repository today (the extra ones a test appends come after them). */
const TODAY = readMigrations(join(ROOT, "db/migrations")).map((m) => m.tag);

describe("npm run deploy", () => {
  it("refuses before changing anything: no Turso answer, no ADMIN_EMAIL without a terminal, a destructive migration not marked contract", async () => {
    const dead = await deploy([], { TURSO_DATABASE_URL: "http://127.0.0.1:9" });
    expect(dead.code).toBe(2);
    expect(dead.out).toContain("Turso did not answer a query with that URL and token");
    expect(dead.calls).toEqual([]);

    const noEmail = await deploy([]);
    expect(noEmail.code).toBe(2);
    expect(noEmail.out).toContain("pass --admin-email");
    expect(noEmail.calls.map(command)).toEqual(["secret list --format"]); // only asked
    expect(noEmail.state.exists).toBe(false);

    const bad = migrationsWith([{ tag: "9005_oops", sql: "ALTER TABLE `members` DROP COLUMN `avatar_url`;" }]);
    try {
      const refused = await deploy(["--admin-email", "owner@example.com"], {}, { migrationsDir: bad });
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/9005_oops\.sql drops a column .* not marked `-- phase: contract`/);
      expect(refused.calls).toEqual([]);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
    expect(await applied()).toEqual(TODAY);
  });

  it("a failing wrangler deploy leaves only the additive migrations applied, the secrets put and kept", async () => {
    const r = await deploy(["--admin-email", "owner@example.com"], { FAKE_WRANGLER_FAIL: "deploy" });
    expect(r.code, r.out).toBe(1);
    // the order: ask for the secrets, put them all at once, the bucket, then deploy — the expand migration
    // was in the database when wrangler deploy ran, the contract one was not
    expect(r.calls.map(command)).toEqual([
      "secret list --format",
      "secret bulk " + r.calls[1]!.args[2],
      "r2 bucket create",
      "deploy",
    ]);
    expect(r.calls[1]!.names).toEqual(ALL_SECRETS);
    expect(tagsOf(r.calls[3]!.migrations!)).toEqual([...TODAY, "9005_member_photo"]);
    expect(r.out).toContain(
      "wrangler deploy failed. The previous Worker is still serving; the schema only expanded (contract migrations 9006_drop_member_avatar not applied)",
    );
    expect(await applied()).toEqual([...TODAY, "9005_member_photo"]);
    expect(await memberColumns()).toEqual(expect.arrayContaining(["avatar_url", "photo_url"]));
    // generated secrets are on the Worker and in the secrets file (mode 600), ADMIN_EMAIL as given
    const saved = parseDevVars(readFileSync(join(dir, "secrets.env"), "utf8"));
    expect(statSync(join(dir, "secrets.env")).mode & 0o777).toBe(0o600);
    for (const k of ["ADMIN_PASSWORD", "AUTOLOGIN_SECRET", "MERCHANT_API_TOKEN", "SESSION_SECRET"]) {
      expect(saved[k], k).toMatch(/^\S{16,}$/);
      expect(r.state.secrets[k]).toBe(saved[k]);
    }
    expect(r.state.secrets.ADMIN_EMAIL).toBe("owner@example.com");
    expect(r.state.secrets.TURSO_DATABASE_URL).toBe(server.url);
    expect(saved.MERCHANT_API_TOKEN).toMatch(/^pm_/);
  });

  it("the next run keeps the Worker's secrets, deploys, and only then drops the old column; the URL and the password's place are printed", async () => {
    const before = { ...(JSON.parse(readFileSync(join(dir, "worker.json"), "utf8")) as Result["state"]).secrets };
    const r = await deploy([]); // no --admin-email needed: the Worker has one
    expect(r.code, r.out).toBe(0);
    expect(r.calls.map(command)).toEqual([
      "secret list --format",
      "secret bulk " + r.calls[1]!.args[2],
      "r2 bucket create",
      "deploy",
    ]);
    expect(r.calls[1]!.names).toEqual(["TURSO_AUTH_TOKEN", "TURSO_DATABASE_URL"]);
    for (const k of ["ADMIN_EMAIL", "ADMIN_PASSWORD", "AUTOLOGIN_SECRET", "MERCHANT_API_TOKEN", "SESSION_SECRET"])
      expect(r.state.secrets[k]).toBe(before[k]);
    // at deploy time the column the old code reads was still there; after it, gone
    expect(tagsOf(r.calls[3]!.migrations!)).toEqual([...TODAY, "9005_member_photo"]);
    expect(await applied()).toEqual([...TODAY, "9005_member_photo", "9006_drop_member_avatar"]);
    expect(await memberColumns()).not.toContain("avatar_url");
    expect((await db.$client.execute("select photo_url from members where uid = 'm1'")).rows[0]!.photo_url).toBe(
      "/media/img/a.png",
    );
    expect(r.out).toContain("R2 bucket points-mall-media already exists");
    expect(r.out).toContain("积分商城 is deployed: https://points-mall.example.workers.dev");
    expect(r.out).toMatch(
      /admin password: +unchanged; ADMIN_PASSWORD in .*secrets\.env \(generated by an earlier deploy\)/,
    );
  });

  it("--overwrite-secrets generates new ones and puts every secret", async () => {
    const before = parseDevVars(readFileSync(join(dir, "secrets.env"), "utf8"));
    const r = await deploy(["--overwrite-secrets", "--admin-email", "boss@example.com"]);
    expect(r.code, r.out).toBe(0);
    expect(r.calls[1]!.names).toEqual(ALL_SECRETS);
    const after = parseDevVars(readFileSync(join(dir, "secrets.env"), "utf8"));
    for (const k of ["ADMIN_PASSWORD", "AUTOLOGIN_SECRET", "MERCHANT_API_TOKEN", "SESSION_SECRET"]) {
      expect(after[k]).not.toBe(before[k]);
      expect(r.state.secrets[k]).toBe(after[k]);
    }
    expect(r.state.secrets.ADMIN_EMAIL).toBe("boss@example.com");
    expect(r.out).toMatch(/admin password: +ADMIN_PASSWORD in .*secrets\.env \(generated now\)/);
  });

  it("--dry-run with the real wrangler: Turso checked, pending migrations listed, `wrangler deploy --dry-run` built, nothing changed", async () => {
    const fresh = await startLibsqlServer({ file: join(dir, "fresh.db") });
    try {
      const r = await deploy(["--dry-run"], { TURSO_DATABASE_URL: fresh.url }, { fake: false });
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain(
        `pending migrations: expand ${[...TODAY, "9005_member_photo"].join(", ")}; contract 9006_drop_member_avatar`,
      );
      expect(r.out).toContain("--dry-run: exiting now.");
      expect(r.out).toMatch(/Total Upload: .* \/ gzip: /);
      expect(r.out).toContain("dry run done: nothing was changed");
      const c = connect(fresh.url);
      const tables = await c.$client.execute("select count(*) as n from sqlite_master");
      c.$client.close();
      expect(Number(tables.rows[0]!.n)).toBe(0);
    } finally {
      await fresh.close();
    }
  }, 180_000);
});
