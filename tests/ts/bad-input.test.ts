// Bad input (issue 11, part 4): every public RPC and every Edge Function endpoint is fed generated
// malformed input (wrong types, nulls, huge strings, negative and overflowing amounts, odd unicode,
// SQL and HTML injection, other users' ids). Asserted for every call:
//   * RPCs: a failure is one of the deliberate SQLSTATEs in ALLOWED_SQLSTATES (never an internal one),
//     its message / detail / hint leak nothing internal, and the database is unchanged afterwards;
//     a call that succeeds on weird-but-valid input changed nothing belonging to other users.
//   * Edge Functions: every caller mistake is a 4xx (never a 5xx) with exactly the one error shape and
//     no internal text, the database is unchanged, and the Stripe stand-in saw no call.
// The RPCs are discovered from the live schema (pg_proc: public functions `authenticated` may
// EXECUTE), so RPCs added by later migrations are fuzzed too. Inputs come from fast-check, seeded:
//   BAD_INPUT_SEED=<n>   replay a run (every failure prints its seed)
//   BAD_INPUT_RUNS=<n>   random inputs per RPC (default 10; edge endpoints get 4x); see scripts/bad-input-full.mjs
//   npx vitest run tests/ts/bad-input.test.ts -t create_mission    one RPC (its inputs do not depend on the others)
// A summary table (inputs tried, outcomes by SQLSTATE / HTTP status) is printed at the end and
// written to .local/bad-input-summary.json.
//
// How a call is made: exactly as PostgREST makes it. One transaction; role, request.jwt.claims,
// request.method, request.path and request.headers set transaction-locally; the JSON body turned into
// typed arguments by json_to_record (so a malformed uuid fails in the conversion, with 22P02, as it
// does behind PostgREST); read-only for stable functions; statement_timeout 8s (Supabase's default for
// authenticated). A call that fails is rolled back, as PostgREST does; after each one the committed
// database is compared with the baseline: per table of public, private, auth, storage and realtime, the
// row count and the sum of xmin (which moves on any committed insert, update or delete), and an md5 of
// every row's text before and after all the RPCs. A call that succeeds is inspected inside its own
// transaction (deferred constraints fired first as COMMIT would, then every row that appeared or
// vanished, checked against the other users' ids) and then rolled back too, so the fixture is the same
// for every input and a seed replays the same inputs. Edge Function requests run through
// wrap(handler, deps) in-process against the Stripe stand-in; their effects are committed, so the
// database is fingerprinted before and after each request and md5-ed around each batch.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { SignJWT } from "jose";
import postgres from "postgres";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseConfigSchema, loadConfig } from "../../functions/_shared/config.ts";
import { connect } from "../../functions/_shared/db.ts";
import { type Deps, type Handler, wrap } from "../../functions/_shared/handler.ts";
import { makeStripe } from "../../functions/_shared/stripe.ts";
import { handler as emailHandler } from "../../functions/email-worker/handler.ts";
import { handler as healthHandler } from "../../functions/health/handler.ts";
import { handler as paymentsHandler } from "../../functions/payments/handler.ts";
import { handler as payoutsHandler } from "../../functions/payouts-worker/handler.ts";
import { handler as webhookHandler } from "../../functions/stripe-webhook/handler.ts";
import { LOCAL_STRIPE } from "../../scripts/lib/functions.mjs";
import { createStripeStandin } from "../../scripts/lib/standins/stripe.mjs";
import { createUser, keys, testDbUrl, tokenFor } from "./support.ts";

// ================================================================================================
// Configuration
// ================================================================================================
const RUNS = Math.max(1, Number(process.env.BAD_INPUT_RUNS ?? 10));
const EDGE_RUNS = RUNS * 4;
const SEED = process.env.BAD_INPUT_SEED !== undefined ? Number(process.env.BAD_INPUT_SEED) : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
const TIMEOUT = 60_000 + RUNS * 4_000;
const run = Math.random().toString(36).slice(2, 8);

const hash32 = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
};
const seedFor = (name: string) => (SEED ^ hash32(name)) | 0;
const replay = (name: string) => `seed ${SEED} (this case: ${seedFor(name)}); replay with BAD_INPUT_SEED=${SEED}${process.env.BAD_INPUT_RUNS ? ` BAD_INPUT_RUNS=${RUNS}` : ""}`;

// Every failure must be one of these: deliberate, documented SQLSTATEs. Anything else (XX000 internal
// error, 42883 undefined function, 42703 undefined column, 42804 datatype mismatch, 21000 more than one
// row, 22012 division by zero, 22004 null not allowed, P0003/P0004, 0A000, 25P02, 40001/40P01, 57014
// statement timeout, ...) is a bug.
const ALLOWED_SQLSTATES: Record<string, string> = {
  "22023": "invalid_parameter_value: our own input checks (RAISE ... USING ERRCODE '22023')",
  "22P02": "invalid_text_representation: a malformed uuid / number / boolean / enum label / array literal, refused while the JSON body is converted to the arguments' types, before the function runs",
  "22001": "string_data_right_truncation: a string longer than its varchar(n) column",
  "22003": "numeric_value_out_of_range: a number that does not fit integer / bigint / numeric",
  "22007": "invalid_datetime_format (odd entry): a malformed timestamp argument, refused by the argument conversion",
  "22008": "datetime_field_overflow (odd entry): a timestamp out of range (e.g. 'infinity' or year 294277), caller data; PostgREST answers 400",
  "22009": "invalid_time_zone_displacement_value (odd entry): a timestamp argument like '+275760-09-12T23:59:59Z' (JavaScript's extended years) or '...+99:00', refused by the argument conversion",
  "23502": "not_null_violation: a required value given as null",
  "23503": "foreign_key_violation: a reference to a row that does not exist",
  "23505": "unique_violation: a duplicate (our 'already applied / already reviewed' too)",
  "23514": "check_violation: a table CHECK refused the value",
  "42501": "insufficient_privilege: not allowed (require_active_user, require_admin, the lifecycle guard); a message naming a database object is not accepted",
  "P0001": "raise_exception: a RAISE without a SQLSTATE of its own",
  "PT404": "custom: our 'No such ...' -> HTTP 404",
  "PT409": "custom: wrong state for the action -> HTTP 409",
  "PT429": "custom: rate limited -> HTTP 429",
  "55000": "object_not_in_prerequisite_state (odd entry): deliberate in choose_primary_role and the append-only triggers (PostgREST answers 500: see the mapping test)",
  "54000": "program_limit_exceeded (odd entry, named by the issue): a 1 MB value past an index row's size limit (PostgREST answers 500: see the mapping test)",
};

// What PostgREST answers for a SQLSTATE (docs.postgrest.org, references/errors: "HTTP Status Codes").
function postgrestStatus(code: string, authenticated = true): number {
  if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
  const exact: Record<string, number> = { "23503": 409, "23505": 409, "25006": 405, "53400": 500, "P0001": 400, "42883": 404, "42P01": 404, "42P17": 500 };
  if (exact[code]) return exact[code];
  if (code === "42501") return authenticated ? 403 : 401;
  const prefix: [string, number][] = [["08", 503], ["09", 500], ["0L", 403], ["0P", 403], ["25", 500], ["28", 403], ["2D", 500], ["38", 500], ["39", 500],
    ["3B", 500], ["40", 500], ["53", 503], ["54", 500], ["55", 500], ["57", 500], ["58", 500], ["F0", 500], ["HV", 500], ["P0", 500], ["XX", 500]];
  return prefix.find(([p]) => code.startsWith(p))?.[1] ?? 400;
}

// ================================================================================================
// Discovery: the public RPCs, from pg_proc
// ================================================================================================
type ArgClass = "uuid" | "text" | "int" | "numeric" | "bool" | "timestamp" | "json" | "array" | "enum" | "other";
type Arg = { name: string; type: string; cls: ArgClass; labels: string[]; hasDefault: boolean };
/** readOnly: stable or immutable: PostgREST calls it in a read-only transaction, and also on GET. */
type Fn = { name: string; signature: string; args: Arg[]; authExec: boolean; anonExec: boolean; readOnly: boolean };

function classify(base: string, category: string, typtype: string): ArgClass {
  if (base === "uuid") return "uuid";
  if (typtype === "e") return "enum";
  if (["smallint", "integer", "bigint"].includes(base)) return "int";
  if (["numeric", "real", "double precision"].includes(base) || base.startsWith("numeric")) return "numeric";
  if (base === "boolean") return "bool";
  if (base === "json" || base === "jsonb") return "json";
  if (category === "A") return "array";
  if (category === "D") return "timestamp";
  if (category === "S") return "text";
  return "other";
}

async function discover(): Promise<Fn[]> {
  const sql = postgres(testDbUrl(), { max: 1, prepare: false, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      await tx`set local search_path = ''`; // qualified type names from format_type
      const rows = await tx<{ name: string; identity: string; auth_exec: boolean; anon_exec: boolean; ndefaults: number; read_only: boolean; args: unknown }[]>`
        with f as (
          select p.oid, p.proname, p.pronargdefaults, p.provolatile in ('s', 'i') as read_only,
                 pg_catalog.pg_get_function_identity_arguments(p.oid) as identity,
                 pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE') as auth_exec,
                 pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE') as anon_exec,
                 coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[]) as types,
                 coalesce(p.proargmodes, pg_catalog.array_fill('i'::"char",
                   array[pg_catalog.cardinality(coalesce(p.proallargtypes, p.proargtypes::pg_catalog.oid[]))])) as modes,
                 p.proargnames as names
          from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.prokind = 'f')
        select f.proname as name, f.identity, f.auth_exec, f.anon_exec, f.pronargdefaults as ndefaults, f.read_only,
          coalesce((select pg_catalog.json_agg(pg_catalog.json_build_object(
              'name', a.name, 'type', pg_catalog.format_type(a.typ, null),
              'base', pg_catalog.format_type(bt.oid, null), 'typtype', bt.typtype, 'category', bt.typcategory,
              'labels', (select pg_catalog.json_agg(e.enumlabel order by e.enumsortorder) from pg_catalog.pg_enum e where e.enumtypid = bt.oid)
            ) order by a.ord)
            from unnest(f.types, f.modes, f.names) with ordinality as a(typ, mode, name, ord)
            join pg_catalog.pg_type t on t.oid = a.typ
            join pg_catalog.pg_type bt on bt.oid = coalesce(nullif(t.typbasetype, 0), t.oid)
            where a.mode in ('i', 'b', 'v')), '[]') as args
        from f order by f.proname, f.identity`;
      return rows.map((r) => {
        const list = (typeof r.args === "string" ? JSON.parse(r.args) : r.args) as
          { name: string | null; type: string; base: string; typtype: string; category: string; labels: string[] | null }[];
        const args: Arg[] = list.map((a, i) => ({
          name: a.name ?? `$${i + 1}`,
          type: a.type,
          cls: classify(a.base, a.category, a.typtype),
          labels: a.labels ?? [],
          hasDefault: i >= list.length - r.ndefaults,
        }));
        return { name: r.name, signature: `${r.name}(${r.identity})`, args, authExec: r.auth_exec, anonExec: r.anon_exec, readOnly: r.read_only };
      });
    });
  } finally {
    await sql.end();
  }
}

const FUNCTIONS = await discover();
const FUZZED = FUNCTIONS.filter((f) => f.authExec && f.args.every((a) => !a.name.startsWith("$")));
const fnByName = (name: string) => {
  const f = FUNCTIONS.find((x) => x.name === name);
  if (!f) throw new Error(`the fixture needs public.${name}(), which the schema no longer has`);
  return f;
};

// ================================================================================================
// JSON with exact numbers (9223372036854775808 must reach Postgres as written, not as a JS double)
// ================================================================================================
class RawJson {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}
const raw = (text: string) => new RawJson(text);
function serialize(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(serialize).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${serialize(x)}`).join(",")}}`;
  return JSON.stringify(v);
}
// NUL cannot be stored in Postgres text at all (PostgREST refuses it before SQL): generated strings lose it.
function sanitize<T>(v: T): T {
  if (typeof v === "string") return v.replaceAll("\u0000", "") as T;
  if (v instanceof RawJson) return v;
  if (Array.isArray(v)) return v.map(sanitize) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [sanitize(k), sanitize(x)])) as T;
  return v;
}
function describeValue(v: unknown, depth = 0): string {
  if (v instanceof RawJson) return v.text.length > 60 ? `<raw json ${v.text.length} chars>` : v.text;
  if (typeof v === "string") return v.length > 60 ? `<string ${v.length} chars: ${JSON.stringify(v.slice(0, 24))}...>` : JSON.stringify(v);
  if (Array.isArray(v)) return v.length > 6 || depth > 2 ? `<array of ${v.length}>` : `[${v.map((x) => describeValue(x, depth + 1)).join(", ")}]`;
  if (v && typeof v === "object") {
    const e = Object.entries(v);
    return e.length > 8 || depth > 2 ? `<object with ${e.length} keys>` : `{${e.map(([k, x]) => `${k}: ${describeValue(x, depth + 1)}`).join(", ")}}`;
  }
  return String(v);
}

// ================================================================================================
// The values
// ================================================================================================
const HUGE = "A".repeat(1 << 20); // 1 MB
const HUGE_UNICODE = "\u{1F600}".repeat(1 << 18); // 1 MB of 4-byte characters
const ODD_UNICODE = [
  "\u202Eevil.exe\u202C", "\u200Fright-to-left\u200E", "a\u200Db\u200Cc\u2060d", "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}\u{1F3F3}\uFE0F\u200D\u{1F308}",
  "Z\u0335\u0321\u031B\u0316a\u0336\u0327l\u0334g\u0337o\u0336", "\uFEFFbom", "\u0001\u0002\u0007\b\u001B[31mred\u001F\u007F\u0085", "line\u2028sep\u2029para",
  "\uFFFF\uFFFE", "\uFF46\uFF55\uFF4C\uFF4C", "\u00A0\u2003\u3000", "\u0130\u0131 \u00DF \uFB03", "\u{10FFFF}",
];
const SQL_INJECTION = [
  "'; drop table public.missions; --", "1' or '1'='1", "\"; select pg_sleep(10); --", "$$; drop schema private cascade; $$",
  "' union select email, encrypted_password from auth.users --", "%s %I %L %% %1$s", "\\'; \\x00 \\\\", "1; update public.profiles set primary_role = 'admin'",
];
const HTML_INJECTION = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg onload=alert(1)>", "{{7*7}}${7*7}<%= 7*7 %>",
  "<a href=\"javascript:alert(document.cookie)\">x</a>", "&lt;script&gt;&#x3C;",
];
const BLANKS = ["", " ", "   \t\n\r  ", "\u3000\u00A0"];
const MALFORMED_UUIDS = [
  "not-a-uuid", "00000000-0000-0000-0000-00000000000g", "0000000-0000-0000-0000-000000000000", "123", "", " ",
  "'; drop table public.missions; --", "1' or '1'='1", "00000000-0000-0000-0000-000000000000-0", "\u202E00000000-0000-0000-0000-000000000000",
  "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx",
];
const NASTY_JSON_COMMON: unknown[] = [null, true, false, 0, -1, {}, [], { a: 1 }, [1, "two", null], "string"];

const deepNest = (n: number) => raw("[".repeat(n) + "1" + "]".repeat(n));

type Pools = Record<string, { own: string[]; victim: string[] }>;
let POOLS: Pools = {};
let ALL_IDS: string[] = [];
// Which pool an argument's ids come from, by its name (new RPCs with other names draw from every id).
const ENTITY_BY_ARG: [RegExp, string][] = [
  [/(^|_)mission_id$/, "mission"], [/milestone_id$/, "milestone"], [/application_id$/, "application"], [/assignment_id$/, "assignment"],
  [/conversation_id$/, "conversation"], [/notification_id$/, "notification"], [/^(message_id|before_id)$/, "message"],
  [/(^|_)user_id$/, "user"], [/contributor_id$/, "contributor"], [/initiator_id$/, "initiator"], [/^task_id$/, "task"],
  [/submission_id$/, "submission"], [/session_id$/, "session"],
];
const entityOf = (arg: Arg) => ENTITY_BY_ARG.find(([re]) => re.test(arg.name))?.[1] ?? "";
const poolFor = (arg: Arg) => POOLS[entityOf(arg)] ?? { own: ALL_IDS, victim: [] };
// Per caller: the ids of the callers' world this caller can see (through RLS), the likeliest to get past
// "No such ..." and reach the deeper checks.
let VISIBLE: Record<string, Record<string, string[]>> = {};
const ownFor = (arg: Arg, caller?: Caller) => {
  const mine = caller ? VISIBLE[caller.label]?.[entityOf(arg)] : undefined;
  return mine?.length ? mine : poolFor(arg).own;
};

const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
const orRandomUuid = (xs: string[]) => (xs.length ? pick(xs) : fc.uuid());

/** Plausible, valid values for an argument (so that mutating one argument reaches deep checks). */
function validArb(arg: Arg, caller?: Caller, ownOnly = false): fc.Arbitrary<unknown> {
  const n = arg.name;
  switch (arg.cls) {
    case "uuid": {
      const p = poolFor(arg);
      if (ownOnly) return orRandomUuid(ownFor(arg, caller));
      return fc.oneof({ arbitrary: orRandomUuid(ownFor(arg, caller)), weight: 4 }, { arbitrary: orRandomUuid(p.victim), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 });
    }
    case "enum":
      return pick(arg.labels);
    case "int":
      if (/_cents$/.test(n)) return fc.constant(1000);
      if (/page_offset/.test(n)) return fc.constant(0);
      if (/rating/.test(n)) return fc.constantFrom(1, 5);
      if (/max_lead|max_shadow/.test(n)) return fc.constant(1);
      return fc.constantFrom(1, 10);
    case "numeric":
      return fc.constantFrom(80, 50.5);
    case "bool":
      return fc.boolean();
    case "timestamp":
      return /period_start|from$/.test(n) ? fc.constant("2020-01-01T00:00:00Z")
        : /period_end|_to$/.test(n) ? fc.constant("2999-01-01T00:00:00Z")
        : fc.constantFrom(null, new Date(Date.now() + 7 * 86400_000).toISOString());
    case "json":
      if (n === "milestones") return fc.constant([{ title: "Fuzz milestone", amount_cents: 1000 }]);
      return fc.constant(n === "attachments" || n === "required_skills" ? [] : {});
    case "array":
      return fc.constant(n === "links" ? ["https://example.com/delivery"] : []);
    default:
      if (n === "currency") return fc.constant("USD");
      if (n === "outcome") return fc.constantFrom("resume", "complete", "cancel");
      if (n === "category") return fc.constantFrom(TASK_CATEGORY, "backend");
      if (n === "country") return fc.constant("US");
      if (n === "search") return fc.constant("fuzz");
      return fc.constantFrom("Fuzz value", "Delivered: see the link.");
  }
}

const odd = fc.string({ unit: "grapheme", maxLength: 40 });
const junkJson = fc.jsonValue({ maxDepth: 3 });

function badStrings(): fc.Arbitrary<unknown> {
  return fc.oneof(
    pick([HUGE, HUGE_UNICODE, "x".repeat(256), "x".repeat(2001), "x".repeat(10_001), ...BLANKS]),
    pick(ODD_UNICODE), pick(SQL_INJECTION), pick(HTML_INJECTION), odd,
  );
}

/** Malformed, hostile or out-of-range values for an argument of this class. */
function badArb(arg: Arg): fc.Arbitrary<unknown> {
  const common = fc.oneof(pick(NASTY_JSON_COMMON), junkJson);
  const victimIds = poolFor(arg).victim.length ? poolFor(arg).victim : ALL_IDS;
  switch (arg.cls) {
    case "uuid":
      return fc.oneof(
        { arbitrary: pick(MALFORMED_UUIDS), weight: 3 },
        { arbitrary: orRandomUuid(victimIds), weight: 3 }, // other users' real ids
        { arbitrary: fc.tuple(fc.uuid(), fc.nat({ max: 4 })).map(([u, i]) => [`{${u}}`, u.toUpperCase(), u.replaceAll("-", ""), `${u} `, ` ${u}`][i]), weight: 1 },
        { arbitrary: pick([HUGE, "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"]), weight: 1 },
        { arbitrary: common, weight: 1 },
      );
    case "int":
      return fc.oneof(
        pick<unknown>([0, -1, -2147483648, 2147483647, 2147483648, -2147483649, raw("9223372036854775807"), raw("9223372036854775808"),
          raw("-9223372036854775809"), raw("1e30"), "1e30", "NaN", "Infinity", "-0", 1.5, "1.5", raw("1.0"), "12abc", "0x10", " 42 ", "",
          "9".repeat(400), raw("9".repeat(400)), raw("1E400")]),
        fc.integer(), fc.bigInt().map((b) => raw(b.toString())), common,
      );
    case "numeric":
      return fc.oneof(pick<unknown>(["NaN", "Infinity", "-Infinity", raw("1e1000"), "1e131073", -0.001, 100.001, 101, -1, raw("1e-400"),
        raw("123456789012345678901234567890.123456789"), "12,5", ""]), fc.double(), common);
    case "bool":
      return fc.oneof(pick<unknown>(["maybe", "yes", "t", "on", 2, 0, "", "true ", "TRUE", "1"]), common);
    case "timestamp":
      return fc.oneof(pick<unknown>(["infinity", "-infinity", "epoch", "now", "today", "294277-01-01T00:00:00Z", "4714-11-24 00:00:00 BC",
        "4714-11-23 00:00:00 BC", "2024-02-30", "2024-13-01", "25:61", "not a date", raw("1e20"), 0, -1, "", "2024-01-01T00:00:00+99:00",
        "J2451187", "allballs", "1999-01-08 04:05:06 America/Nowhere", HUGE]), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), common);
    case "json":
      return fc.oneof({ arbitrary: jsonJunkFor(arg.name), weight: 3 }, { arbitrary: common, weight: 1 });
    case "array":
      return fc.oneof(
        pick<unknown>(["not-an-array", ["javascript:alert(1)"], ["not a url", "ftp://x"], [HUGE], ["https://x.example", null], [[1, 2], [3]],
          Array.from({ length: 10_000 }, () => "https://x.example/y"), Array.from({ length: 51 }, (_, i) => `https://e.example/${i}`),
          ["../../etc/passwd"], [`${POOLS.mission?.victim[0]}/${POOLS.milestone?.victim[0]}/file.txt`], [""], {}, 42]),
        fc.array(badStrings(), { maxLength: 3 }), common,
      );
    case "enum":
      return fc.oneof(pick<unknown>(["", "ADMIN", "Lead", "lead ", " lead", "not_a_label", "'; drop type public.user_role; --", "\u{1F680}",
        ...arg.labels.map((l) => `${l}\u200B`), HUGE]), common);
    default:
      return fc.oneof({ arbitrary: badStrings(), weight: 4 }, { arbitrary: common, weight: 1 });
  }
}

function jsonJunkFor(name: string): fc.Arbitrary<unknown> {
  const generic = pick<unknown>([{}, "string", 1, true, [], [null], [[[[["deep"]]]]], deepNest(200),
    Array.from({ length: 10_000 }, (_, i) => ({ i })), { a: HUGE }, [HUGE], { milestones: [] }, JSON.parse('{"__proto__": {"admin": true}}')]);
  const other = (entity: string) => POOLS[entity]?.victim[0] ?? "00000000-0000-0000-0000-000000000000"; // another user's
  if (name === "milestones") {
    return fc.oneof(generic, pick<unknown>([
      [{ title: 1, amount_cents: -5 }], [{ title: "x", amount_cents: raw("1e30") }], [{ title: "x", amount_cents: "NaN" }],
      [{ title: "x", amount_cents: 1.5 }], [{ title: "x", amount_cents: "1000" }], [{ title: "x", amount_cents: null }],
      [{ title: "x", amount_cents: raw("9223372036854775807") }], [{ title: "x", amount_cents: raw("9223372036854775808") }],
      [{ title: "x", amount_cents: raw("4611686018427387904") }, { title: "y", amount_cents: raw("4611686018427387904") }],
      [{ title: "x", amount_cents: 0 }], [{ title: "x", amount_cents: raw("-0") }], [{ title: "x", amount_cents: raw("1e2") }],
      [{ title: "x", amount_cents: 1000, due_date: "not a date" }], [{ title: "x", amount_cents: 1000, due_date: "infinity" }],
      [{ title: "x", amount_cents: 1000, due_date: "294277-01-01" }], [{ title: "x", amount_cents: 1000, description: HUGE }],
      [{ title: "x".repeat(300), amount_cents: 1000 }], [{ title: HUGE, amount_cents: 1000 }], [{ title: "   ", amount_cents: 1000 }],
      [{ title: "\u202E\u200B", amount_cents: 1000 }], [{ title: "<script>alert(1)</script>", amount_cents: 1000 }],
      [{ title: "'; drop table public.missions; --", amount_cents: 1000 }], Array.from({ length: 21 }, () => ({ title: "m", amount_cents: 50 })),
      [{ title: "x", amount_cents: 1000, mission_id: other("mission"), id: other("milestone"), status: "paid", order_index: -1 }],
      [{ amount_cents: 1000 }], [{ title: "x" }], [["x", 1000]], ["x"], [{ title: { t: 1 }, amount_cents: [1000] }],
    ]), fc.array(fc.record({ title: fc.oneof(odd, junkJson), amount_cents: fc.oneof(fc.integer(), junkJson) }), { maxLength: 3 }));
  }
  if (name === "required_skills") {
    return fc.oneof(generic, pick<unknown>([[{ skill_id: "not-a-uuid" }], ["not-a-uuid"], [{ skill_id: other("mission") }], [{ skill_id: null }], [1],
      [{ skill_id: other("mission"), importance: "urgent" }], { skill_id: other("mission") }, [{ importance: "required" }], [{ skill_id: HUGE }], [[]]]));
  }
  if (name === "attachments") {
    return fc.oneof(generic, pick<unknown>([[{ path: `${other("conversation")}/x.png` }], [{ path: 1 }], [{}], ["str"], { path: "x" },
      [{ path: "../../etc/passwd" }], Array.from({ length: 21 }, (_, i) => ({ path: `x/${i}` })), [{ path: HUGE }], [null]]));
  }
  return fc.oneof(generic, junkJson);
}

// ================================================================================================
// People, the fixture, and calls made as PostgREST makes them
// ================================================================================================
type Caller = { label: string; role: "authenticated" | "anon" | "service_role"; claims: Record<string, unknown>; id?: string; email?: string; admin?: boolean };
type Outcome =
  | { kind: "ok"; rows: number; out: string; changes: Change[] }
  | { kind: "error"; code: string; message: string; detail?: string; hint?: string; where?: string };
type Change = { table: string; appeared: string[]; vanished: string[] };
type Input = { caller: Caller; args: Record<string, unknown>; headers: Record<string, unknown>; path: string; sweep?: string; method?: "GET" | "POST" };
/** On GET, PostgREST takes the arguments from the query string: every value arrives as text. */
const asQueryString = (args: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v === null || typeof v === "string" ? v : v instanceof RawJson ? v.text : typeof v === "object" ? serialize(v) : String(v)]));

const pg = postgres(testDbUrl(), { max: 4, prepare: false, onnotice: () => {} });
const ROLLBACK = Symbol("rollback");
const SERVICE: Caller = { label: "service_role", role: "service_role", claims: { role: "service_role" } };
const ANON: Caller = { label: "anon", role: "anon", claims: { role: "anon" } };

const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;
function buildQuery(fn: Fn, present: Arg[]): string {
  const call = present.length
    ? `json_to_record($1::text::json) as _a(${present.map((a) => `${q(a.name)} ${a.type}`).join(", ")}),
       lateral public.${q(fn.name)}(${present.map((a) => `${q(a.name)} => _a.${q(a.name)}`).join(", ")}) as r`
    : `public.${q(fn.name)}() as r`;
  return `select count(*)::int as n, coalesce(jsonb_agg(to_jsonb(r))::text, '[]') as out from ${call}`;
}

const isPgError = (e: unknown): e is postgres.PostgresError =>
  !!e && typeof e === "object" && typeof (e as { code?: unknown }).code === "string" && /^[0-9A-Z]{5}$/.test((e as { code: string }).code);
const asError = (e: postgres.PostgresError): Outcome => ({
  kind: "error", code: e.code, message: e.message, detail: e.detail ?? undefined, hint: e.hint ?? undefined, where: e.where ?? undefined,
});

/** One RPC call as PostgREST makes it. mode "probe": inspected and rolled back; "commit": the fixture. */
async function callRpc(fn: Fn, input: Input, mode: "probe" | "commit"): Promise<Outcome> {
  const present = fn.args.filter((a) => Object.hasOwn(input.args, a.name));
  const query = buildQuery(fn, present);
  const method = input.method ?? "POST";
  const args = method === "GET" ? asQueryString(input.args) : input.args;
  const params = present.length ? [serialize(Object.fromEntries(present.map((a) => [a.name, args[a.name]])))] : [];
  let outcome: Outcome | undefined;
  try {
    // PostgREST runs a stable or immutable function read-only, on GET and on POST alike.
    await pg.begin(fn.readOnly || method === "GET" ? "read only" : "read write", async (tx) => {
      await tx.unsafe(
        `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), set_config('request.method', $5, true),
                set_config('request.path', $3, true), set_config('request.headers', $4, true), set_config('statement_timeout', '8s', true)`,
        [input.caller.role, JSON.stringify(input.caller.claims), input.path, serialize(input.headers), method],
      );
      const [row] = await tx.unsafe<{ n: number; out: string }[]>(query, params as never[]);
      outcome = { kind: "ok", rows: row.n, out: row.out, changes: [] };
      if (mode === "commit") return;
      await tx.unsafe("set local role none");
      try {
        await tx.unsafe("set constraints all immediate"); // what COMMIT would check
      } catch (e) {
        if (!isPgError(e)) throw e;
        outcome = asError(e);
        throw ROLLBACK;
      }
      try {
        outcome.changes = await changesInTransaction(tx);
      } catch (e) {
        throw new Error(`harness: inspecting the transaction of ${fn.name} failed: ${(e as Error).message}`);
      }
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) {
      if (!isPgError(e)) throw e;
      outcome = asError(e);
    }
  }
  return outcome!;
}

/** The fixture: commits, and throws on any failure. Returns the first row of the result. */
async function act<T = Record<string, unknown>>(caller: Caller, fnName: string, args: Record<string, unknown>): Promise<T> {
  const out = await callRpc(fnByName(fnName), { caller, args, headers: {}, path: `/rpc/${fnName}` }, "commit");
  if (out.kind === "error") throw new Error(`fixture: ${caller.label} ${fnName}(${describeValue(args)}) failed: ${out.code} ${out.message}`);
  return (JSON.parse(out.out) as T[])[0];
}

// ------------------------------------------------------------------------------ snapshots
let TABLES: string[] = [];
let FP_SQL = "";
let CONTENT_SQL = "";
let PRIVATE_NAMES: RegExp = /$^/;
type Fp = Map<string, string>;
let BASE_FP: Fp = new Map();
const baseRowsCache = new Map<string, Map<string, string>>();

async function prepareSnapshots() {
  const rows = await pg<{ t: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and n.nspname in ('public', 'private', 'auth', 'storage', 'realtime')
    order by 1`;
  TABLES = rows.map((r) => r.t);
  FP_SQL = TABLES.map((t) => `select '${t}' as t, count(*)::int as n, coalesce(sum(x.xmin::text::bigint), 0)::text as s from ${t} x`).join(" union all ");
  CONTENT_SQL = TABLES.map((t) => `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) as s from ${t} x`)
    .join(" union all ");
  const names = await pg<{ relname: string }[]>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'private' and c.relkind in ('r', 'p', 'i', 'S', 'v')`;
  PRIVATE_NAMES = new RegExp(`"(${names.map((n) => n.relname.replace(/[^a-z0-9_]/gi, "")).join("|")})"`);
}
const toFp = (rows: { t: string; n: number; s: string }[]): Fp => new Map(rows.map((r) => [r.t, `${r.n}:${r.s}`]));
const fingerprint = async (): Promise<Fp> => toFp(await pg.unsafe(FP_SQL));
const contentSnapshot = async (): Promise<Fp> => toFp(await pg.unsafe(CONTENT_SQL));
const fpDiff = (a: Fp, b: Fp, ignore: string[] = []) => [...a.keys()].filter((t) => !ignore.includes(t) && a.get(t) !== b.get(t));
async function rebaseline() {
  BASE_FP = await fingerprint();
  baseRowsCache.clear();
}

/** The committed rows of a table (= the baseline while nothing commits), by physical row id. */
async function baseRows(table: string): Promise<Map<string, string>> {
  let m = baseRowsCache.get(table);
  if (!m) {
    const rows = await pg.unsafe<{ id: string; r: string }[]>(`select x.tableoid::int || ':' || x.ctid::text as id, x::text as r from ${table} x`);
    m = new Map(rows.map((r) => [r.id, r.r]));
    baseRowsCache.set(table, m);
  }
  return m;
}

/** Inside a succeeded call's transaction: every row that appeared or vanished, per table. */
async function changesInTransaction(tx: postgres.TransactionSql): Promise<Change[]> {
  const now = toFp(await tx.unsafe(FP_SQL));
  const changes: Change[] = [];
  for (const table of fpDiff(BASE_FP, now)) {
    const ids = new Set((await tx.unsafe<{ id: string }[]>(`select x.tableoid::int || ':' || x.ctid::text as id from ${table} x`)).map((r) => r.id));
    const base = await baseRows(table);
    const appearedIds = [...ids].filter((id) => !base.has(id));
    let vanished = [...base.keys()].filter((id) => !ids.has(id)).map((id) => base.get(id)!);
    let appeared = appearedIds.length
      ? (await tx.unsafe<{ r: string }[]>(
        `select x::text as r from ${table} x where (x.tableoid::int || ':' || x.ctid::text) in (select json_array_elements_text($1::text::json))`,
        [JSON.stringify(appearedIds)],
      )).map((r) => r.r)
      : [];
    // A row rewritten with the same content is no change.
    const same = appeared.filter((r) => vanished.includes(r));
    appeared = appeared.filter((r) => !same.includes(r));
    vanished = vanished.filter((r) => !same.includes(r));
    if (appeared.length || vanished.length) changes.push({ table, appeared, vanished });
  }
  return changes;
}

// ------------------------------------------------------------------------------ the people
type Person = Caller & { id: string; email: string; token: string; contributorId?: string; initiatorId?: string };
const P: Record<string, Person> = {};
let VICTIM_IDS: string[] = []; // every id of the other users' world: their rows must never change
let VICTIM_PRIVATE: string[] = []; // their non-public entities: no new row may reference them
let VICTIM_UNREADABLE: string[] = []; // what strangers may not even read: never in a result
const GLOBAL_TABLES = ["public.skills", "public.proof_tasks", "public.proof_task_grading_guides", "public.lifecycle_transitions", "private.settings", "storage.buckets"];

async function person(label: string, role: "initiator" | "contributor", opts: { verified?: boolean; admin?: boolean } = {}): Promise<Person> {
  const email = `fuzz-${label}-${run}@example.com`;
  const id = await createUser(pg, email, { role, full_name: `Fuzz ${label}` });
  if (opts.verified) await pg`update public.contributor_profiles set verification_status = 'verified' where user_id = ${id}`;
  if (opts.admin) await pg`update public.profiles set primary_role = 'admin' where id = ${id}`;
  const [c] = await pg<{ id: string }[]>`select id from public.contributor_profiles where user_id = ${id}`;
  const [i] = await pg<{ id: string }[]>`select id from public.initiator_profiles where user_id = ${id}`;
  const [s] = await pg<{ id: string }[]>`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal, not_after) values (gen_random_uuid(), ${id}, now(), now(), 'aal1', now() + interval '1 day')
    returning id`;
  const p: Person = {
    label, role: "authenticated", id, email, admin: !!opts.admin, token: await tokenFor(id, { email, extra: { session_id: s.id } }),
    claims: { role: "authenticated", sub: id, email, aud: "authenticated", aal: "aal1", is_anonymous: false, session_id: s.id },
    contributorId: c?.id, initiatorId: i?.id,
  };
  P[label] = p;
  return p;
}

let fundCounter = 0;
async function mission(owner: Person, opts: { amounts?: number[]; reviewer?: boolean; stage: "draft" | "pending" | "open" }) {
  const amounts = opts.amounts ?? [1000];
  const total = amounts.reduce((a, b) => a + b, 0);
  const m = await act<{ id: string }>(owner, "create_mission", {
    title: `Fuzz ${owner.label} ${opts.stage} ${run}`, description: "A mission for the bad-input test.", type: "backend",
    budget_min_cents: total, budget_max_cents: total, estimated_duration_days: 10,
    milestones: amounts.map((a, i) => ({ title: `M${i + 1}`, amount_cents: a })), requires_core_reviewer: opts.reviewer ?? false,
  });
  if (opts.stage !== "draft") await act(owner, "publish_mission", { mission_id: m.id });
  if (opts.stage === "open") {
    fundCounter += 1;
    // The payments Edge Function's call: private (not in the API), over the direct connection.
    await pg`select private.complete_deposit(payment_intent_id => ${`pi_fuzz_${run}_${fundCounter}`}, charge_id => ${`ch_fuzz_${run}_${fundCounter}`},
      amount_cents => ${total}, currency => 'usd', mission_id => ${m.id})`;
  }
  return m.id;
}
const milestonesOf = async (missionId: string) =>
  (await pg<{ id: string }[]>`select id from public.milestones where mission_id = ${missionId} order by order_index`).map((r) => r.id);

/** A mission in progress: the lead (and reviewer) invited, accepted, work started. */
async function missionInProgress(owner: Person, lead: Person, reviewer?: Person, amounts = [500, 500]) {
  const id = await mission(owner, { amounts, reviewer: !!reviewer, stage: "open" });
  for (const [who, role] of [[lead, "lead"], ...(reviewer ? [[reviewer, "core_reviewer"]] : [])] as [Person, string][]) {
    const a = await act<{ id: string }>(owner, "invite_contributor", { mission_id: id, contributor_id: who.contributorId, role });
    await act(who, "accept_invitation", { assignment_id: a.id });
  }
  await act(owner, "start_work", { mission_id: id });
  return id;
}

const TASK_CATEGORY = `fz_${run}`; // our own category: other test files' tasks are left alone
async function proofTaskStarted(who: Person) {
  const view = await act<{ task_id: string }>(who, "get_current_proof_task", { category: TASK_CATEGORY });
  await act(who, "start_proof_task", { task_id: view.task_id });
  return view.task_id;
}

async function buildFixture() {
  await prepareSnapshots();
  // Proof tasks to hand out.
  for (let i = 0; i < 4; i++) {
    const [t] = await pg<{ id: string }[]>`
      insert into public.proof_tasks (title, scenario, difficulty, time_limit_minutes, category)
      values (${`Fuzz task ${i} ${run}`}, 'Build a thing.', 'easy', 60, ${TASK_CATEGORY}) returning id`;
    await pg`insert into public.proof_task_grading_guides (task_id, expected_approach) values (${t.id}, 'Any.')`;
  }

  // The callers' world (G_c): the callers and the people they work with.
  const fi = await person("initiator", "initiator");
  const fc_ = await person("contributor", "contributor", { verified: true });
  const fr = await person("reviewer", "contributor", { verified: true });
  const fu = await person("unverified", "contributor");
  const fa = await person("admin", "contributor", { admin: true });
  await mission(fi, { amounts: [600, 400], stage: "draft" });
  await mission(fi, { stage: "pending" });
  const fo = await mission(fi, { reviewer: true, stage: "open" });
  await act(fc_, "apply_to_mission", { mission_id: fo, cover_letter: "Me please." });
  const fa2 = await act<{ id: string }>(fr, "apply_to_mission", { mission_id: fo });
  await act(fi, "shortlist_application", { application_id: fa2.id });
  await act(fi, "invite_contributor", { mission_id: fo, contributor_id: fc_.contributorId, role: "shadow" });
  const fw = await missionInProgress(fi, fc_, fr);
  const fcm = await missionInProgress(fi, fc_, undefined, [1000]);
  const [fcMs] = await milestonesOf(fcm);
  await act(fc_, "submit_milestone", { milestone_id: fcMs, content: "Done." });
  await act(fi, "approve_milestone", { milestone_id: fcMs });
  // the payouts worker's call for the one part (a lead alone): paid, the mission completes
  await pg`select private.record_release(${fcMs}, ${fc_.contributorId}, ${`tr_fuzz_${run}`})`;
  const fx = await missionInProgress(fi, fc_, undefined, [1000]);
  await act(fi, "open_dispute", { mission_id: fx, reason: "Nothing delivered." });
  const direct = await act<{ id: string }>(fi, "start_direct_conversation", { other_user_id: fc_.id });
  await act(fc_, "send_message", { conversation_id: direct.id, content: "Hello from the contributor." });
  const [team] = await pg<{ id: string }[]>`select id from public.conversations where mission_id = ${fw} and type = 'mission_team'`;
  await act(fi, "send_message", { conversation_id: team.id, content: "Status?" });
  await act(fc_, "open_support_conversation", {});
  await proofTaskStarted(fu);

  // The other users' world (G_v): never connected to the callers'.
  const vi = await person("victim-initiator", "initiator");
  const vc = await person("victim-contributor", "contributor", { verified: true });
  const vr = await person("victim-reviewer", "contributor", { verified: true });
  const vu = await person("victim-unverified", "contributor");
  const vd = await mission(vi, { amounts: [700, 300], stage: "draft" });
  const vp = await mission(vi, { stage: "pending" });
  const vo = await mission(vi, { reviewer: true, stage: "open" });
  await act(vc, "apply_to_mission", { mission_id: vo, cover_letter: "Victim's cover letter." });
  const va2 = await act<{ id: string }>(vr, "apply_to_mission", { mission_id: vo });
  await act(vi, "shortlist_application", { application_id: va2.id });
  await act(vi, "invite_contributor", { mission_id: vo, contributor_id: vr.contributorId, role: "shadow" });
  const vw = await missionInProgress(vi, vc, vr);
  const [vwMs] = await milestonesOf(vw);
  await act(vc, "submit_milestone", { milestone_id: vwMs, content: "Victim's delivery." });
  const vdirect = await act<{ id: string }>(vi, "start_direct_conversation", { other_user_id: vc.id });
  await act(vc, "send_message", { conversation_id: vdirect.id, content: "Victim's private message." });
  await act(vi, "send_message", { conversation_id: vdirect.id, content: "Victim's reply." });
  const [vteam] = await pg<{ id: string }[]>`select id from public.conversations where mission_id = ${vw} and type = 'mission_team'`;
  await act(vc, "send_message", { conversation_id: vteam.id, content: "Victim team message." });
  const vtask = await proofTaskStarted(vu);
  await act(vu, "submit_proof_task", { task_id: vtask, answer: "Victim's answer." });

  // The pools, from the database.
  const own = [fi, fc_, fr, fu, fa];
  const victims = [vi, vc, vr, vu];
  const ownUsers = own.map((p) => p.id);
  const victimUsers = victims.map((p) => p.id);
  const ids = async (sqlText: string, users: string[]) =>
    (await pg.unsafe<{ id: string }[]>(sqlText, [JSON.stringify(users)])).map((r) => r.id);
  const U = "(select json_array_elements_text($1::text::json)::uuid)";
  const poolOf = async (sqlText: string) => ({ own: await ids(sqlText, ownUsers), victim: await ids(sqlText, victimUsers) });
  // In creation order, so that a replayed seed picks the same kind of row (the ids themselves are new every run).
  const missionsSql = `select m.id from public.missions m join public.initiator_profiles i on i.id = m.initiator_id where i.user_id in ${U}`;
  POOLS = {
    user: { own: ownUsers, victim: victimUsers },
    contributor: await poolOf(`select id from public.contributor_profiles where user_id in ${U} order by created_at, id`),
    initiator: await poolOf(`select id from public.initiator_profiles where user_id in ${U} order by created_at, id`),
    mission: await poolOf(`${missionsSql} order by m.created_at, m.id`),
    milestone: await poolOf(`select id from public.milestones where mission_id in (${missionsSql}) order by created_at, order_index, id`),
    application: await poolOf(`select id from public.mission_applications where mission_id in (${missionsSql}) order by created_at, id`),
    assignment: await poolOf(`select id from public.mission_assignments where mission_id in (${missionsSql}) order by assigned_at, id`),
    conversation: await poolOf(`select c.id from public.conversations c where exists (select from public.conversation_participants p
                                 where p.conversation_id = c.id and p.user_id in ${U}) order by c.created_at, c.id`),
    message: await poolOf(`select id from public.messages where sender_id in ${U} order by created_at, id`),
    notification: await poolOf(`select id from public.notifications where user_id in ${U} order by created_at, id`),
    submission: await poolOf(`select s.id from public.proof_task_submissions s join public.contributor_profiles c on c.id = s.contributor_id
                               where c.user_id in ${U} order by s.created_at, s.id`),
    session: await poolOf(`select id from auth.sessions where user_id in ${U} order by created_at, id`),
    task: await poolOf(`select a.task_id as id from private.proof_task_attempts a join public.contributor_profiles c on c.id = a.contributor_id
                         where c.user_id in ${U} order by a.assigned_at, a.id`),
  };
  POOLS.task.own.push(...(await pg<{ id: string }[]>`select id from public.proof_tasks where category = ${TASK_CATEGORY} order by title`).map((r) => r.id));
  // Admins take part in everyone's support conversations: the conversation pools are split by who else is in them.
  POOLS.conversation.own = POOLS.conversation.own.filter((c) => !POOLS.conversation.victim.includes(c));
  ALL_IDS = [...new Set(Object.values(POOLS).flatMap((p) => [...p.own, ...p.victim]))];

  const workSubs = (await pg<{ id: string }[]>`select id from public.work_submissions where mission_id in ${pg(POOLS.mission.victim)}`).map((r) => r.id);
  const escrow = (await pg<{ id: string }[]>`select id from public.escrow_transactions where mission_id in ${pg(POOLS.mission.victim)}`).map((r) => r.id);
  const publicMission = [vo, ...(await milestonesOf(vo))];
  VICTIM_IDS = [...new Set([...victimUsers, ...Object.entries(POOLS).filter(([k]) => k !== "task").flatMap(([, p]) => p.victim), ...workSubs, ...escrow])];
  const profileIds = [...POOLS.contributor.victim, ...POOLS.initiator.victim];
  VICTIM_PRIVATE = VICTIM_IDS.filter((id) => !victimUsers.includes(id) && !profileIds.includes(id) && !publicMission.includes(id));
  VICTIM_UNREADABLE = [vd, vp, ...(await milestonesOf(vd)), ...(await milestonesOf(vp)), ...POOLS.application.victim, ...POOLS.assignment.victim,
    ...POOLS.conversation.victim, ...POOLS.message.victim, ...POOLS.notification.victim, ...POOLS.session.victim, ...POOLS.submission.victim];

  const TABLE_OF: Record<string, string> = {
    mission: "public.missions", milestone: "public.milestones", application: "public.mission_applications", assignment: "public.mission_assignments",
    conversation: "public.conversations", notification: "public.notifications", message: "public.messages", user: "public.profiles",
    contributor: "public.contributor_profiles", initiator: "public.initiator_profiles", submission: "public.proof_task_submissions",
  };
  for (const caller of own) {
    VISIBLE[caller.label] = {};
    await pg.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(caller.claims)}, true)`;
      for (const [entity, table] of Object.entries(TABLE_OF)) {
        const seen = new Set((await tx.unsafe<{ id: string }[]>(`select id::text from ${table}`)).map((r) => r.id));
        VISIBLE[caller.label][entity] = POOLS[entity].own.filter((id) => seen.has(id));
      }
    });
    VISIBLE[caller.label].session = (await pg<{ id: string }[]>`select id::text from auth.sessions where user_id = ${caller.id}`).map((r) => r.id);
    VISIBLE[caller.label].task = (await pg<{ id: string }[]>`
      select a.task_id::text as id from private.proof_task_attempts a join public.contributor_profiles c on c.id = a.contributor_id
      where c.user_id = ${caller.id}`).map((r) => r.id);
  }
}

// ================================================================================================
// Judging an RPC outcome
// ================================================================================================
const LEAKS: [RegExp, string][] = [
  [/PL\/pgSQL function/i, "PL/pgSQL context"],
  [/SQL statement/i, "SQL statement text"],
  [/\bline \d+\b/i, "a source line number"],
  [/\n\s+at \S+/, "a stack trace"],
  [/\bprivate\.[a-z_]+/i, "a private schema object"],
  [/^permission denied for (table|relation|schema|sequence|function|column|view)/i, "a privilege error from inside a function"],
  [/\/(work|home|usr|tmp|var)\/|node_modules|file:\/\//, "a file path"],
];
/** Internal text in what the caller is told; `sent` is what the caller sent (an echo of it is no leak). */
function leaks(sent: string, ...texts: (string | undefined)[]): string[] {
  const found: string[] = [];
  for (const t of texts) {
    if (!t) continue;
    for (const [re, what] of [...LEAKS, [PRIVATE_NAMES, "a private table or index name"] as [RegExp, string]]) {
      const hit = re.exec(t)?.[0];
      if (hit && !sent.includes(hit)) found.push(`${what}: ${JSON.stringify(t.slice(0, 200))}`);
    }
  }
  return found;
}
const containsAny = (text: string, ids: string[]) => ids.find((id) => text.includes(id));

/** Violations of one RPC call (empty: the call behaved). */
async function judge(input: Input, out: Outcome): Promise<string[]> {
  const v: string[] = [];
  const strict = !input.caller.admin; // admins may change other people's data: that is their job
  if (out.kind === "error") {
    if (!ALLOWED_SQLSTATES[out.code]) v.push(`internal error ${out.code}: ${out.message}${out.where ? ` (where: ${out.where.split("\n")[0]})` : ""}`);
    // Our 22023s are RAISEd; a 22023 thrown by a Postgres built-in inside a function body (say jsonb_array_length on an
    // object) means the input reached code that never checked it.
    const at = (out.where ?? "").split("\n").find((l) => /^(PL\/pgSQL|SQL) function /.test(l)) ?? "";
    if (out.code === "22023" && at && !/ at RAISE$/.test(at)) {
      v.push(`22023 from a Postgres built-in, not from one of our checks: "${out.message}" (where: ${at})`);
    }
    const sent = `${serialize(input.args)} ${serialize(input.headers)} ${input.path}`;
    v.push(...leaks(sent, out.message, out.detail, out.hint).map((l) => `leaks ${l}`));
    const changed = fpDiff(BASE_FP, await fingerprint());
    if (changed.length) {
      v.push(`a failed call changed the database: ${changed.join(", ")}`);
      await rebaseline(); // reported once; the next calls are judged against the new state
    }
    return v;
  }
  for (const c of out.changes) {
    if (strict && GLOBAL_TABLES.includes(c.table)) v.push(`changed shared data in ${c.table}`);
    for (const row of c.vanished) {
      const id = containsAny(row, VICTIM_IDS);
      if (strict && id) v.push(`changed or deleted another user's row in ${c.table} (${id}): ${row.slice(0, 240)}`);
    }
    for (const row of c.appeared) {
      const id = containsAny(row, VICTIM_PRIVATE);
      if (strict && id) v.push(`wrote a row in ${c.table} that points at another user's ${id}: ${row.slice(0, 240)}`);
    }
  }
  const leaked = strict ? containsAny(out.out, VICTIM_UNREADABLE) : undefined;
  if (leaked) v.push(`returned another user's private data (${leaked})`);
  return v;
}

// ================================================================================================
// The summary
// ================================================================================================
type RpcStats = { tried: number; ok: number; okChanged: number; rejected: Record<string, number>; violations: number; examples: Record<string, string>;
  messages: Record<string, string[]> };
type EdgeStats = { tried: number; statuses: Record<string, number>; violations: number };
const SUMMARY = { seed: SEED, runs: RUNS, edgeRuns: EDGE_RUNS, rpc: {} as Record<string, RpcStats>, edge: {} as Record<string, EdgeStats>,
  violations: {} as Record<string, string[]>, slowest: [] as { ms: number; call: string }[],
  bigWrites: {} as Record<string, { bytes: number; table: string; call: string }>, startedAt: Date.now() };
/** Rows over 64 kB a successful call wrote (not asserted: where long input is kept whole), for the summary. */
function noteBigWrites(fnName: string, out: Outcome, call: () => string) {
  if (out.kind !== "ok") return;
  for (const c of out.changes) {
    const bytes = Math.max(0, ...c.appeared.map((r) => Buffer.byteLength(r)));
    const key = `${fnName} -> ${c.table}`;
    if (bytes > 65_536 && bytes > (SUMMARY.bigWrites[key]?.bytes ?? 0)) SUMMARY.bigWrites[key] = { bytes, table: c.table, call: call() };
  }
}
/** The slowest calls (not asserted: a timing is no verdict), for the summary. */
function noteDuration(ms: number, call: () => string) {
  if (SUMMARY.slowest.length >= 8 && ms <= SUMMARY.slowest[SUMMARY.slowest.length - 1].ms) return;
  SUMMARY.slowest.push({ ms: Math.round(ms), call: call() });
  SUMMARY.slowest.sort((a, b) => b.ms - a.ms).splice(8);
}
const rpcStats = (sig: string) => (SUMMARY.rpc[sig] ??= { tried: 0, ok: 0, okChanged: 0, rejected: {}, violations: 0, examples: {}, messages: {} });
/** Each distinct error message (quoted values and numbers blanked), for the summary file. */
function noteMessage(stats: RpcStats, code: string, message: string) {
  const shape = message.replace(/: "[\s\S]*$/, ': "…"').replace(/"[^"]*"/g, '"…"').replace(/\d+/g, "N").slice(0, 200);
  const list = (stats.messages[code] ??= []);
  if (!list.includes(shape) && list.length < 20) list.push(shape);
}
const edgeStats = (key: string) => (SUMMARY.edge[key] ??= { tried: 0, statuses: {}, violations: 0 });

function printSummary() {
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const lines: string[] = [];
  const rpcs = Object.entries(SUMMARY.rpc).sort(([a], [b]) => a.localeCompare(b));
  const totalRpc = rpcs.reduce((n, [, s]) => n + s.tried, 0);
  lines.push(`\nBad input summary (seed ${SEED}, ${RUNS} random inputs per RPC + a sweep; ${EDGE_RUNS} per endpoint group)`);
  lines.push(`RPCs: ${rpcs.length} discovered, ${totalRpc} calls`);
  lines.push(`${pad("rpc", 34)} ${pad("tried", 6)} ${pad("ok", 4)} rejected by SQLSTATE (-> PostgREST status)${" ".repeat(20)} violations`);
  for (const [sig, s] of rpcs) {
    const rej = Object.entries(s.rejected).sort(([, a], [, b]) => b - a).map(([c, n]) => `${c}x${n}(${postgrestStatus(c)})`).join(" ");
    lines.push(`${pad(sig.replace(/\(.*/, ""), 34)} ${pad(s.tried, 6)} ${pad(s.ok, 4)} ${pad(rej, 62)} ${s.violations}`);
  }
  const byCode: Record<string, number> = {};
  for (const [, s] of rpcs) for (const [c, n] of Object.entries(s.rejected)) byCode[c] = (byCode[c] ?? 0) + n;
  lines.push(`all RPCs, rejected by SQLSTATE: ${Object.entries(byCode).sort(([, a], [, b]) => b - a).map(([c, n]) => `${c} ${n}`).join(", ")}; `
    + `succeeded ${rpcs.reduce((n, [, s]) => n + s.ok, 0)} (${rpcs.reduce((n, [, s]) => n + s.okChanged, 0)} of them wrote rows, all rolled back)`);
  const edges = Object.entries(SUMMARY.edge).sort(([a], [b]) => a.localeCompare(b));
  lines.push(`\nEdge Function endpoints: ${edges.reduce((n, [, s]) => n + s.tried, 0)} requests`);
  lines.push(`${pad("endpoint", 44)} ${pad("tried", 6)} ${pad("statuses", 44)} violations`);
  for (const [k, s] of edges) {
    lines.push(`${pad(k, 44)} ${pad(s.tried, 6)} ${pad(Object.entries(s.statuses).sort().map(([c, n]) => `${c}x${n}`).join(" "), 44)} ${s.violations}`);
  }
  lines.push(`\nSlowest RPC calls (statement_timeout is 8 s; a search over every row grows with the table):`);
  for (const s of SUMMARY.slowest) lines.push(`  ${String(s.ms).padStart(6)} ms  ${s.call.slice(0, 200)}`);
  const big = Object.entries(SUMMARY.bigWrites).sort(([a], [b]) => a.localeCompare(b));
  if (big.length) {
    lines.push(`\nRows over 64 kB written by calls that succeeded (rolled back; long input kept whole somewhere):`);
    for (const [k, b] of big) lines.push(`  ${String(Math.round(b.bytes / 1024)).padStart(6)} kB  ${k}   e.g. ${b.call.slice(0, 160)}`);
  }
  lines.push(`elapsed ${((Date.now() - SUMMARY.startedAt) / 1000).toFixed(1)} s`);
  console.log(lines.join("\n"));
  try {
    const file = path.join(process.cwd(), ".local", "bad-input-summary.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...SUMMARY, elapsedMs: Date.now() - SUMMARY.startedAt }, null, 2));
  } catch {
    // the summary file is a convenience
  }
}

/** Violations grouped by kind (ids and numbers blanked), each kind with its count and first example. */
type Finding = { what: string; why: string };
function grouped(findings: Finding[], limit = 10): string {
  const groups = new Map<string, { n: number; first: Finding }>();
  for (const f of findings) {
    const kind = f.why.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>").replace(/\d+/g, "N").replace(/:.*/s, "").slice(0, 120);
    const g = groups.get(kind) ?? { n: 0, first: f };
    g.n += 1;
    groups.set(kind, g);
  }
  const lines = [...groups.entries()].slice(0, limit)
    .map(([kind, g]) => `[${g.n}x] ${kind}\n      e.g. ${g.first.what}\n      -> ${g.first.why.slice(0, 600)}`);
  return lines.join("\n  ") + (groups.size > limit ? `\n  ... and ${groups.size - limit} more kinds` : "");
}

// ================================================================================================
// Inputs for one RPC
// ================================================================================================
const CALLERS = () => [P.initiator, P.contributor, P.unverified, P.admin];
const headersArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 4 },
  { arbitrary: fc.constant({ "user-agent": "supabase-js/2", "content-type": "application/json", "x-forwarded-for": "203.0.113.7" }), weight: 2 },
  {
    arbitrary: fc.record({
      "x-forwarded-for": fc.oneof(pick(["not-an-ip", "1.2.3.4, 5.6.7.8", "::1", "999.999.999.999", "203.0.113.7:8080", "", "'; drop table x; --"]), odd),
      "user-agent": fc.oneof(pick([HUGE, "<script>alert(1)</script>", ...ODD_UNICODE.slice(0, 4)]), odd),
      "cf-connecting-ip": fc.oneof(pick(["fe80::1%eth0", "0.0.0.0", "256.1.1.1"]), fc.ipV4(), fc.ipV6()),
      "x-real-ip": junkJson,
    }, { requiredKeys: [] }),
    weight: 2,
  },
);
const pathArb = (fn: Fn) => fc.oneof({ arbitrary: fc.constant(`/rpc/${fn.name}`), weight: 5 },
  { arbitrary: pick(["/rpc/fund_mission_payment", "/rest/v1/escrow_transactions?select=*", "/rpc/" + "x".repeat(5000), "/rpc/(((((", "/\u202Erpc"]), weight: 1 });

const callersFor = (fn: Fn) => (fn.anonExec ? [...CALLERS(), ANON] : CALLERS());
/** Valid arguments (the caller's own ids), required ones only: the base every mutation starts from. */
function baselineArgs(fn: Fn, caller: Caller): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const a of fn.args) {
    if (!a.hasDefault) args[a.name] = fc.sample(validArb(a, caller, true), { seed: seedFor(`${fn.signature}:${a.name}:${caller.label}`), numRuns: 1 })[0];
  }
  return args;
}
/** The baseline once per caller: who gets past authorization (not 42501) is preferred for the rest. */
const probesFor = (fn: Fn): Input[] => callersFor(fn).map((caller) => ({ caller, args: baselineArgs(fn, caller), headers: {}, path: `/rpc/${fn.name}` }));

function inputsFor(fn: Fn, preferred: Caller[]): Input[] {
  const callers = callersFor(fn);
  const n = fn.args.length;
  const arb = fc.oneof({ arbitrary: pick(preferred), weight: 4 }, { arbitrary: pick(callers), weight: 1 }).chain((caller) => fc.record({
    caller: fc.constant(caller),
    mutate: n ? fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: Math.min(3, n) }) : fc.constant([] as number[]),
    include: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    values: n ? fc.tuple(...fn.args.map((a) => fc.tuple(validArb(a, caller), badArb(a)))) : fc.constant([] as [unknown, unknown][]),
    headers: headersArb,
    path: pathArb(fn),
    method: fn.readOnly ? fc.constantFrom<"GET" | "POST">("POST", "GET") : fc.constant<"GET" | "POST">("POST"),
  })).map(({ caller, mutate, include, values, headers, path, method }) => {
    const args: Record<string, unknown> = {};
    fn.args.forEach((a, i) => {
      const mutated = mutate.includes(i);
      if (!mutated && a.hasDefault && !include[i]) return; // an optional argument left out
      args[a.name] = sanitize(mutated ? values[i][1] : values[i][0]);
    });
    return { caller, args, headers: sanitize(headers), path, method } as Input;
  });
  const random = fc.sample(arb, { seed: seedFor(fn.signature), numRuns: n ? RUNS : Math.min(RUNS, callers.length * 2) });

  // The sweep: every argument, alone, gets null and the worst values of its class; the rest stay valid.
  const sweep: Input[] = [];
  const worst: Record<ArgClass, unknown[]> = {
    uuid: ["not-a-uuid", "<victim>", null],
    text: [HUGE, null, SQL_INJECTION[0], HTML_INJECTION[0], ODD_UNICODE[0]],
    int: [raw("9223372036854775808"), -1, raw("1e30"), null],
    numeric: ["NaN", raw("1e1000"), null],
    bool: ["maybe", null],
    timestamp: ["infinity", "not a date", null],
    json: [{ a: 1 }, [{ title: 1, amount_cents: -5 }], [{ title: "x", amount_cents: raw("1e30") }], null],
    array: ["not-an-array", ["javascript:alert(1)"], null],
    enum: ["not_a_label", null],
    other: [HUGE, null, SQL_INJECTION[1]],
  };
  let k = 0;
  fn.args.forEach((a) => {
    for (const bad of worst[a.cls]) {
      const caller = preferred[k++ % preferred.length];
      const args: Record<string, unknown> = { ...baselineArgs(fn, caller) };
      args[a.name] = bad === "<victim>" ? (poolFor(a).victim[0] ?? ALL_IDS[0]) : bad;
      sweep.push({ caller, args, headers: {}, path: `/rpc/${fn.name}`, sweep: a.name });
    }
  });
  return [...sweep, ...random];
}

function describeInput(input: Input) {
  const args = Object.entries(input.args).map(([k, v]) => `${k} => ${describeValue(v)}`).join(", ");
  const extra = [Object.keys(input.headers).length ? `headers ${describeValue(input.headers)}` : "", input.path.startsWith("/rpc/") && input.path.length < 80 ? "" : `path ${describeValue(input.path)}`]
    .filter(Boolean).join("; ");
  return `${input.method === "GET" ? "GET " : ""}as ${input.caller.label}: (${args})${extra ? ` [${extra}]` : ""}`;
}

// ================================================================================================
// Edge Functions, in-process
// ================================================================================================
const standin = createStripeStandin();
const signer = new Stripe("sk_test_signer_only");
const edgeDb = connect(testDbUrl(), 4);
let deps: Deps;
let K: { anonKey: string; serviceRoleKey: string; jwtSecret: string };

type EdgeCase = {
  fn: "payments" | "stripe-webhook" | "payouts-worker" | "email-worker" | "health";
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** reject: a caller mistake, must be 4xx and change nothing. any: may succeed, never 5xx. signed: Stripe-signed but malformed. */
  expect: "reject" | "any" | "signed";
  caller?: string; // sub of a valid user token, for the rate limit counter
  label: string;
};
const HANDLERS: Record<EdgeCase["fn"], Handler> = {
  payments: paymentsHandler, "stripe-webhook": webhookHandler, "payouts-worker": payoutsHandler, "email-worker": emailHandler, health: healthHandler,
};

async function rateCounters(): Promise<Map<string, number>> {
  const rows = await pg<{ key: string; hits: number }[]>`select key || '@' || window_start::text as key, hits from private.rate_limit_counters`;
  return new Map(rows.map((r) => [r.key, r.hits]));
}

function checkErrorBody(status: number, text: string, sent = ""): string[] {
  const v: string[] = [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${status} with a body that is not JSON: ${text.slice(0, 120)}`];
  }
  const b = body as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  const keys = body && typeof body === "object" ? Object.keys(body) : [];
  if (keys.length !== 1 || keys[0] !== "error" || !b.error || typeof b.error !== "object") return [`${status} body is not the error shape: ${text.slice(0, 160)}`];
  const ek = Object.keys(b.error);
  if (typeof b.error.code !== "string" || !/^[a-z_]+$/.test(b.error.code)) v.push(`error.code is not a machine-readable string: ${text.slice(0, 160)}`);
  if (typeof b.error.message !== "string" || !b.error.message) v.push(`error.message missing: ${text.slice(0, 160)}`);
  if (ek.some((k) => !["code", "message", "details"].includes(k))) v.push(`error has extra keys ${ek.join(",")}`);
  const detailsText = b.error.details === undefined ? undefined : JSON.stringify(b.error.details);
  v.push(...leaks(sent, typeof b.error.message === "string" ? b.error.message : undefined, detailsText).map((l) => `leaks ${l}`));
  const sqlText = /\bselect\b[\s\S]*?\bfrom\b|\binsert into\b|\bupdate\b[\s\S]*?\bset\b/i.exec(`${b.error.message} ${detailsText ?? ""}`)?.[0];
  if (sqlText && !sent.includes(sqlText)) v.push(`leaks SQL: ${text.slice(0, 200)}`);
  return v;
}

/** Runs one request through wrap(handler, deps) and judges it. */
async function edgeCall(c: EdgeCase): Promise<Finding[]> {
  const stats = edgeStats(`${c.fn} ${c.label}`);
  stats.tried += 1;
  const before = await fingerprint();
  const countersBefore = await rateCounters();
  const stripeCalls = standin.state.calls.length;
  const v: string[] = [];
  let status = 0;
  let text = "";
  try {
    const init: RequestInit = { method: c.method, headers: c.headers };
    if (c.body !== undefined && c.method !== "GET" && c.method !== "HEAD") init.body = c.body;
    const res = await wrap(HANDLERS[c.fn], deps, c.fn)(new Request(`http://127.0.0.1${c.path}`, init));
    status = res.status;
    text = await res.text();
  } catch (e) {
    v.push(`unhandled exception out of the handler: ${(e as Error)?.stack?.split("\n").slice(0, 3).join(" | ")}`);
  }
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
  if (status >= 500) v.push(`answered ${status} ${/"code":"([a-z_]+)"/.exec(text)?.[1] ?? ""} to a caller mistake: ${text.slice(0, 240)}`);
  if (status >= 400 && c.method !== "HEAD") v.push(...checkErrorBody(status, text, c.body));
  if (status >= 200 && status < 300 && c.expect === "reject") v.push(`accepted a malformed request with ${status}: ${text.slice(0, 160)}`);
  if (status === 429 && c.fn !== "payments") v.push(`answered 429 rate_limited where nothing is rate limited: ${text.slice(0, 200)}`);

  const after = await fingerprint();
  const changed = fpDiff(before, after, ["private.rate_limit_counters"]);
  if (status >= 300 || status === 0) {
    if (changed.length) v.push(`a rejected request (${status}) changed the database: ${changed.join(", ")}`);
    if (standin.state.calls.length !== stripeCalls) {
      v.push(`a rejected request (${status}) called Stripe: ${standin.state.calls.slice(stripeCalls).map((x: { method: string; path: string }) => `${x.method} ${x.path}`).join(", ")}`);
    }
  } else if (c.expect === "any") {
    if (changed.length) v.push(`a read-only request changed the database: ${changed.join(", ")}`);
  } else if (c.expect === "signed") {
    const allowed = ["private.stripe_events"];
    const extra = changed.filter((t) => !allowed.includes(t));
    if (extra.length) v.push(`a malformed (though signed) event changed more than the event journal: ${extra.join(", ")}`);
  }
  // Only the caller's own payments counter may move (the counter is hit before the body is read, by design).
  const countersAfter = await rateCounters();
  for (const [k, hits] of countersAfter) {
    if (countersBefore.get(k) !== hits && !(c.caller && k.startsWith(`payments:user:${c.caller}@`))) v.push(`moved someone else's rate limit counter ${k}`);
  }
  if (v.length) stats.violations += 1;
  const body = c.body === undefined ? "none" : c.body.length > 300 ? describeValue(c.body) : JSON.stringify(c.body);
  const what = `${c.fn} ${c.method} ${describeValue(c.path)} [${c.label}] headers ${describeValue(redact(c.headers))} body ${body} -> ${status} ${text.slice(0, 200)}`;
  return v.map((why) => ({ what, why }));
}
const redact = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, x]) => [k, k.toLowerCase() === "authorization" && x.length > 40 ? `${x.slice(0, 24)}...` : x]));

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
type Tokens = Record<string, { header: string; valid: boolean; sub?: string }>;
let TOKENS: Tokens = {};

async function buildTokens(): Promise<Tokens> {
  const now = Math.floor(Date.now() / 1000);
  const fi = P.initiator;
  const t: Tokens = {
    none: { header: "", valid: false },
    garbage: { header: "Bearer garbage", valid: false },
    three_dots: { header: "Bearer a.b.c", valid: false },
    basic: { header: `Basic ${Buffer.from("user:pass").toString("base64")}`, valid: false },
    bearer_only: { header: "Bearer", valid: false },
    two_tokens: { header: `Bearer ${fi.token} ${fi.token}`, valid: false },
    truncated: { header: `Bearer ${fi.token.slice(0, -10)}`, valid: false },
    huge: { header: `Bearer ${"A".repeat(100_000)}`, valid: false },
    expired: { header: `Bearer ${await tokenFor(fi.id, { email: fi.email, expiresIn: now - 600 })}`, valid: false },
    wrong_secret: { header: `Bearer ${await tokenFor(fi.id, { email: fi.email, secret: "not-the-project-secret-but-long-enough-to-sign" })}`, valid: false },
    alg_none: { header: `Bearer ${b64url({ alg: "none", typ: "JWT" })}.${b64url({ role: "authenticated", sub: fi.id, exp: now + 3600 })}.`, valid: false },
    alg_none_service: { header: `Bearer ${b64url({ alg: "none", typ: "JWT" })}.${b64url({ role: "service_role", exp: now + 3600 })}.`, valid: false },
    forged_service: {
      header: `Bearer ${await new SignJWT({ role: "service_role" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(now + 3600)
        .sign(new TextEncoder().encode("not-the-project-secret-but-long-enough-to-sign"))}`, valid: false,
    },
    no_sub: { header: `Bearer ${await new SignJWT({ role: "authenticated" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(K.jwtSecret))}`, valid: false },
    postgres_role: { header: `Bearer ${await tokenFor(fi.id, { email: fi.email, extra: { role: "postgres" } })}`, valid: false },
    anon: { header: `Bearer ${K.anonKey}`, valid: false },
    initiator: { header: `Bearer ${fi.token}`, valid: true, sub: fi.id },
    contributor: { header: `Bearer ${P.contributor.token}`, valid: true, sub: P.contributor.id },
    unverified: { header: `bearer ${P.unverified.token}`, valid: true, sub: P.unverified.id },
    ghost_user: { header: `Bearer ${await tokenFor("00000000-0000-4000-8000-00000000dead")}`, valid: true, sub: "00000000-0000-4000-8000-00000000dead" },
  };
  return t;
}
// Health takes any valid project JWT, the anon key included.
const healthOk = (kind: string) => TOKENS[kind].valid || kind === "anon";
const invalidTokenKinds = () => Object.keys(TOKENS).filter((k) => !TOKENS[k].valid);
const withAuth = (kind: string, extra: Record<string, string> = {}) => (TOKENS[kind].header ? { Authorization: TOKENS[kind].header, ...extra } : extra);

const METHODS_OTHER = ["GET", "PUT", "PATCH", "DELETE", "HEAD"];
const CONTENT_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""];

// ================================================================================================
// Tests
// ================================================================================================
beforeAll(async () => {
  console.log(`bad-input: seed ${SEED}, ${RUNS} random inputs per RPC, ${FUZZED.length} RPCs discovered`);
  const port = await standin.listen();
  K = await keys();
  const config = loadConfig(baseConfigSchema, {
    SUPABASE_URL: "http://127.0.0.1:54321",
    SUPABASE_DB_URL: testDbUrl(),
    SUPABASE_JWT_SECRET: K.jwtSecret,
    STRIPE_SECRET_KEY: LOCAL_STRIPE.secretKey,
    STRIPE_WEBHOOK_SECRET: LOCAL_STRIPE.webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: LOCAL_STRIPE.connectWebhookSecret,
    STRIPE_API_BASE: `http://127.0.0.1:${port}`,
    PAYMENTS_RATE_LIMIT_PER_MINUTE: "10000",
  });
  deps = { config, db: edgeDb, now: () => new Date(), stripe: makeStripe(config) };
  await buildFixture();
  TOKENS = await buildTokens();
  await rebaseline();
});

afterAll(async () => {
  printSummary();
  // Leave nothing that could surprise the test files after this one: no extra active admin, no extra tasks to hand out.
  await pg`update public.proof_tasks set is_active = false where category = ${TASK_CATEGORY}`;
  if (P.admin) await pg`update public.profiles set primary_role = 'contributor' where id = ${P.admin.id}`;
  await standin.close();
  await edgeDb.close();
  await pg.end();
});

describe("every public RPC, fed malformed input as a signed-in user (and as anon where granted)", () => {
  let contentAtStart: Fp = new Map();
  beforeAll(async () => {
    contentAtStart = await contentSnapshot();
  });

  it("discovers the RPCs from the live schema", () => {
    expect(FUZZED.length).toBeGreaterThan(20);
    // Unnamed arguments cannot be called by name through PostgREST; none exist today.
    expect(FUNCTIONS.filter((f) => f.authExec && !FUZZED.includes(f)).map((f) => f.signature)).toEqual([]);
  });

  for (const fn of FUZZED) {
    it(fn.signature, async () => {
      const stats = rpcStats(fn.signature);
      const violations: Finding[] = [];
      const probes = probesFor(fn);
      const preferred: Caller[] = [];
      let inputs: Input[] = probes;
      for (let i = 0; i < inputs.length; i++) {
        const input = inputs[i];
        const t0 = performance.now();
        const out = await callRpc(fn, input, "probe");
        noteDuration(performance.now() - t0, () => `${fn.name} ${describeInput(input)} -> ${out.kind === "error" ? out.code : "ok"}`);
        noteBigWrites(fn.name, out, () => describeInput(input));
        if (i < probes.length && !(out.kind === "error" && out.code === "42501")) preferred.push(input.caller);
        if (i === probes.length - 1) inputs = [...probes, ...inputsFor(fn, preferred.length ? preferred : probes.map((p) => p.caller))];
        stats.tried += 1;
        if (out.kind === "ok") {
          stats.ok += 1;
          if (out.changes.length) stats.okChanged += 1;
        } else {
          stats.rejected[out.code] = (stats.rejected[out.code] ?? 0) + 1;
          stats.examples[out.code] ??= out.message.slice(0, 160);
          noteMessage(stats, out.code, out.message);
        }
        const v = await judge(input, out);
        // A malformed uuid never reaches the function: PostgREST's conversion refuses it with 22P02.
        const swept = fn.args.find((a) => a.name === input.sweep);
        if (swept?.cls === "uuid" && input.args[swept.name] === "not-a-uuid" && (out.kind !== "error" || out.code !== "22P02")) {
          v.push(`the malformed uuid ${swept.name} => "not-a-uuid" was not refused with 22P02 (got ${out.kind === "error" ? out.code : "success"})`);
        }
        if (v.length) {
          stats.violations += 1;
          const what = `#${i} ${describeInput(input)} -> ${out.kind === "error" ? `${out.code} ${out.message.slice(0, 200)}` : `ok (${out.rows} rows)`}`;
          violations.push(...v.map((why) => ({ what, why })));
        }
      }
      SUMMARY.violations[fn.signature] = violations.map((f) => `${f.what}: ${f.why}`);
      const changed = fpDiff(BASE_FP, await fingerprint());
      if (changed.length) violations.push({ what: "the whole batch", why: `the committed database changed during the batch: ${changed.join(", ")}` });
      if (violations.length) {
        throw new Error(`${fn.signature}: ${stats.violations} of ${inputs.length} inputs misbehaved; ${replay(fn.signature)}\n  ${grouped(violations)}`);
      }
    }, TIMEOUT);
  }

  it("left the committed database exactly as it was (md5 of every row of every table)", async () => {
    expect(fpDiff(contentAtStart, await contentSnapshot())).toEqual([]);
  });

  it("every SQLSTATE a caller's mistake produced is one PostgREST answers with a 4xx", () => {
    const bad: string[] = [];
    const byCode: Record<string, { n: number; rpcs: Set<string>; example: string }> = {};
    for (const [sig, s] of Object.entries(SUMMARY.rpc)) {
      for (const [code, n] of Object.entries(s.rejected)) {
        if (postgrestStatus(code) < 500) continue;
        byCode[code] ??= { n: 0, rpcs: new Set(), example: s.examples[code] };
        byCode[code].n += n;
        byCode[code].rpcs.add(sig.replace(/\(.*/, ""));
      }
    }
    for (const [code, x] of Object.entries(byCode)) {
      bad.push(`${code} -> HTTP ${postgrestStatus(code)}: ${x.n} calls of ${x.rpcs.size} RPCs (${[...x.rpcs].slice(0, 8).join(", ")}${x.rpcs.size > 8 ? ", ..." : ""}), e.g. "${x.example}"`);
    }
    if (bad.length) {
      throw new Error(`PostgREST answers these caller mistakes with a 5xx (docs.postgrest.org, Errors: P0* and 54*/55* are 500); `
        + `raise a 4xx-mapped SQLSTATE instead (e.g. PT404 for not found, PT409 for a wrong state):\n  ${bad.join("\n  ")}`);
    }
  });
});

describe("every Edge Function endpoint, fed malformed requests", () => {
  let victimAtStart = "";
  beforeAll(async () => {
    await rebaseline();
    victimAtStart = await victimDigest();
  });

  /** `mayChange`: tables a batch may legitimately change (rate limit counters, the event journal). */
  async function runCases(name: string, cases: EdgeCase[], mayChange: string[] = []) {
    const contentBefore = await contentSnapshot();
    const violations: Finding[] = [];
    for (const c of cases) violations.push(...(await edgeCall(c)));
    const changed = fpDiff(contentBefore, await contentSnapshot(), mayChange);
    if (changed.length) violations.push({ what: `the ${name} batch`, why: `the database changed (row content md5): ${changed.join(", ")}` });
    SUMMARY.violations[name] = violations.map((f) => `${f.what}: ${f.why}`);
    if (violations.length) {
      throw new Error(`${name}: ${new Set(violations.map((f) => f.what)).size} of ${cases.length} requests misbehaved; ${replay(name)}\n  ${grouped(violations)}`);
    }
  }
  /** An md5 per table of every row that names one of the other users' ids. */
  async function victimDigest(): Promise<string> {
    const pattern = VICTIM_IDS.join("|");
    const rows = await pg.unsafe<{ t: string; h: string }[]>(TABLES.map((t) =>
      `select '${t}' as t, md5(coalesce(string_agg(md5(x::text), '' order by md5(x::text)), '')) as h from ${t} x where x::text ~ $1`).join(" union all "), [pattern]);
    return rows.map((r) => `${r.t}:${r.h}`).join(",");
  }

  it("payments: /payments/fund, /payments/setup-intent, /payments/connect/onboard", async () => {
    const own = POOLS.mission.own;
    const victim = POOLS.mission.victim;
    const [pending] = (await pg<{ id: string }[]>`select id from public.missions where id in ${pg(own)} and status = 'pending_funding'`).map((r) => r.id);
    const routes = ["/payments/fund", "/payments/setup-intent", "/payments/connect/onboard"];
    const routeOf = (p: string) => routes.find((r) => new URL(p, "http://x").pathname.replace(/\/+$/, "") === r);
    const unknownPaths = ["/payments", "/payments/", "/payments/fund/extra", "/payments/FUND", "/payments//fund", "/payments/fund%00", "/payments/%F0%9F%98%80",
      `/payments/${"x".repeat(10_000)}`, "/payments/../admin", "/payments/connect", "/payments/fund;drop", "/payments/fund?mission_id=1"];
    const badBodies: fc.Arbitrary<string>[] = [
      pick(["{", "{'mission_id': 1}", "undefined", "NaN", "[", "{\"mission_id\":", "\u202E{}", "{}garbage", "[[[[[[", "\"\\ud800\"", "{\"a\":1,\"a\":2,}",
        "mission_id=1&country=US", "--x\r\nContent-Disposition: form-data; name=\"mission_id\"\r\n\r\n1\r\n--x--", "[".repeat(100_000)]),
      fc.constant("{\"pad\":\"" + "A".repeat(5 << 20) + "\"}"), // 5 MB
      junkJson.filter((j) => !(j && typeof j === "object" && !Array.isArray(j) && Object.keys(j).length === 0)).map((j) => JSON.stringify(j)),
    ];
    const fundBodies = fc.oneof(
      ...badBodies,
      fc.oneof(pick<unknown>([123, null, true, [], {}, ["x"], -1, raw("1e30")]), pick(MALFORMED_UUIDS), badStrings()).map((x) => serialize({ mission_id: sanitize(x) })),
      pick([...victim, ...own.filter((m) => m !== pending)]).map((m) => JSON.stringify({ mission_id: m })), // other users' missions, own in the wrong state
      fc.record({ k: pick(["amount", "amount_cents", "currency", "__proto__", "initiator_id", "customer"]), v: junkJson }).map(({ k, v }) =>
        `{"mission_id":${JSON.stringify(pending)},${JSON.stringify(k)}:${serialize(v)}}`), // extra keys
    );
    const setupBodies = fc.oneof(...badBodies, fc.record({ k: odd, v: junkJson }).map(({ k, v }) => serialize({ [k || "x"]: v })));
    const onboardBodies = fc.oneof(...badBodies,
      fc.oneof(pick<unknown>(["USA", "U", "", "u$", "1A", "\u00DCS", 1, null, ["US"], { c: "US" }, "US ", " US", "U\u200BS"]), badStrings())
        .filter((x) => !(typeof x === "string" && /^[A-Za-z]{2}$/.test(x))).map((x) => serialize({ country: sanitize(x) })),
      fc.constant(`{"country":"US","account":"acct_123"}`));

    const arb = fc.oneof(
      // A valid user, POST, a known route, a malformed body: 400 (or 403 / 404 / 409 for who they are or which mission).
      { weight: 6, arbitrary: fc.record({ route: fc.nat({ max: 2 }), who: pick(["initiator", "contributor", "unverified", "ghost_user"]), ct: pick(CONTENT_TYPES),
        f: fundBodies, s: setupBodies, o: onboardBodies }).map(({ route, who, ct, f, s, o }): EdgeCase => ({
        fn: "payments", method: "POST", path: routes[route], headers: withAuth(who, ct ? { "Content-Type": ct } : {}), body: [f, s, o][route],
        expect: "reject", caller: TOKENS[who].sub, label: `POST ${routes[route]}`,
      })) },
      // Bad tokens, on valid bodies.
      { weight: 3, arbitrary: fc.record({ route: fc.nat({ max: 2 }), tk: pick(invalidTokenKinds()) }).map(({ route, tk }): EdgeCase => ({
        fn: "payments", method: "POST", path: routes[route], headers: withAuth(tk, { "Content-Type": "application/json" }),
        body: [JSON.stringify({ mission_id: pending }), "{}", JSON.stringify({ country: "US" })][route], expect: "reject", label: `POST ${routes[route]} (bad token)`,
      })) },
      // Other methods, unknown paths.
      { weight: 2, arbitrary: fc.record({ m: pick(METHODS_OTHER), p: pick([...routes, ...unknownPaths]), tk: pick(["initiator", "none", "garbage"]) }).map(({ m, p, tk }): EdgeCase => ({
        fn: "payments", method: m, path: p, headers: withAuth(tk), body: "{}", expect: "reject", caller: TOKENS[tk].sub,
        label: routeOf(p) ? `${m} ${routeOf(p)}` : "unknown path",
      })) },
      { weight: 1, arbitrary: fc.record({ p: pick(unknownPaths), b: fc.oneof(...badBodies) }).map(({ p, b }): EdgeCase => ({
        fn: "payments", method: "POST", path: p, headers: withAuth("initiator"), body: b, expect: "reject", caller: TOKENS.initiator.sub,
        label: routeOf(p) ? `POST ${routeOf(p)}` : "unknown path",
      })) },
    );
    const cases = fc.sample(arb, { seed: seedFor("payments"), numRuns: EDGE_RUNS * 2 });
    // Always: every other user's mission and every own mission in the wrong state (404 / 409).
    for (const m of [...victim, ...own.filter((x) => x !== pending)]) {
      cases.push({ fn: "payments", method: "POST", path: "/payments/fund", headers: withAuth("initiator"), body: JSON.stringify({ mission_id: m }),
        expect: "reject", caller: TOKENS.initiator.sub, label: `POST /payments/fund (${victim.includes(m) ? "other user's mission" : "own mission, wrong state"})` });
    }
    // Each bad token kind once per route, and the wrong roles.
    for (const route of routes) {
      for (const tk of invalidTokenKinds()) {
        cases.push({ fn: "payments", method: "POST", path: route, headers: withAuth(tk), body: "{}", expect: "reject", label: `POST ${route} (bad token)` });
      }
    }
    cases.push({ fn: "payments", method: "POST", path: "/payments/setup-intent", headers: withAuth("contributor"), body: "{}", expect: "reject", caller: TOKENS.contributor.sub, label: "POST /payments/setup-intent" });
    cases.push({ fn: "payments", method: "POST", path: "/payments/connect/onboard", headers: withAuth("initiator"), body: "{\"country\":\"US\"}", expect: "reject", caller: TOKENS.initiator.sub, label: "POST /payments/connect/onboard" });
    cases.push({ fn: "payments", method: "POST", path: "/payments/fund", headers: { Authorization: `Bearer ${K.serviceRoleKey}` }, body: JSON.stringify({ mission_id: pending }), expect: "reject", label: "POST /payments/fund (bad token)" });
    await runCases("payments", cases, ["private.rate_limit_counters"]);
  }, TIMEOUT * 2);

  it("stripe-webhook: garbage, forged and stale signatures, huge payloads, signed but malformed events", async () => {
    const secret = LOCAL_STRIPE.webhookSecret;
    const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
      signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? secret, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) });
    let n = 0;
    const evtId = () => `evt_fuzz_${run}_${++n}`;
    const now = Math.floor(Date.now() / 1000);
    const pi = POOLS.mission.own[0];
    const base = (type: string, object: unknown, extra: Record<string, unknown> = {}) =>
      ({ id: evtId(), object: "event", api_version: "2025-01-27.acacia", created: now, livemode: false, type, data: { object }, ...extra });
    const malformedEvents: fc.Arbitrary<() => unknown> = fc.oneof(
      pick<() => unknown>([
        () => 42, () => "evt", () => [], () => null, () => true, () => ({}),
        () => ({ id: evtId(), type: "payment_intent.succeeded" }), // no data
        () => ({ id: evtId(), type: "payment_intent.succeeded", created: now, data: null }),
        () => ({ id: evtId(), type: "payment_intent.succeeded", created: now, data: {} }),
        () => ({ id: evtId(), type: "payment_intent.payment_failed", created: now, data: { object: null } }),
        () => ({ id: evtId(), type: "charge.refunded", created: now, data: {} }),
        () => ({ id: evtId(), type: "charge.dispute.created", created: now, data: { object: { id: "dp_x", charge: null } } }),
        () => ({ id: evtId(), type: "account.updated", created: now }),
        () => base("payment_intent.succeeded", { id: "pi_x", amount: "lots", amount_received: "lots", currency: 5, metadata: { mission_id: pi } }),
        () => base("payment_intent.succeeded", { id: "pi_x", amount: 1000, currency: "usd", metadata: { mission_id: "not-a-uuid" } }),
        () => base("payment_intent.succeeded", { id: { nested: true }, amount: -5, currency: "usd", metadata: { mission_id: pi } }),
        () => base("payment_intent.succeeded", { id: "pi_x", amount: raw("1e30"), currency: "usd", metadata: { mission_id: pi } }),
        () => base("payment_intent.succeeded", { id: "pi_x", amount: 1000, currency: "<script>", metadata: { mission_id: pi } }),
        () => base("payment_intent.payment_failed", { id: 123, last_payment_error: { message: HUGE } }),
        () => base("account.updated", { id: 5, charges_enabled: "yes", payouts_enabled: [], details_submitted: null }),
        () => base("account.updated", { id: "acct_x" }, { created: "yesterday" }),
        () => base("account.updated", { id: "acct_x" }, { created: raw("1e20") }),
        () => base("account.updated", { id: "acct_x" }, { created: -1e15 }),
        () => base("charge.refunded", { id: "ch_x", refunds: "none" }),
        () => base("charge.dispute.closed", { id: "dp_x", charge: { id: 7 }, amount: "x", status: "won" }),
        () => ({ ...base("customer.created", { id: "cus_x" }), livemode: "maybe" }),
        () => ({ ...base("customer.created", { id: "cus_x" }), id: HUGE }),
        () => ({ ...base("customer.created", { id: "cus_x" }), id: "evt_\u202E'; drop table private.stripe_events; --" }),
        () => ({ ...base("customer.created", { id: "cus_x" }), type: { t: 1 } }),
        () => ({ ...base("customer.created", { id: "cus_x" }), account: ["acct"] }),
        () => ({ ...base("customer.created", { pad: HUGE }) }), // 1 MB, well formed
      ]),
      junkJson.map((j) => () => j),
    );
    const arb = fc.oneof(
      { weight: 3, arbitrary: fc.record({ body: fc.oneof(pick(["", "garbage", "{", "[]", "null", "\u202E"]), junkJson.map((j) => JSON.stringify(j)),
        fc.constant(JSON.stringify(base("payment_intent.succeeded", { id: "pi_y", metadata: { mission_id: pi } })))),
        sig: fc.oneof(pick(["", "garbage", "t=1,v1=deadbeef", "v1=abc", "t=,v1=", `t=${now},v1=${"0".repeat(64)}`, `t=${now}`, "t=9999999999999999999,v1=00",
          "X".repeat(10_000), "t=1,v1=deadbeef,v0=x".repeat(100)]), fc.string({ unit: "binary-ascii", maxLength: 60 }).filter((s) => /^[\x20-\x7e]*$/.test(s))) })
        .map(({ body, sig }): EdgeCase => ({ fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: sig ? { "Stripe-Signature": sig } : {},
          body, expect: "reject", label: "POST (garbage signature)" })) },
      { weight: 2, arbitrary: fc.record({ ev: malformedEvents, how: pick(["wrong_secret", "stale", "tampered"]) }).map(({ ev, how }): EdgeCase => {
        const payload = serialize(ev());
        const sig = how === "wrong_secret" ? sign(payload, { secret: "whsec_not_the_right_one" })
          : how === "stale" ? sign(payload, { timestamp: now - 3600 }) : sign(payload);
        return { fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: { "Stripe-Signature": sig, "Content-Type": "application/json" },
          body: how === "tampered" ? `${payload} ` : payload, expect: "reject", label: `POST (${how === "tampered" ? "tampered body" : `${how} signature`})` };
      }) },
      { weight: 3, arbitrary: malformedEvents.map((ev): EdgeCase => {
        const payload = serialize(ev());
        return { fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: { "Stripe-Signature": sign(payload), "Content-Type": "application/json" },
          body: payload, expect: "signed", label: "POST (signed, malformed event)" };
      }) },
      { weight: 1, arbitrary: pick(METHODS_OTHER).map((m): EdgeCase => ({ fn: "stripe-webhook", method: m, path: "/stripe-webhook", headers: {}, body: "{}", expect: "reject", label: `${m}` })) },
    );
    const cases = fc.sample(arb, { seed: seedFor("stripe-webhook"), numRuns: EDGE_RUNS * 2 });
    // Always: a 6 MB payload with a garbage signature, a 1.5 MB one signed; no signature header at all.
    const big = JSON.stringify(base("customer.created", { id: "cus_big", pad: "B".repeat(6 << 20) }));
    cases.push({ fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: { "Stripe-Signature": "t=1,v1=00" }, body: big, expect: "reject", label: "POST (garbage signature)" });
    cases.push({ fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: {}, body: "{}", expect: "reject", label: "POST (garbage signature)" });
    const signedBig = JSON.stringify(base("customer.created", { id: "cus_big2", pad: "C".repeat(3 << 19) })); // 1.5 MB: journaled when accepted
    cases.push({ fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: { "Stripe-Signature": sign(signedBig) }, body: signedBig, expect: "signed", label: "POST (signed, malformed event)" });
    for (const make of [() => ({ id: evtId(), type: "payment_intent.succeeded" }), () => base("account.updated", { id: "acct_x" }, { created: raw("1e20") })]) {
      const payload = serialize(make());
      cases.push({ fn: "stripe-webhook", method: "POST", path: "/stripe-webhook", headers: { "Stripe-Signature": sign(payload) }, body: payload, expect: "signed", label: "POST (signed, malformed event)" });
    }
    await runCases("stripe-webhook", cases, ["private.stripe_events"]);
  }, TIMEOUT * 2);

  it("payouts-worker and email-worker: never run for a token that is not the service role's", async () => {
    const kinds = [...invalidTokenKinds(), "initiator", "contributor", "ghost_user"];
    const arb = fc.record({ fn: pick<EdgeCase["fn"]>(["payouts-worker", "email-worker"]), tk: pick(kinds), m: pick(["POST", "POST", ...METHODS_OTHER]),
      p: pick(["/", "/payouts-worker", "/email-worker", "/payouts-worker/drain", "/x?force=1"]), b: fc.oneof(pick(["", "{}", "{\"force\":true}"]), junkJson.map((j) => JSON.stringify(j))) })
      .map(({ fn, tk, m, p, b }): EdgeCase => ({ fn, method: m, path: p, headers: withAuth(tk), body: b, expect: "reject", label: `${m === "POST" ? `POST (${TOKENS[tk].valid ? "user" : "bad"} token)` : m}` }));
    const cases = fc.sample(arb, { seed: seedFor("workers"), numRuns: EDGE_RUNS });
    for (const fn of ["payouts-worker", "email-worker"] as const) {
      for (const tk of kinds) cases.push({ fn, method: "POST", path: `/${fn}`, headers: withAuth(tk), body: "{}", expect: "reject", label: `POST (${TOKENS[tk].valid ? "user" : "bad"} token)` });
    }
    await runCases("workers", cases);
  }, TIMEOUT);

  it("health: bad tokens and methods", async () => {
    const arb = fc.record({ tk: pick(Object.keys(TOKENS)), m: pick(["GET", "GET", "POST", "PUT", "DELETE", "PATCH"]), p: pick(["/health", "/health/x", "/health?x=<script>"]) })
      .map(({ tk, m, p }): EdgeCase => ({ fn: "health", method: m, path: p, headers: withAuth(tk), body: m === "GET" ? undefined : "{}",
        expect: m === "GET" && healthOk(tk) ? "any" : "reject", label: m === "GET" ? `GET (${healthOk(tk) ? "valid" : "bad"} token)` : m }));
    const cases = fc.sample(arb, { seed: seedFor("health"), numRuns: EDGE_RUNS });
    for (const tk of Object.keys(TOKENS).filter((k) => !healthOk(k))) cases.push({ fn: "health", method: "GET", path: "/health", headers: withAuth(tk), expect: "reject", label: "GET (bad token)" });
    await runCases("health", cases);
  }, TIMEOUT);

  it("left every other user's rows untouched", async () => {
    expect(await victimDigest()).toBe(victimAtStart);
  });
});
