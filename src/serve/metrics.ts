/**
 * GET /metrics: Prometheus text exposition (prom-client), in a registry of the server's own so that
 * two servers in one process (tests) never share counters.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Buckets of the analysis duration histogram, seconds. */
export const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export interface ServeMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  requestSeconds: Histogram<'route'>;
  analyses: Counter<'outcome'>;
  analysisSeconds: Histogram<'outcome'>;
  pages: Counter;
  failures: Counter<'code'>;
  running: Gauge;
  waiting: Gauge;
}

export function createMetrics(state: { running: () => number; waiting: () => number }): ServeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'redactmap_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({ name: 'redactmap_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers }),
    requestSeconds: new Histogram({ name: 'redactmap_http_request_duration_seconds', help: 'HTTP request durations', labelNames: ['route'], buckets: DURATION_BUCKETS, registers }),
    analyses: new Counter({ name: 'redactmap_analyses_total', help: 'analyses finished, by outcome (ok, failed)', labelNames: ['outcome'], registers }),
    analysisSeconds: new Histogram({ name: 'redactmap_analysis_duration_seconds', help: 'time in an analysis slot', labelNames: ['outcome'], buckets: DURATION_BUCKETS, registers }),
    pages: new Counter({ name: 'redactmap_pages_analysed_total', help: 'pages of the files analysed', registers }),
    failures: new Counter({ name: 'redactmap_failures_total', help: 'error responses, by code', labelNames: ['code'], registers }),
    running: new Gauge({ name: 'redactmap_analyses_running', help: 'analyses running now', registers, collect() { this.set(state.running()); } }),
    waiting: new Gauge({ name: 'redactmap_analyses_waiting', help: 'requests waiting for an analysis slot', registers, collect() { this.set(state.waiting()); } }),
  };
}
