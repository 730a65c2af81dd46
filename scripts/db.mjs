// npm run db:start | db:stop | db:reset | db:seed | db:status: the development database alone, in the
// background. With DATABASE_URL set, that server is used and nothing is started or stopped.
// Errors end in one line that says what failed and what to do.
import { loadDotEnv } from "./lib/env.mjs";
import {
  applySeed, CLUSTERS, clusterUrl, devDatabase, isSeeded, log, main, portOpen, rebuild, StackError, stopCluster, update,
} from "./lib/stack.mjs";

loadDotEnv();
const command = process.argv[2];
const external = Boolean(process.env.DATABASE_URL);

await main(async () => {
  switch (command) {
    case "start": {
      const db = await devDatabase();
      const { seeded, empty } = update(db.url);
      log(db.external ? "using DATABASE_URL" : db.started ? "database started" : "database already running");
      if (seeded) log("seeded with supabase/seed.sql");
      if (empty) log("the database has no data: npm run db:seed loads the development data");
      console.log(db.url);
      break;
    }
    case "stop": {
      if (external) {
        log("DATABASE_URL is set: that server is not managed here, nothing to stop");
        break;
      }
      log(stopCluster(CLUSTERS.dev) ? "database stopped" : "database was not running");
      break;
    }
    case "reset": {
      const db = await devDatabase();
      rebuild(db.url, { seed: true });
      log("database rebuilt from the bootstrap, the migrations and the seed");
      console.log(db.url);
      break;
    }
    case "seed": {
      const db = await devDatabase();
      update(db.url, { seedWhenEmpty: false });
      if (isSeeded(db.url)) {
        throw new StackError("the database already has data (users)",
          "npm run db:reset rebuilds it from scratch with the seed");
      }
      applySeed(db.url);
      log("seeded with supabase/seed.sql");
      console.log(db.url);
      break;
    }
    case "status": {
      const url = external ? process.env.DATABASE_URL : clusterUrl(CLUSTERS.dev);
      const up = external || (await portOpen(CLUSTERS.dev.port));
      console.log(`${up ? "running" : "stopped"}  ${url}`);
      break;
    }
    default:
      throw new StackError(`unknown command ${command ?? "(none)"}`, "use node scripts/db.mjs start|stop|reset|seed|status");
  }
});
