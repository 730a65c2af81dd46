// CPU time per process from /proc (Linux): which part of the machine did the work a load step
// measured (PostgreSQL's backends, PgBouncer, the load generator, everything else).
import { execFileSync } from "node:child_process";
import fs from "node:fs";

let tickMs = null;
/** Milliseconds per clock tick (USER_HZ: 100 on Linux, so a 10 ms resolution per process). */
function tick() {
  if (tickMs === null) {
    let hz = 100;
    try {
      hz = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      /* keep Linux's usual 100 */
    }
    tickMs = 1000 / hz;
  }
  return tickMs;
}

/** { ppid, ms } of a process (user + system CPU), or null when it is gone. */
function stat(pid) {
  let text;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name is in parentheses and may hold spaces: the fields after it start at ") ".
  const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * tick() };
}

/** CPU milliseconds used so far by `pid` and every process whose parent it is (a postmaster and its backends). */
export function treeCpuMs(pid) {
  let ms = stat(pid)?.ms ?? 0;
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s && s.ppid === pid) ms += s.ms;
  }
  return ms;
}

/** CPU milliseconds used so far by one process. */
export function processCpuMs(pid) {
  return stat(pid)?.ms ?? 0;
}

/** The machine's busy and total CPU milliseconds so far (all cores, from /proc/stat). */
export function machineCpuMs() {
  const [, ...v] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = v[3] + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + (b || 0), 0);
  return { busy: (total - idle) * tick(), total: total * tick() };
}

/** The parent of a process (for a backend: its postmaster). */
export function parentOf(pid) {
  return stat(pid)?.ppid ?? null;
}
