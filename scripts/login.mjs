// npm run login -- <email> [password]: an access token for a user of the local database, made the way
// Supabase Auth makes one at password sign-in (scripts/lib/signin.mjs): same claims, through the
// project's Custom Access Token hook, same lifetime. The token alone goes to stdout, so
//   TOKEN=$(npm run -s login -- maya@northwind.test)
//   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:54321/functions/v1/health
// works. The password defaults to the seed's (password123). Uses DATABASE_URL or the development database.
import { loadDotEnv } from "./lib/env.mjs";
import { CLUSTERS, clusterUrl, log, main, portOpen, StackError } from "./lib/stack.mjs";

loadDotEnv();
await main(async () => {
  const [email, password = "password123"] = process.argv.slice(2);
  if (!email || email.startsWith("-")) {
    throw new StackError("usage: npm run login -- <email> [password]", "the seeded users are listed at the top of supabase/seed.sql");
  }
  let url = process.env.DATABASE_URL;
  if (!url) {
    if (!(await portOpen(CLUSTERS.dev.port))) {
      throw new StackError("the development database is not running", "start it with npm run dev (or npm run db:start)");
    }
    url = clusterUrl(CLUSTERS.dev);
  }
  const { signInWithPassword } = await import("./lib/signin.mjs");
  const { accessToken, expiresAt, user, claims } = await signInWithPassword(url, email, password);
  log(`signed in as ${user.email} (${claims.user_role ?? "no role"}, user ${user.id}); the token expires at ${new Date(expiresAt * 1000).toISOString()}`);
  console.log(accessToken);
});
