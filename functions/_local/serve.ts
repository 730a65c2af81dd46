// The local Edge Functions gateway: serves every function declared in supabase/config.toml at
// http://127.0.0.1:<port>/functions/v1/<name>, as Supabase's edge runtime does (the function sees the
// path without /functions/v1). One process, one shared database pool. Not deployed.
//
//   deno run --allow-net --allow-env --allow-read functions/_local/serve.ts
import { ConfigError } from "../_shared/config.ts";
import { errorResponse, notFound } from "../_shared/errors.ts";
import { depsFromEnv, type FunctionModule, wrap } from "../_shared/handler.ts";
import { makeReporter } from "../_shared/sentry.ts";

const root = new URL("../../", import.meta.url);
const configToml = await Deno.readTextFile(new URL("supabase/config.toml", root));
const names = [...configToml.matchAll(/^\[functions\.([A-Za-z0-9_-]+)\]\s*$/gm)].map((m) => m[1]);

const modules = new Map<string, FunctionModule>();
for (const name of names) {
  modules.set(name, (await import(new URL(`functions/${name}/handler.ts`, root).href)) as FunctionModule);
}

let deps;
try {
  deps = depsFromEnv(Deno.env.toObject(), [...new Set([...modules.values()].flatMap((m) => m.requires ?? []))]);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`[functions] cannot start: ${err.message}`);
    Deno.exit(78);
  }
  throw err;
}

deps.report = makeReporter(deps.config);

const routes = new Map<string, (req: Request) => Promise<Response>>();
for (const [name, mod] of modules) routes.set(name, wrap(mod.handler, deps, name, { maxBodyBytes: mod.maxBodyBytes }));

const port = Number(Deno.env.get("FUNCTIONS_PORT") ?? 54321);
const hostname = Deno.env.get("FUNCTIONS_HOST") ?? "127.0.0.1";

Deno.serve({
  port,
  hostname,
  onListen: ({ hostname, port }) => {
    console.log(`[functions] serving ${names.join(", ")} on http://${hostname}:${port}/functions/v1/<name>`);
  },
}, (req) => {
  const url = new URL(req.url);
  const match = /^\/functions\/v1\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(url.pathname);
  const route = match && routes.get(match[1]);
  if (!route) return errorResponse(notFound("No such function."));
  url.pathname = `/${match[1]}${match[2] ?? ""}`;
  return route(new Request(url, req));
});
