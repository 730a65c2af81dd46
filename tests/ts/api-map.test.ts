// docs/API.md cannot drift: every table, RPC, Edge Function and bucket it names exists, and every
// public RPC a signed-in user can call, and every Edge Function, is documented there.
import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { connectTestDb } from "./support.ts";

const root = path.resolve(import.meta.dirname, "../..");
const doc = fs.readFileSync(path.join(root, "docs/API.md"), "utf8");
const configToml = fs.readFileSync(path.join(root, "supabase/config.toml"), "utf8");
const sql = connectTestDb();
afterAll(() => sql.end());

const named = (re: RegExp) => [...new Set([...doc.matchAll(re)].map((m) => m[1]))].sort();
const tables = named(/from\('([a-z_]+)'\)/g);
const rpcs = named(/rpc\('([a-z_]+)'\)/g);
const functions = named(/functions\/v1\/([a-z0-9-]+)/g);
const buckets = named(/storage\('([a-z0-9-]+)'\)/g);

describe("docs/API.md", () => {
  it("names something of each kind", () => {
    expect(tables.length).toBeGreaterThan(15);
    expect(rpcs.length).toBeGreaterThan(40);
    expect(functions.length).toBeGreaterThanOrEqual(4);
  });

  it("names only tables and views that exist in public", async () => {
    const rows = await sql<{ relname: string }[]>`
      select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'v', 'p')`;
    const existing = new Set(rows.map((r) => r.relname));
    expect(tables.filter((t) => !existing.has(t))).toEqual([]);
  });

  it("names only RPCs that exist and that a frontend may call", async () => {
    const rows = await sql<{ proname: string }[]>`
      select proname from pg_proc where pronamespace = 'public'::regnamespace
        and (has_function_privilege('authenticated', oid, 'execute') or has_function_privilege('anon', oid, 'execute'))`;
    const callable = new Set(rows.map((r) => r.proname));
    expect(rpcs.filter((r) => !callable.has(r))).toEqual([]);
  });

  it("documents every RPC a signed-in user can call", async () => {
    const rows = await sql<{ proname: string }[]>`
      select distinct proname from pg_proc where pronamespace = 'public'::regnamespace
        and has_function_privilege('authenticated', oid, 'execute')
        and proname not in ('check_request') -- the Data API's pre-request hook, not called by frontends`;
    expect(rows.map((r) => r.proname).filter((p) => !rpcs.includes(p))).toEqual([]);
  });

  it("names only Edge Functions that are configured, and documents each of them", () => {
    const configured = [...configToml.matchAll(/^\[functions\.([a-z0-9-]+)\]/gm)].map((m) => m[1]).sort();
    expect(functions.filter((f) => !configured.includes(f))).toEqual([]);
    expect(configured.filter((f) => !functions.includes(f))).toEqual([]);
  });

  it("names only Storage buckets that exist", async () => {
    const rows = await sql<{ id: string }[]>`select id from storage.buckets`;
    expect(buckets.filter((b) => !rows.some((r) => r.id === b))).toEqual([]);
  });
});
