// What a new user runs first, run as they run it: the README's commands as real processes (npm run
// db:reset, db:seed, login, dev, demo), on the throwaway server `npm test` started. The development
// cluster `npm run dev` makes here is a fresh one of its own (DEV_DB_DIR / DEV_DB_PORT), so the
// first-run path (initdb, bootstrap, migrations, seed) is what runs; nobody's own dev database is used.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { jwtVerify } from "jose";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LOCAL_JWT_SECRET } from "../../scripts/lib/keys.mjs";
import { signInWithPassword } from "../../scripts/lib/signin.mjs";
import { portOpen, rebuild, ROOT } from "../../scripts/lib/stack.mjs";
import { freePort, testDbUrl } from "../ts/support.ts";

const SEED = fs.readFileSync(path.join(ROOT, "supabase/seed.sql"), "utf8");

/** A database on the test server. */
function dbOnTestServer(name: string) {
  const u = new URL(testDbUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** The environment of a user's shell: no test database, no real Stripe/Resend keys. */
function userEnv(extra: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(TEST_|DATABASE_URL$|STRIPE_|RESEND_|FUNCTIONS_PORT$|DEV_DB_|SUPABASE_)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", ...extra };
}

type Result = { code: number | null; stdout: string; stderr: string };

/** Runs `npm <args>` to its end. */
function npm(args: string[], env: Record<string, string>, timeoutMs = 240_000): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`npm ${args.join(" ")} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The seeded users of the seed's header and the role each has. */
const SEEDED_USERS: [string, string][] = [
  ["admin@people.test", "admin"],
  ["maya@northwind.test", "initiator"],
  ["jonas@lumenhealth.test", "initiator"],
  ["priya@tidepool.test", "initiator"],
  ...["alex", "sam", "lena", "diego", "hana", "tom", "fatima", "noah"].map(
    (n) => [`${n}@people.test`, "contributor"] as [string, string],
  ),
];

/** Everything the seed's header promises, checked on the database at `url`. */
async function checkSeedPromises(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // The header names every user; each signs in with password123 by the rules of auth.users, and the
    // token, made through the access token hook, carries the role.
    for (const [email, role] of SEEDED_USERS) {
      expect(SEED).toContain(email.split("@")[0]);
      const { accessToken, claims } = await signInWithPassword(url, email, "password123");
      const { payload } = await jwtVerify(accessToken, new TextEncoder().encode(LOCAL_JWT_SECRET), {
        audience: "authenticated",
      });
      expect(payload.sub).toBe(claims.sub);
      expect(payload.user_role).toBe(role);
      expect(payload.role).toBe("authenticated");
      expect(typeof payload.session_id).toBe("string");
    }
    await expect(signInWithPassword(url, "maya@northwind.test", "not-her-password")).rejects.toThrow(
      "Invalid login credentials",
    );
    const [{ pending }] = await sql`
      select verification_status as pending from public.contributor_profiles c
      join auth.users u on u.id = c.user_id where u.email = 'noah@people.test'`;
    expect(pending).toBe("pending");

    // Every mission status is present.
    const statuses = await sql`
      select e.enumlabel as status, exists (select from public.missions m where m.status::text = e.enumlabel) as present
      from pg_enum e where e.enumtypid = 'public.mission_status'::regtype`;
    expect(statuses.filter((s) => !s.present).map((s) => s.status)).toEqual([]);

    // The in-progress mission's team chat: the initiator and the three active members.
    const chat = await sql`
      select u.email from public.conversations c
      join public.conversation_participants p on p.conversation_id = c.id
      join auth.users u on u.id = p.user_id
      where c.mission_id = '00000000-0000-4000-b001-000000000006' and c.type = 'mission_team'
      order by u.email`;
    expect(chat.map((r) => r.email)).toEqual(["alex@people.test", "fatima@people.test", "hana@people.test", "jonas@lumenhealth.test"]);
    const [shared] = await sql`
      select m.attachments -> 0 ->> 'path' as path from public.messages m where m.message_type = 'file'`;
    const [stored] = await sql`select count(*)::int as n from storage.objects where bucket_id = 'message-attachments' and name = ${shared.path}`;
    expect(stored.n).toBe(1);

    // Escrow, from the ledger rows: every funded mission holds exactly its unpaid milestones (the
    // cancelled one nothing; a milestone in dispute is held too), deposits = releases + fees + refunds
    // + held, and the product's own position (mission_escrow_position) says the same.
    const escrow = await sql`
      select m.id, m.status::text as status,
             coalesce(sum(e.amount_cents) filter (where e.type = 'deposit' and e.status = 'completed'), 0)::bigint as deposits,
             coalesce(sum(e.amount_cents) filter (where e.type in ('release', 'platform_fee', 'refund') and e.status = 'completed'), 0)::bigint as out,
             (select coalesce(sum(ms.amount_cents), 0) from public.milestones ms
              where ms.mission_id = m.id and ms.status <> 'paid')::bigint as unpaid,
             (select p.held_cents + p.disputed_cents from public.mission_escrow_position(m.id) p)::bigint as position_held
      from public.missions m
      left join public.escrow_transactions e on e.mission_id = m.id
      group by m.id`;
    let funded = 0;
    for (const row of escrow) {
      if (BigInt(row.deposits) === 0n) continue;
      funded += 1;
      const held = row.status === "cancelled" ? 0n : BigInt(row.unpaid);
      expect({ mission: row.id, conserved: BigInt(row.deposits) - BigInt(row.out) }).toEqual({ mission: row.id, conserved: held });
      expect({ mission: row.id, held: BigInt(row.position_held) }).toEqual({ mission: row.id, held });
    }
    expect(funded).toBe(8);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** No stack trace: one red line that says what failed and what to do. */
function expectOneLineError(r: Result, text: string) {
  expect(r.code).toBe(1);
  const lines = r.stderr.split("\n").filter((l) => l.includes("[people]") && !l.includes("\u001b[2m"));
  expect(lines.join("\n")).toContain(text);
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe("the seed and the database commands", () => {
  const seedDb = dbOnTestServer("people_first_run_seed");

  test("npm run db:reset builds a seeded database that keeps the seed's promises", async () => {
    const r = await npm(["run", "db:reset"], userEnv({ DATABASE_URL: seedDb }));
    expect(r.stderr + r.stdout).toContain("database rebuilt");
    expect(r.code).toBe(0);
    await checkSeedPromises(seedDb);
  });

  test("npm run login prints a token for a seeded user, and refuses a wrong password in one line", async () => {
    const ok = await npm(["run", "-s", "login", "--", "hana@people.test"], userEnv({ DATABASE_URL: seedDb }));
    expect(ok.code).toBe(0);
    const token = ok.stdout.trim();
    const { payload } = await jwtVerify(token, new TextEncoder().encode(LOCAL_JWT_SECRET));
    expect(payload.email).toBe("hana@people.test");
    expect(payload.exp! - payload.iat!).toBe(900); // supabase/config.toml [auth] jwt_expiry
    const bad = await npm(["run", "-s", "login", "--", "hana@people.test", "nope"], userEnv({ DATABASE_URL: seedDb }));
    expectOneLineError(bad, "Invalid login credentials");
  });

  test("npm run db:seed refuses a database that has data, in one line", async () => {
    const r = await npm(["run", "db:seed"], userEnv({ DATABASE_URL: seedDb }));
    expectOneLineError(r, "already has data");
  });

  test("npm run db:seed seeds a database whose migrations ran but that was never seeded", async () => {
    const url = dbOnTestServer("people_first_run_unseeded");
    rebuild(url, { seed: false });
    const r = await npm(["run", "db:seed"], userEnv({ DATABASE_URL: url }));
    expect(r.code).toBe(0);
    await checkSeedPromises(url);
  });

  test("a seed that fails says where, in one line, and keeps nothing", async () => {
    const url = dbOnTestServer("people_first_run_broken");
    rebuild(url, { seed: false });
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      // A skill the seed inserts too: its first insert fails on the unique name.
      await sql`insert into public.skills (name, category) values ('TypeScript', 'language')`;
      const r = await npm(["run", "db:seed"], userEnv({ DATABASE_URL: url }));
      expectOneLineError(r, "supabase/seed.sql failed (line ");
      expect(r.stderr).toContain("npm run db:seed");
      const [{ n }] = await sql`select count(*)::int as n from auth.users`;
      expect(n).toBe(0);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});

// ------------------------------------------------------------------------------------------------
// npm run dev, from nothing
// ------------------------------------------------------------------------------------------------

type Dev = { child: ChildProcess; output: () => string; ports: number[]; env: Record<string, string> };

const started: ChildProcess[] = [];

/** Starts `npm run dev` as a user would; resolves once it prints that it runs. */
async function startDev(env: Record<string, string>, ports: number[]): Promise<Dev> {
  const child = spawn("npm", ["run", "dev"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`npm run dev did not come up in 240 s:\n${out}`)), 240_000);
    const poll = setInterval(() => {
      if (out.includes("Press Ctrl-C to stop.")) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve();
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new Error(`npm run dev exited with ${code}:\n${out}`));
    });
  });
  child.removeAllListeners("exit");
  return { child, output: () => out, ports, env };
}

/** Every process below `pid` (ps, not /proc walking, so it works wherever ps does). */
function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" }).trim().split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of rows) if (parent === p) (found.push(child), walk(child));
  };
  walk(pid);
  return found;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    const stat = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return stat !== "" && !stat.startsWith("Z");
  } catch {
    return false;
  }
}

/** Waits until every port is free and every process is gone; returns how long it took. */
async function waitAllGone(ports: number[], pids: number[], withinMs: number) {
  const t0 = Date.now();
  for (;;) {
    const open = (await Promise.all(ports.map((p) => portOpen(p)))).some(Boolean);
    const living = pids.filter(isAlive);
    if (!open && living.length === 0) return Date.now() - t0;
    if (Date.now() - t0 > withinMs) {
      throw new Error(`after ${withinMs} ms: ports ${ports.join(",")} ${open ? "still open" : "free"}; processes alive: ${living.join(",")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm run dev on a fresh machine", () => {
  const devDir = ".local/first-run-dev-db";
  let env: Record<string, string>;
  let ports: number[];

  beforeAll(async () => {
    for (const d of [devDir, `${devDir}-run`]) fs.rmSync(path.join(ROOT, d), { recursive: true, force: true });
    const [db, functions, stripe, resend] = [await freePort(), await freePort(), await freePort(), await freePort()];
    ports = [db, functions, stripe, resend];
    env = userEnv({
      DEV_DB_DIR: devDir, DEV_DB_PORT: String(db), FUNCTIONS_PORT: String(functions),
      STRIPE_STANDIN_PORT: String(stripe), RESEND_STANDIN_PORT: String(resend),
    });
  });

  afterAll(async () => {
    // Whatever a failed test left: its npm run dev (the whole tree), the cluster, their files.
    for (const child of started) {
      for (const pid of [...descendants(child.pid!), child.pid!]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch { /* gone */ }
      }
    }
    try {
      execFileSync("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "stop", "-m", "immediate", "-D",
        path.join(ROOT, devDir)], { stdio: "ignore" });
    } catch { /* not running */ }
    for (const d of [devDir, `${devDir}-run`]) fs.rmSync(path.join(ROOT, d), { recursive: true, force: true });
  });

  test("comes up seeded, serves health, runs the demo beside it, and killing npm's PID frees every port within 5 s", async () => {
    const dev = await startDev(env, ports);
    const out = dev.output();
    expect(out).toContain("seeded with supabase/seed.sql");
    const dbUrl = /DB URL: (\S+)/.exec(out)![1];
    const functionsUrl = /Functions URL: (\S+)/.exec(out)![1];
    const anonKey = /anon key: (\S+)/.exec(out)![1];
    expect(new URL(dbUrl).port).toBe(String(ports[0]));

    // The README's health call: 401 without a token, 200 with the printed anon key or a login token.
    expect((await fetch(`${functionsUrl}/health`)).status).toBe(401);
    const health = await fetch(`${functionsUrl}/health`, { headers: { Authorization: `Bearer ${anonKey}` } });
    expect(health.status).toBe(200);
    const login = await npm(["run", "-s", "login", "--", "maya@northwind.test"], env);
    expect(login.code).toBe(0);
    const asMaya = await fetch(`${functionsUrl}/health`, { headers: { Authorization: `Bearer ${login.stdout.trim()}` } });
    expect(asMaya.status).toBe(200);

    // The seeded data, through the printed DB URL.
    await checkSeedPromises(dbUrl);

    // A second npm run dev on the same ports says so and exits.
    const second = await npm(["run", "dev"], env, 60_000);
    expectOneLineError(second, "already running");

    // The demo beside the running stack: its own database, its own jobs; the dev data is untouched.
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const before = await sql`select (select count(*) from auth.users)::int as users, (select count(*) from private.jobs)::int as jobs`;
    const demo = await npm(["run", "demo"], env, 180_000);
    expect(demo.stdout).toMatch(/\d+ checks passed/);
    expect(demo.code).toBe(0);
    const after = await sql`select (select count(*) from auth.users)::int as users, (select count(*) from private.jobs)::int as jobs`;
    expect(after).toEqual(before);
    const leftovers = await sql`select datname from pg_database where datname like 'people_demo%'`;
    expect(leftovers).toEqual([]);
    await sql.end({ timeout: 5 });

    // Kill the PID a shell records for `npm run dev &`: npm's own.
    const tree = descendants(dev.child.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(2); // sh/node dev.mjs, deno
    dev.child.kill("SIGTERM");
    await waitAllGone(ports, tree, 5000);
  });

  test("a second start reuses the seeded database, and SIGINT to the node process itself stops everything", async () => {
    const dev = await startDev(env, ports);
    expect(dev.output()).not.toContain("seeded with supabase/seed.sql");
    expect(dev.output()).toContain("started by this run");
    const tree = descendants(dev.child.pid!);
    const node = Number(execFileSync("ps", ["-o", "pid=,args=", "--ppid", tree.join(",")], { encoding: "utf8" })
      .split("\n").find((l) => l.includes("scripts/dev.mjs"))!.trim().split(/\s+/)[0]);
    process.kill(node, "SIGINT");
    await waitAllGone(ports, [...tree, dev.child.pid!], 5000);
  });

  test("after a first run that stopped before the seed, the next npm run dev seeds the database", async () => {
    // A database whose migrations are applied but that was never seeded (as a failed first run leaves it).
    const url = dbOnTestServer("people_first_run_dev_unseeded");
    rebuild(url, { seed: false });
    const [functions, stripe, resend] = [await freePort(), await freePort(), await freePort()];
    const dev = await startDev(
      { ...env, DATABASE_URL: url, FUNCTIONS_PORT: String(functions), STRIPE_STANDIN_PORT: String(stripe), RESEND_STANDIN_PORT: String(resend) },
      [functions, stripe, resend],
    );
    expect(dev.output()).toContain("the database has no users yet: seeding it");
    const tree = descendants(dev.child.pid!);
    dev.child.kill("SIGTERM");
    await waitAllGone([functions, stripe, resend], tree, 5000);
    await checkSeedPromises(url);
  });
});
