// Postgres access for Edge Functions: postgres.js + Kysely typed by the generated types/db.ts.
// Work done on a user's behalf runs as PostgREST runs it: inside a transaction, with the JWT's role
// switched to locally and the claims in request.jwt.claims, so RLS and grants apply unchanged.
import { type DatabaseConnection, type Driver, Kysely, sql, type Transaction } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";
import type { DB } from "../../types/db.ts";
import type { Claims } from "./auth.ts";

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;

export type Db = {
  /** The current postgres.js client (a new one replaces it after a lost connection: read it, do not keep it). */
  readonly sql: postgres.Sql;
  db: Database;
  close: () => Promise<void>;
};

export function connect(url: string, max = 5, applicationName = "people-edge-functions"): Db {
  const pool = recoveringPool(() =>
    postgres(url, {
      max,
      idle_timeout: 20,
      connect_timeout: 10,
      prepare: false, // works behind Supavisor's transaction pooler too
      onnotice: () => {},
      connection: { application_name: applicationName },
    })
  );
  const db = new Kysely<DB>({ dialect: new RecoveringDialect(pool) });
  return {
    get sql() {
      return pool.current;
    },
    db,
    close: () => db.destroy(),
  };
}

// ------------------------------------------------------------------------------------------------
// Surviving a database restart (or pg_terminate_backend, or a pooler cutting a connection) without a
// process restart.
//
// kysely-postgres-js reserves a pooled postgres.js connection for every query and transaction and
// release()s it afterwards. When the server cuts a connection, postgres.js 3.4.9 rejects the query in
// flight and puts the connection in its "closed" list, to reconnect it on demand; but then:
//  - release() of that reservation puts the socket-less connection back in the "open" list: the next
//    query handed to it is written to a null socket (an uncaught TypeError in a setImmediate) and never
//    settles, nor does any query queued behind it (porsager/postgres#1199, open). The ROLLBACK a Kysely
//    transaction sends on the dead reservation, before releasing it, hangs the same way;
//  - the server's last words on a terminated connection (FATAL 57P01, sent by pg_terminate_backend and
//    by a fast shutdown / restart) stay in the connection's state: its reconnect hands that stale error
//    to the first reservation waiting for it and leaves the connection stuck, out of every list, so
//    the pool has one slot less each time, and a pool of one never answers again;
//  - a reservation queued when its connection is cut can be dropped and never settle (#1195).
// So: a reservation whose query failed because its connection went away is dropped (no more queries,
// no ROLLBACK: the server rolled back; no release), and the client it came from is retired: new work
// gets a fresh client, the old one is ended GRACE_S later (work in flight on its healthy connections
// may finish, later work there is cut). Waiting longer than ACQUIRE_TIMEOUT_MS for a reservation (a
// stranded one, or a pool stuck that long) fails the wait and retires that client too.
// ------------------------------------------------------------------------------------------------
const GRACE_S = 30;
const ACQUIRE_TIMEOUT_MS = 30_000;

/** postgres.js's own codes for a connection that went away, Node's socket errors, and SQLSTATEs
 * that end the session (class 08 connection exception; 57P01-57P03 shutdown / crash / starting up). */
const LOST =
  /^(CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT|ACQUIRE_TIMEOUT|ECONNRESET|EPIPE|ECONNREFUSED|ETIMEDOUT|08...|57P0[123])$/;
export function isConnectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && LOST.test(code);
}

type RecoveringPool = {
  readonly current: postgres.Sql;
  /** Replaces `client` by a fresh client, unless that happened already. */
  retire: (client: postgres.Sql) => void;
  /** What kysely-postgres-js calls: a reservation from the current client; ends every client. */
  reserve: () => Promise<postgres.ReservedSql>;
  end: () => Promise<void>;
};

function recoveringPool(open: () => postgres.Sql): RecoveringPool {
  let client = open();
  const retiring = new Map<postgres.Sql, ReturnType<typeof setTimeout>>();
  // end() waits for every connection to finish, a dead one included: it never does, hence timeout 0.
  const finish = (old: postgres.Sql) => {
    clearTimeout(retiring.get(old));
    retiring.delete(old);
    return old.end({ timeout: 0 }).catch(() => {});
  };
  const pool: RecoveringPool = {
    get current() {
      return client;
    },
    retire(old) {
      if (old !== client) return;
      client = open();
      // Work in flight on its healthy connections may finish (idle ones close after idle_timeout).
      retiring.set(old, setTimeout(() => finish(old), GRACE_S * 1000));
    },
    async reserve() {
      const from = client;
      const reserving = from.reserve();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(Object.assign(new Error(`no database connection within ${ACQUIRE_TIMEOUT_MS / 1000} s`), { code: "ACQUIRE_TIMEOUT" })),
          ACQUIRE_TIMEOUT_MS,
        );
      });
      try {
        return await Promise.race([reserving, timeout]);
      } catch (err) {
        if (isConnectionLost(err)) {
          pool.retire(from);
          reserving.then((late) => late.release(), () => {});
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
    async end() {
      await Promise.all([client.end(), ...[...retiring.keys()].map(finish)]);
    },
  };
  return pool;
}

export class RecoveringDialect extends PostgresJSDialect {
  readonly #pool: RecoveringPool;
  constructor(pool: RecoveringPool) {
    super({ postgres: () => pool }); // a factory: kysely-postgres-js takes only a function for a client
    this.#pool = pool;
  }
  override createDriver(): Driver {
    return recovering(super.createDriver(), this.#pool);
  }
}

function recovering(inner: Driver, pool: RecoveringPool): Driver {
  const unwrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const lost = new WeakSet<DatabaseConnection>();
  const gone = () => Object.assign(new Error("the database connection was lost"), { code: "CONNECTION_CLOSED" });
  return {
    init: () => inner.init(),
    async acquireConnection() {
      const from = pool.current; // the client inner.acquireConnection() reserves from
      const c = await inner.acquireConnection();
      const w: DatabaseConnection = {
        async executeQuery(q) {
          if (lost.has(w)) throw gone();
          try {
            return await c.executeQuery(q);
          } catch (err) {
            if (isConnectionLost(err)) {
              lost.add(w);
              pool.retire(from);
            }
            throw err;
          }
        },
        streamQuery: (q, chunkSize) => c.streamQuery(q, chunkSize),
      };
      unwrapped.set(w, c);
      return w;
    },
    // PostgresDriver sends begin / commit / rollback / savepoints through the (wrapped) connection.
    beginTransaction: (c, settings) => inner.beginTransaction(c, settings),
    commitTransaction: (c) => inner.commitTransaction(c),
    rollbackTransaction: (c) => lost.has(c) ? Promise.resolve() : inner.rollbackTransaction(c),
    savepoint: inner.savepoint?.bind(inner),
    rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
    releaseSavepoint: inner.releaseSavepoint?.bind(inner),
    releaseConnection: (c) => lost.has(c) ? Promise.resolve() : inner.releaseConnection(unwrapped.get(c) ?? c),
    destroy: () => inner.destroy(),
  };
}

export type RequestContext = { method?: string; path?: string; headers?: Record<string, string> };

/**
 * Runs `work` in one transaction as the caller, exactly as PostgREST would: role from the claims
 * (anon / authenticated / service_role) and request.jwt.claims set transaction-locally.
 */
export function asCaller<T>(db: Database, claims: Claims, work: (tx: Tx) => Promise<T>, ctx: RequestContext = {}): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${claims.role}, true),
                     set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                     set_config('request.method', ${ctx.method ?? "POST"}, true),
                     set_config('request.path', ${ctx.path ?? ""}, true),
                     set_config('request.headers', ${JSON.stringify(ctx.headers ?? {})}, true)`.execute(tx);
    return work(tx);
  });
}
