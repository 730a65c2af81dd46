// npm run db:start | db:stop | db:reset | db:status: the development database alone, in the background.
// With DATABASE_URL set, that server is used and nothing is started or stopped.
import { loadDotEnv } from "./lib/env.mjs";
import { CLUSTERS, clusterUrl, devDatabase, fail, log, portOpen, rebuild, stopCluster, update } from "./lib/stack.mjs";

loadDotEnv();
const command = process.argv[2];
const external = Boolean(process.env.DATABASE_URL);

switch (command) {
  case "start": {
    const db = await devDatabase();
    update(db.url);
    log(db.external ? "using DATABASE_URL" : db.started ? "database started" : "database already running");
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
  case "status": {
    const url = external ? process.env.DATABASE_URL : clusterUrl(CLUSTERS.dev);
    const up = external || (await portOpen(CLUSTERS.dev.port));
    console.log(`${up ? "running" : "stopped"}  ${url}`);
    break;
  }
  default:
    fail("usage: node scripts/db.mjs start|stop|reset|status");
}
