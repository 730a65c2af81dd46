// Generates the TypeScript types from a live schema, with the generators Supabase itself uses:
// types/database.ts  - the Supabase `Database` type (postgres-meta, what `supabase gen types` runs)
// types/db.ts        - Kysely's `DB` (kysely-codegen), for Edge Functions and tests
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, ROOT, run } from "./stack.mjs";

export const TYPE_FILES = {
  database: path.join(ROOT, "types/database.ts"),
  db: path.join(ROOT, "types/db.ts"),
};

export function generateTypes(url) {
  const meta = run(process.execPath, [path.join(ROOT, "node_modules/@supabase/postgres-meta/dist/server/server.js")], {
    quiet: true,
    env: {
      PG_META_DB_URL: url,
      PG_META_GENERATE_TYPES: "typescript",
      PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: "public",
      PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: "true",
      PG_META_POSTGREST_VERSION: "13",
    },
  });
  const database = meta.stdout;
  if (!database.includes("export type Database")) throw new Error(`postgres-meta produced no types:\n${meta.stderr}`);

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
  return { database, db };
}

export function writeTypes(url) {
  const t = generateTypes(url);
  fs.mkdirSync(path.dirname(TYPE_FILES.database), { recursive: true });
  fs.writeFileSync(TYPE_FILES.database, t.database);
  fs.writeFileSync(TYPE_FILES.db, t.db);
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
