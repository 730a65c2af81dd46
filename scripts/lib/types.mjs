// Generates, from a live schema, the files that say what the schema is:
// types/database.ts   - the Supabase `Database` type (postgres-meta, what `supabase gen types` runs)
// types/db.ts         - Kysely's `DB` (kysely-codegen), for Edge Functions and tests
// types/private.ts    - the same generator's `Database` for the private schema: the platform's functions,
//                       which the Edge Functions call through the typed rpc() (functions/_shared/rpc.ts)
// supabase/schema.sql - the snapshot: pg_dump --schema-only of the schemas the project owns (public,
//                       private) plus what the migrations put in schemas Supabase owns (policies on
//                       storage.objects / realtime.messages, triggers on auth.users, storage buckets,
//                       pg_cron jobs, pgrst.* role settings). The current truth, whatever the history.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, PG_BIN, ROOT, query, run } from "./stack.mjs";

export const TYPE_FILES = {
  database: path.join(ROOT, "types/database.ts"),
  db: path.join(ROOT, "types/db.ts"),
  private: path.join(ROOT, "types/private.ts"),
  schema: path.join(ROOT, "supabase/schema.sql"),
};

export const SNAPSHOT_SCHEMAS = ["public", "private"];

/** supabase/schema.sql's text for the database at `url`: deterministic (no versions, no random keys). */
export function generateSchema(url) {
  const pgDump = fs.existsSync(path.join(PG_BIN, "pg_dump")) ? path.join(PG_BIN, "pg_dump") : "pg_dump";
  const dump = run(pgDump, ["--schema-only",
    ...SNAPSHOT_SCHEMAS.flatMap((s) => ["--schema", s]), url], { quiet: true }).stdout
    .split("\n")
    // pg_dump 15.14+ brackets its output with a random \restrict key; versions name the machine.
    .filter((l) => !/^\\(un)?restrict /.test(l) && !/^-- Dumped (from database|by pg_dump) version/.test(l))
    .join("\n")
    // Default privileges are left out: the local bootstrap grants Supabase's defaults again whenever
    // it runs (npm run dev, npm run types, a test of its idempotence) after the foundation migration
    // revoked them, so they say how the database was handled, not what the migrations made.
    // tests/db/002_default_privileges checks the revokes.
    .split(/\n(?=--\n-- Name: )/)
    .filter((block) => !/^--\n-- Name: [^\n]*; Type: DEFAULT ACL;/.test(block))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    // pg_dump lists a policy's roles in pg_authid's physical order (no ORDER BY), which differs from
    // cluster to cluster (an ALTER ROLE moves a role's row): sorted here, as pg_policies sorts them.
    .replace(
      /^(CREATE POLICY (?:"(?:[^"]|"")*"|\S+) ON \S+(?: AS \w+)? FOR \w+ TO )(.+?)(?= USING \(| WITH CHECK \(|;$)/gm,
      (_, head, roles) => head + roles.split(", ").sort().join(", "),
    )
    .trimEnd();
  // One text per kind, in a fixed order; empty kinds print nothing.
  const agg = (sql) => query(url, `select coalesce(string_agg(x, E'\\n' order by k), '') from (${sql}) t(k, x)`);
  const parts = [
    agg(`select schemaname || '.' || tablename || '.' || policyname,
                format(E'CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s%s%s;\\n', policyname, schemaname, tablename,
                  permissive, cmd, array_to_string(roles, ', '),
                  coalesce(E'\\n  USING (' || qual || ')', ''), coalesce(E'\\n  WITH CHECK (' || with_check || ')', ''))
         from pg_policies where schemaname in ('auth', 'storage', 'realtime')`),
    agg(`select c.relnamespace::regnamespace::text || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ';'
         from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where not t.tgisinternal and c.relnamespace::regnamespace::text in ('auth', 'storage', 'realtime')`),
    agg(`select id, format('INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types) VALUES (%L, %L, %s, %s, %L);',
                id, name, public::text, coalesce(file_size_limit::text, 'NULL'), allowed_mime_types)
         from storage.buckets`),
    query(url, "select to_regclass('cron.job') is not null") === "t"
      ? agg(`select jobname, format('SELECT cron.schedule(%L, %L, %L);', jobname, schedule, command) from cron.job`)
      : "",
    agg(`select r.rolname || c, format('ALTER ROLE %I SET %s = %L;', r.rolname, split_part(c, '=', 1), substr(c, strpos(c, '=') + 1))
         from pg_db_role_setting s join pg_roles r on r.oid = s.setrole, unnest(s.setconfig) c where c like 'pgrst.%'`),
  ].filter(Boolean);
  const outside = ["--", "-- Outside the project's schemas: what the migrations add to schemas Supabase owns.", "--", "", parts.join("\n\n")].join("\n");
  return `${dump}\n\n${outside.trimEnd()}\n`;
}

/** postgres-meta's TypeScript for the schemas named (what `supabase gen types --schema ...` prints). */
function supabaseTypes(url, schemas) {
  const meta = run(process.execPath, [path.join(ROOT, "node_modules/@supabase/postgres-meta/dist/server/server.js")], {
    quiet: true,
    env: {
      PG_META_DB_URL: url,
      PG_META_GENERATE_TYPES: "typescript",
      PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: schemas,
      PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: "true",
      PG_META_POSTGREST_VERSION: "13",
    },
  });
  if (!meta.stdout.includes("export type Database")) throw new Error(`postgres-meta produced no types:\n${meta.stderr}`);
  return meta.stdout;
}

export function generateTypes(url) {
  // The frontend's contract: the exposed schema only.
  const database = supabaseTypes(url, "public");
  // The platform's functions (payments, jobs, timers), for the Edge Functions' typed rpc()
  // (functions/_shared/rpc.ts); never exposed, so kept out of the frontend's Database type.
  const privateTypes = supabaseTypes(url, "private");

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "people-types-"));
  const out = path.join(tmp, "db.ts");
  run(path.join(BIN, "kysely-codegen"), [
    "--url", url,
    "--dialect", "postgres",
    "--include-pattern", "{public,private}.*",
    "--out-file", out,
    "--log-level", "error",
  ], { quiet: true });
  const db = fs.readFileSync(out, "utf8");
  fs.rmSync(tmp, { recursive: true, force: true });
  return { database, db, private: privateTypes, schema: generateSchema(url) };
}

export function writeTypes(url) {
  const t = generateTypes(url);
  fs.mkdirSync(path.dirname(TYPE_FILES.database), { recursive: true });
  fs.writeFileSync(TYPE_FILES.database, t.database);
  fs.writeFileSync(TYPE_FILES.db, t.db);
  fs.writeFileSync(TYPE_FILES.private, t.private);
  fs.writeFileSync(TYPE_FILES.schema, t.schema);
  return t;
}

/** Names of the committed type files that differ from what the schema at `url` generates. */
export function staleTypes(url) {
  const t = generateTypes(url);
  const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
  return Object.entries(TYPE_FILES)
    .filter(([key, file]) => read(file) !== t[key])
    .map(([, file]) => path.relative(ROOT, file));
}
