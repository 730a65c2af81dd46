// Entry point helper for index.ts files: validated config at boot, then Deno.serve.
import { ConfigError } from "./config.ts";
import { depsFromEnv, type Handler, wrap } from "./handler.ts";
import { makeReporter } from "./sentry.ts";

export function serve(
  name: string,
  handler: Handler,
  requires: readonly string[] = [],
  options: { maxBodyBytes?: number } = {},
): void {
  let deps;
  try {
    deps = depsFromEnv(Deno.env.toObject(), requires);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`[${name}] cannot start: ${err.message}`);
      Deno.exit(78); // EX_CONFIG
    }
    throw err;
  }
  deps.report = makeReporter(deps.config);
  Deno.serve(wrap(handler, deps, name, options));
}
