/**
 * `redactmap serve`: the HTTP service (Fastify).
 *
 *   POST /analyze   the PDF as the body (any content type) or as the one file of a multipart form
 *                   → the report (JSON, Markdown with format=markdown, the review page with format=html)
 *   GET  /health    liveness and load (never needs the token)
 *   GET  /schema    the report's JSON Schema
 *   GET  /metrics   Prometheus text
 *
 * Each analysis runs in a worker process of the batch pool (src/batch/pool.ts), with batch's
 * per-file limits: a file that crashes, hangs or exhausts memory fails its request alone.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { poolLimits, WorkerPool, type PoolOptions, type TaskOutcome } from '../batch/pool.js';
import { resolveSettings, type SettingsInput } from '../settings.js';
import { VERSION } from '../report-constants.js';
import { reportJsonSchema } from '../report/schema.js';
import { Admission } from './admission.js';
import { DEFAULT_UPLOAD_NAME, UPLOAD_TIMEOUT_MS } from './defaults.js';
import { FAILURE_STATUS, fromFastifyError, HttpError } from './http-errors.js';
import { createMetrics, type ServeMetrics } from './metrics.js';
import { requestOptions, type AnalyzeRequestOptions } from './request-options.js';

export interface ServeOptions {
  /** Analyses at once (worker processes). */
  jobs: number;
  /** Requests waiting for a slot beyond `jobs`; more are refused with 503. */
  queue: number;
  maxBytes: number;
  /** Limits of each analysis: time limit (seconds, 0 for none) and memory ceiling (MiB); default: the settings' defaults. */
  limits?: Pick<SettingsInput, 'timeoutSeconds' | 'maxMemoryMb'>;
  /** Bearer token required on every endpoint but /health. */
  token?: string;
  /** Worker pool knobs (tests). */
  pool?: Partial<PoolOptions>;
}

export interface Server {
  app: FastifyInstance;
  admission: Admission;
  /** Refuse new requests, let running ones finish, stop the workers. */
  close(): Promise<void>;
  /** Kill the workers now: running analyses fail (500), so that close() ends at once. */
  abort(): Promise<void>;
}

export function buildServer(opts: ServeOptions): Server {
  const admission = new Admission(opts.jobs, opts.queue);
  const metrics = createMetrics({ running: () => admission.active, waiting: () => admission.waiting });
  // each analysis within its time limit and memory ceiling, as in batch (a SettingsError here is the caller's)
  const { timeoutSeconds, maxMemoryMb } = resolveSettings(opts.limits);
  const pool = new WorkerPool({ size: opts.jobs, ...poolLimits({ timeoutSeconds, maxMemoryMb }), ...opts.pool });
  // OCR threads per file, so that `jobs` files at once do not oversubscribe the cores
  const ocrJobs = Math.max(1, Math.floor(os.availableParallelism() / opts.jobs));
  let closing = false;

  const app = Fastify({ logger: false, bodyLimit: opts.maxBytes, requestTimeout: UPLOAD_TIMEOUT_MS, return503OnClosing: false, forceCloseConnections: 'idle' });
  app.removeAllContentTypeParsers();
  app.register(multipart, { limits: { fileSize: opts.maxBytes, files: 1, fields: 0, parts: 1 } });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.maxBytes }, (_req, body, done) => done(null, body));

  const busy = () =>
    new HttpError(503, 'busy', `all ${opts.jobs} analysis slots and ${opts.queue} queue places are taken; retry later`, {
      'retry-after': String(admission.retryAfterSeconds()),
    });
  app.addHook('onRequest', async (req, reply) => {
    if (closing) {
      reply.header('connection', 'close');
      throw new HttpError(503, 'shutting-down', 'the server is shutting down', { 'retry-after': String(admission.retryAfterSeconds()) });
    }
    if (opts.token && req.url !== '/health' && !bearerMatches(req.headers.authorization, opts.token)) {
      throw new HttpError(401, 'unauthorized', 'missing or wrong bearer token (Authorization: Bearer <token>)', { 'www-authenticate': 'Bearer' });
    }
    if (req.method === 'POST' && req.routeOptions.url === '/analyze') {
      // a place is reserved before the body is read, and freed when the answer is sent or the
      // connection drops ('close' fires in both cases)
      const release = admission.reserve();
      if (!release) throw busy();
      reply.raw.once('close', release);
    }
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'none';
    metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    metrics.requestSeconds.observe({ route }, reply.elapsedTime / 1000);
  });
  app.setErrorHandler(async (e: unknown, _req, reply) => sendError(reply, e instanceof HttpError ? e : fromFastifyError(e as object), metrics));
  app.setNotFoundHandler(async (req, reply) => sendError(reply, new HttpError(404, 'no-route', `no such endpoint: ${req.method} ${req.url.split('?')[0]}`), metrics));

  app.get('/health', async (_req, reply) =>
    reply.code(closing ? 503 : 200).send({ status: closing ? 'shutting-down' : 'ok', version: VERSION, jobs: opts.jobs, running: admission.active, waiting: admission.waiting }),
  );
  app.get('/schema', async (_req, reply) => reply.type('application/schema+json').send(JSON.stringify(reportJsonSchema(), null, 2) + '\n'));
  app.get('/metrics', async (_req, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  app.post('/analyze', async (req, reply) => {
    const options = requestOptions(req.query as Record<string, unknown>, req.headers);
    const upload = await readUpload(req);
    const label = options.filename ?? upload.filename ?? DEFAULT_UPLOAD_NAME;
    const entered = admission.enter();
    if (!entered) throw busy();
    // a client that goes away before its answer stops its analysis (queued or running): its slot
    // is free for the next request at once, not after minutes of OCR nobody will read
    const gone = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) gone.abort(new Error('the client closed the connection'));
    };
    reply.raw.once('close', onClose);
    const release = await entered;
    const t0 = performance.now();
    let outcome: TaskOutcome;
    try {
      outcome = await pool.run(
        {
          file: label,
          label,
          bytes: upload.bytes,
          settings: { ...options.settings, timeoutSeconds, maxMemoryMb, jobs: ocrJobs },
          markdown: options.format === 'markdown',
          html: options.format === 'html',
        },
        { signal: gone.signal },
      );
    } finally {
      reply.raw.off('close', onClose);
      release();
    }
    const seconds = (performance.now() - t0) / 1000;
    admission.observe(seconds);
    return answer(reply, outcome, options, seconds, metrics);
  });

  return {
    app,
    admission,
    async close() {
      closing = true;
      await app.close();
      await pool.shutdown();
    },
    async abort() {
      closing = true;
      await pool.close();
    },
  };
}

/** The uploaded PDF: the raw body, or the one file of a multipart form. */
async function readUpload(req: FastifyRequest): Promise<{ bytes: Uint8Array; filename?: string }> {
  if (req.isMultipart()) {
    const part = await req.file().catch(malformedForm);
    if (!part) throw new HttpError(400, 'empty', 'the multipart form has no file');
    const bytes = await part.toBuffer().catch(malformedForm);
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), ...(part.filename ? { filename: part.filename } : {}) };
  }
  const body = req.body;
  if (body === undefined || body === null) return { bytes: new Uint8Array(0) };
  if (!Buffer.isBuffer(body)) throw new HttpError(400, 'bad-request', 'the body must be the PDF bytes or a multipart form');
  return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.length) };
}

/** A multipart error that carries no HTTP status (busboy's parse errors) is the client's: 400. */
function malformedForm(e: unknown): never {
  if (e instanceof Error && (e as { statusCode?: number }).statusCode) throw e;
  throw new HttpError(400, 'bad-request', `malformed multipart form (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
}

function answer(reply: FastifyReply, outcome: TaskOutcome, options: AnalyzeRequestOptions, seconds: number, metrics: ServeMetrics) {
  if (outcome.type === 'failed') {
    metrics.analyses.inc({ outcome: 'failed' });
    metrics.analysisSeconds.observe({ outcome: 'failed' }, seconds);
    const message = outcome.code === 'needs-password' ? outcome.message.replace('(--password)', '(password= or X-Redactmap-Password)') : outcome.message;
    return sendError(reply, new HttpError(FAILURE_STATUS[outcome.code], outcome.code, message), metrics);
  }
  metrics.analyses.inc({ outcome: 'ok' });
  metrics.analysisSeconds.observe({ outcome: 'ok' }, seconds);
  metrics.pages.inc(outcome.summary.pages ?? 0);
  if (options.format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(outcome.markdown ?? '');
  if (options.format === 'html') {
    if (outcome.html === undefined) return sendError(reply, new HttpError(500, 'internal', outcome.htmlError ?? 'the review page was not drawn'), metrics);
    return reply.type('text/html; charset=utf-8').send(outcome.html);
  }
  return reply.type('application/json; charset=utf-8').send(outcome.json);
}

function sendError(reply: FastifyReply, e: HttpError, metrics: ServeMetrics) {
  metrics.failures.inc({ code: e.code });
  return reply.code(e.status).headers(e.headers).type('application/json; charset=utf-8').send(JSON.stringify(e.body()) + '\n');
}

/** Constant-time comparison of the Authorization header with the token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1].trim()), digest(token));
}

