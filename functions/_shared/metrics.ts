// Request counts and latencies of the Edge Functions, kept in the process that serves them (wrap()
// records every request) and served in the Prometheus text format by the `metrics` function. Locally
// one gateway serves every function, so the numbers cover all of them; on hosted Supabase each function
// runs in isolates of its own and these are the metrics function's own isolate only: there the
// platform's function logs and invocation charts are the source (docs/MONITORING.md).

/** Latency buckets in seconds (Prometheus histogram `le` bounds). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Series = { count: number; sum: number; buckets: number[] };

const requests = new Map<string, number>(); // "function\u0000status" -> count
const latencies = new Map<string, Series>(); // function -> histogram

export function recordRequest(fn: string, status: number, seconds: number): void {
  const key = `${fn}\u0000${status}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  let s = latencies.get(fn);
  if (!s) latencies.set(fn, s = { count: 0, sum: 0, buckets: LATENCY_BUCKETS.map(() => 0) });
  s.count += 1;
  s.sum += seconds;
  LATENCY_BUCKETS.forEach((le, i) => {
    if (seconds <= le) s!.buckets[i] += 1;
  });
}

/** For tests: forget everything recorded. */
export function resetRequestMetrics(): void {
  requests.clear();
  latencies.clear();
}

export type Sample = { labels?: Record<string, string>; value: number };
export type Family = { name: string; help: string; type: "gauge" | "counter" | "histogram"; samples: Sample[] };

/** The request families, from what wrap() recorded. */
export function requestFamilies(): Family[] {
  const counts: Sample[] = [...requests].map(([key, value]) => {
    const [fn, status] = key.split("\u0000");
    return { labels: { function: fn, status }, value };
  });
  const histogram: Sample[] = [];
  for (const [fn, s] of latencies) {
    LATENCY_BUCKETS.forEach((le, i) => histogram.push({ labels: { function: fn, le: String(le) }, value: s.buckets[i] }));
    histogram.push({ labels: { function: fn, le: "+Inf" }, value: s.count });
  }
  const sums: Sample[] = [...latencies].map(([fn, s]) => ({ labels: { function: fn }, value: s.sum }));
  const totals: Sample[] = [...latencies].map(([fn, s]) => ({ labels: { function: fn }, value: s.count }));
  return [
    { name: "people_function_requests_total", help: "Edge Function requests served, by function and HTTP status.", type: "counter", samples: counts },
    {
      name: "people_function_request_duration_seconds",
      help: "Edge Function request latency, by function.",
      type: "histogram",
      samples: [
        ...histogram.map((s) => ({ ...s, suffix: "_bucket" })),
        ...sums.map((s) => ({ ...s, suffix: "_sum" })),
        ...totals.map((s) => ({ ...s, suffix: "_count" })),
      ] as Sample[],
    },
  ];
}

const escapeLabel = (v: string) => v.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
const formatValue = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN");

/** The Prometheus text exposition format (version 0.0.4). */
export function renderPrometheus(families: Family[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")}`);
    lines.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const suffix = (s as Sample & { suffix?: string }).suffix ?? "";
      const labels = s.labels && Object.keys(s.labels).length
        ? `{${Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`
        : "";
      lines.push(`${f.name}${suffix}${labels} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
