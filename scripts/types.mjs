// npm run types: regenerate types/database.ts and types/db.ts from the development database
// (DATABASE_URL when set), after applying any pending migrations, like `supabase gen types --local`.
import { devDatabase, log, update } from "./lib/stack.mjs";
import { TYPE_FILES, writeTypes } from "./lib/types.mjs";

const { url } = await devDatabase();
update(url);
writeTypes(url);
log(`wrote ${Object.values(TYPE_FILES).map((f) => f.replace(process.cwd() + "/", "")).join(" and ")}`);
