// A function whose configuration is missing stops at boot and names the variable.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { freePort, keys, testDbUrl } from "./support.ts";

const root = path.resolve(import.meta.dirname, "../..");
const deno = path.join(root, "node_modules/.bin/deno");

function boot(entry: string, env: Record<string, string>) {
  return spawnSync(deno, ["run", "--config", "functions/deno.json", "--allow-net", "--allow-env", "--allow-read", entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NO_COLOR: "1", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("configuration at boot", () => {
  it("the health function refuses to start without SUPABASE_DB_URL and says so", async () => {
    const k = await keys();
    const r = boot("functions/health/index.ts", { SUPABASE_URL: "http://127.0.0.1:1", SUPABASE_JWT_SECRET: k.jwtSecret });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("SUPABASE_DB_URL is not set");
  });

  it("the gateway names every bad variable", async () => {
    const r = boot("functions/_local/serve.ts", {
      SUPABASE_DB_URL: testDbUrl(),
      SUPABASE_URL: "not a url",
      SUPABASE_JWT_SECRET: "short",
      FUNCTIONS_PORT: String(await freePort()),
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("SUPABASE_URL");
    expect(r.stderr).toContain("SUPABASE_JWT_SECRET must be at least 32 characters");
  });
});
