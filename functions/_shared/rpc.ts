// The one typed path from an Edge Function to the platform's functions in the private schema
// (payments, jobs, the rate limit): names, arguments and results come from types/private.ts, which
// `npm run types` generates from the schema, so `deno check` fails when a function or an argument
// is renamed or its result changes, before anything runs. Arguments are passed by name
// (`private.f(arg => $1, ...)`), so their order cannot be mixed up; one left undefined takes the
// function's default.
import { type Kysely, sql } from "kysely";
import type { Database as Private } from "../../types/private.ts";

type Functions = Private["private"]["Functions"];
export type PrivateFunction = keyof Functions;
export type ArgsOf<N extends PrivateFunction> = Functions[N]["Args"];
export type ResultOf<N extends PrivateFunction> = Functions[N]["Returns"];

// deno-lint-ignore no-explicit-any
type Executor = Kysely<any>;

function call<N extends PrivateFunction>(name: N, args: ArgsOf<N>) {
  const named = Object.entries(args as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([arg, value]) => sql`${sql.id(arg)} => ${value}`);
  return sql`private.${sql.id(name)}(${named.length ? sql.join(named) : sql``})`;
}

/** `select private.<name>(...)`: the function's result (one value; a composite comes back as an object). */
export async function rpc<N extends PrivateFunction>(db: Executor, name: N, args: ArgsOf<N>): Promise<ResultOf<N>> {
  const { rows } = await sql<{ result: ResultOf<N> }>`select ${call(name, args)} as result`.execute(db);
  return rows[0].result;
}

/** `select * from private.<name>(...)`: the rows of a function that returns a table or a set. */
export async function rpcRows<N extends PrivateFunction>(
  db: Executor,
  name: N,
  args: ArgsOf<N>,
): Promise<ResultOf<N> extends readonly (infer Row)[] ? Row[] : never> {
  const { rows } = await sql`select * from ${call(name, args)}`.execute(db);
  return rows as ResultOf<N> extends readonly (infer Row)[] ? Row[] : never;
}
