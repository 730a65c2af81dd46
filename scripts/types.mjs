// npm run types: regenerate types/database.ts, types/private.ts, types/db.ts and supabase/schema.sql
// from the development database (DATABASE_URL when set), after applying any pending migrations, like
// `supabase gen types --local`. After changing a migration in place (before the first release), run
// `npm run db:reset` first: a migration already applied is not applied again.
import { devDatabase, log, update } from "./lib/stack.mjs";
import { TYPE_FILES, writeTypes } from "./lib/types.mjs";

const { url } = await devDatabase();
update(url);
writeTypes(url);
log(`wrote ${Object.values(TYPE_FILES).map((f) => f.replace(process.cwd() + "/", "")).join(" and ")}`);
