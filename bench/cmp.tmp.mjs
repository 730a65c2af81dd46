import { connect, claimsFor } from "./lib/db.mjs";
import { loadContext, READS } from "./lib/queries.mjs";
import { READS as OLD } from "./lib/queries_old.tmp.mjs";
const url = "postgresql://postgres:postgres@127.0.0.1:54322/people_load";
const admin = connect(url);
const ctx = await loadContext(admin, { users: 10000, seed: "load" });
const name = process.argv[2] ?? "open_missions";
const N = Number(process.argv[3] ?? 300);
for (const [label, set] of [["old", OLD], ["new", READS], ["old", OLD], ["new", READS]]) {
  const read = set.find((r) => r.name === name);
  let rnd = 42; const r = () => ((rnd = (rnd * 16807) % 2147483647) / 2147483647);
  const users = ctx.users.filter((u) => read.users === "any" || u.kind === read.users);
  const times = [];
  await admin.begin(async (tx) => {
    for (let i = 0; i < N; i++) {
      const user = users[i % users.length]; const t = read.pick(user, r, ctx); if (!t) continue;
      const q = read.rls(user, t);
      await tx.unsafe("select set_config('role','authenticated',true), set_config('request.jwt.claims',$1,true)", [claimsFor(user.user_id)]);
      const t0 = process.hrtime.bigint(); await tx.unsafe(q.sql, q.args); times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await tx.unsafe("reset role");
    }
  });
  times.sort((a, b) => a - b);
  console.log(label, name, "n", times.length, "p50", times[times.length >> 1].toFixed(3), "p95", times[Math.floor(times.length * 0.95)].toFixed(3), "mean", (times.reduce((a, b) => a + b, 0) / times.length).toFixed(3));
}
await admin.end();
