/**
 * The HTTP service in this process, on a real socket: the same report as the CLI for the same file,
 * bad input as 4xx JSON with the failure code, limits (body size, token, 503 when full), a crash
 * that fails one request and not the server, /health, /schema and /metrics.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { reportJsonSchema } from '../../src/report/schema.js';
import { buildServer, type Server } from '../../src/serve/app.js';
import { makeFiling, makeScannedFiling, truncate } from '../batch/make-pdfs.js';
import { corpusFile, hasCorpus } from '../helpers/corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const GATE_WORKER = path.join(here, '..', 'helpers', 'gate-worker.ts');
const ENCRYPTED = path.join(here, '..', 'fixtures', 'encrypted-user-password.pdf');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-serve-'));
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

async function start(opts: Partial<Parameters<typeof buildServer>[0]> = {}): Promise<{ server: Server; url: string }> {
  const server = buildServer({ jobs: 1, queue: 4, maxBytes: 5 * 1024 * 1024, limits: { timeoutSeconds: 0 }, ...opts });
  servers.push(server);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { server, url: `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}` };
}

/** `redactmap analyze <file> --json`, in this process. */
async function cliJson(file: string): Promise<string> {
  let out = '';
  const code = await main(['analyze', file, '--json'], { stdout: (s) => (out += s), stderr: () => undefined, color: false });
  expect(code).toBe(0);
  return out;
}

/** The server's JSON with file.path set to the CLI's: the only field allowed to differ. */
function withPath(json: string, p: string): string {
  const report = JSON.parse(json);
  report.file.path = p;
  return JSON.stringify(report, null, 2) + '\n';
}

const post = (url: string, body: Uint8Array | string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', body: typeof body === 'string' ? body : Buffer.from(body), headers: { 'content-type': 'application/pdf', ...headers }, signal });

describe('serve: the same report as the CLI', () => {
  let url: string;
  const files: string[] = [];
  beforeAll(async () => {
    ({ url } = await start({ jobs: 2 }));
    writeFileSync(path.join(tmp, 'leaky.pdf'), await makeFiling({ pages: 3, leak: true, seed: 3 }));
    writeFileSync(path.join(tmp, 'scan.pdf'), await makeScannedFiling({ pages: 1, seed: 2 }));
    files.push(path.join(tmp, 'leaky.pdf'), path.join(tmp, 'scan.pdf'));
    if (hasCorpus) files.push(corpusFile('02_xray_rectangles_yes.pdf'), corpusFile('19_pins_redacted_applied.pdf'));
  });

  it('raw body and multipart give the CLI report, byte for byte apart from file.path', async () => {
    for (const file of files) {
      const bytes = readFileSync(file);
      const cli = await cliJson(file);
      const raw = await post(`${url}/analyze`, bytes);
      expect(raw.status, file).toBe(200);
      expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
      const rawText = await raw.text();
      expect(JSON.parse(rawText).file.path).toBe('<upload>');
      expect(withPath(rawText, file)).toBe(cli);

      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), path.basename(file));
      const multi = await fetch(`${url}/analyze`, { method: 'POST', body: form });
      expect(multi.status, file).toBe(200);
      const multiText = await multi.text();
      expect(JSON.parse(multiText).file.path).toBe(path.basename(file));
      expect(withPath(multiText, file)).toBe(cli);
    }
  }, 900_000);

  it('format=markdown gives the Markdown report; filename= names the file', async () => {
    const res = await post(`${url}/analyze?format=markdown&filename=brief.pdf`, readFileSync(files[0]));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await res.text()).toMatch(/^# Redaction report: brief\.pdf/);
  });

  it('/health, /schema and /metrics', async () => {
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ status: 'ok', jobs: 2, running: 0, waiting: 0 });
    expect(await (await fetch(`${url}/schema`)).json()).toEqual(reportJsonSchema());
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^redactmap_http_requests_total\{method="POST",route="\/analyze",status="200"\} \d+$/m);
    expect(metrics).toMatch(/^redactmap_analyses_total\{outcome="ok"\} \d+$/m);
    expect(metrics).toMatch(/^redactmap_pages_analysed_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^redactmap_analysis_duration_seconds_count\{outcome="ok"\} \d+$/m);
  });
});

describe('serve: bad input and limits', () => {
  let url: string;
  let pdf: Uint8Array;
  beforeAll(async () => {
    ({ url } = await start({ maxBytes: 200_000, token: 's3cret' }));
    pdf = await makeFiling({ pages: 1, seed: 8 });
  });
  const auth = { authorization: 'Bearer s3cret' };

  it('a bad PDF is a 4xx JSON error with the failure code and a one-line message', async () => {
    const cases: [Uint8Array | string, number, string][] = [
      ['', 400, 'empty'],
      ['hello, not a pdf', 422, 'not-pdf'],
      [truncate(pdf, 0.4), 422, 'damaged'],
      [readFileSync(ENCRYPTED), 422, 'needs-password'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(`${url}/analyze`, body, auth);
      expect(res.status, code).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const json = (await res.json()) as { code: string; error: string };
      expect(json.code).toBe(code);
      expect(json.error).not.toMatch(/\n|\bat .*:\d+:\d+/);
    }
    const wrong = await post(`${url}/analyze`, readFileSync(ENCRYPTED), { ...auth, 'x-redactmap-password': 'nope' });
    expect(await wrong.json()).toMatchObject({ code: 'needs-password', error: 'encrypted PDF: the password is wrong' });
  });

  it('a bad setting is a 400 naming it; format=html is the review page', async () => {
    const dpi = await post(`${url}/analyze?dpi=5`, pdf, auth);
    expect(dpi.status).toBe(400);
    expect(await dpi.json()).toMatchObject({ code: 'bad-setting', error: expect.stringMatching(/dpi/) });
    const html = await post(`${url}/analyze?format=html&filename=brief.pdf`, pdf, auth);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain('brief.pdf');
    expect(page).toContain('<img'); // the pages are drawn from the uploaded bytes
  });

  it('a body over --max-bytes is a 413 too-large, raw or multipart', async () => {
    const big = new Uint8Array(300_000);
    big.set(Buffer.from('%PDF-1.7\n'));
    const raw = await post(`${url}/analyze`, big, auth);
    expect(raw.status).toBe(413);
    expect(await raw.json()).toMatchObject({ code: 'too-large' });
    const form = new FormData();
    form.append('file', new Blob([big]), 'big.pdf');
    const multi = await fetch(`${url}/analyze`, { method: 'POST', body: form, headers: auth });
    expect(multi.status).toBe(413);
    expect(await multi.json()).toMatchObject({ code: 'too-large' });
  });

  it('a multipart form with more than the file, or malformed, is a 400', async () => {
    const form = new FormData();
    form.append('note', 'hello');
    form.append('file', new Blob([Buffer.from(pdf)]), 'a.pdf');
    const extra = await fetch(`${url}/analyze`, { method: 'POST', body: form, headers: auth });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ code: 'bad-request' });
    const broken = await post(`${url}/analyze`, 'x', { ...auth, 'content-type': 'multipart/form-data' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'bad-request', error: expect.stringMatching(/^malformed multipart form/) });
  });

  it('with a token, every endpoint but /health needs it', async () => {
    for (const p of ['/schema', '/metrics']) {
      const res = await fetch(`${url}${p}`);
      expect(res.status, p).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toMatchObject({ code: 'unauthorized' });
    }
    expect((await post(`${url}/analyze`, pdf, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/schema`, { headers: auth })).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`, { headers: auth })).text();
    for (const code of ['empty', 'not-pdf', 'damaged', 'needs-password', 'too-large', 'unauthorized']) {
      expect(metrics).toMatch(new RegExp(`^redactmap_failures_total\\{code="${code}"\\} [1-9]`, 'm'));
    }
  });
});

describe('serve: concurrency and crashes (analyses held at a gate)', () => {
  const gate = path.join(tmp, 'gate');
  let url: string;
  let server: Server;
  let pdf: Uint8Array;
  beforeAll(async () => {
    mkdirSync(gate);
    process.env.REDACTMAP_TEST_GATE = gate; // read by the gate worker processes
    ({ url, server } = await start({ jobs: 1, queue: 1, pool: { workerModule: GATE_WORKER } }));
    pdf = await makeFiling({ pages: 1, seed: 4 });
  });
  afterAll(() => {
    delete process.env.REDACTMAP_TEST_GATE;
  });

  const until = async (cond: () => boolean, what: string) => {
    for (let i = 0; !cond(); i++) {
      if (i > 6000) throw new Error(`gave up waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('beyond --jobs requests wait; beyond the queue they get 503 with Retry-After', async () => {
    const first = post(`${url}/analyze`, pdf);
    await until(() => server.admission.active === 1, 'the first analysis to start');
    const second = post(`${url}/analyze`, pdf);
    await until(() => server.admission.waiting === 1, 'the second to wait');
    expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ running: 1, waiting: 1 });
    const third = await post(`${url}/analyze`, pdf);
    expect(third.status).toBe(503);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await third.json()).toMatchObject({ code: 'busy' });
    writeFileSync(path.join(gate, 'release'), '');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('an analysis that crashes fails its request (500) and the server goes on', async () => {
    const crash = await post(`${url}/analyze?filename=crash.pdf`, pdf);
    expect(crash.status).toBe(500);
    expect(await crash.json()).toMatchObject({ code: 'internal', error: 'analysis process crashed (SIGSEGV)' });
    expect((await post(`${url}/analyze`, pdf)).status).toBe(200);
  });
});

describe('serve: each analysis within --max-memory', () => {
  const FAKE = path.join(here, '..', 'batch', 'fake-worker.ts');
  it('a file that fills memory past the ceiling is 413 too-large, in one line; the next request is answered', async () => {
    // the fake worker fills memory outside the heap for a file named "hog": only the ceiling stops it
    const { url } = await start({ limits: { timeoutSeconds: 0, maxMemoryMb: 300 }, pool: { workerModule: FAKE } });
    const pdf = await makeFiling({ pages: 1, seed: 5 });
    const hog = await post(`${url}/analyze?filename=hog.pdf`, pdf);
    expect(hog.status).toBe(413);
    expect(await hog.json()).toMatchObject({ code: 'too-large', error: 'needs more memory than the limit of 300 MiB (--max-memory)' });
    // a fresh worker takes the next request ("quick": answered without analysing, which 300 MiB does not fit under tsx)
    expect((await post(`${url}/analyze?filename=quick.pdf&format=json`, pdf)).status).toBe(200);
  });
});

describe('serve: a client that goes away', () => {
  const FAKE = path.join(here, '..', 'batch', 'fake-worker.ts');
  it('stops its analysis: the worker holding it is killed, the failure is counted as aborted, and the next request is answered', async () => {
    // one slot, and an analysis that never ends ("hang"): only the client's going away frees it
    const { url, server } = await start({ jobs: 1, queue: 1, pool: { workerModule: FAKE } });
    const pdf = await makeFiling({ pages: 1, seed: 6 });
    const client = new AbortController();
    const hang = post(`${url}/analyze?filename=hang.pdf`, pdf, {}, client.signal).catch((e: Error) => e);
    for (let i = 0; server.admission.active === 0; i++) {
      if (i > 6000) throw new Error('the analysis never started');
      await new Promise((r) => setTimeout(r, 20));
    }
    client.abort();
    expect(await hang).toBeInstanceOf(Error);
    const next = await post(`${url}/analyze?filename=quick.pdf`, pdf);
    expect(next.status).toBe(200);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^redactmap_failures_total\{code="aborted"\} 1$/m);
  }, 60_000);
});

describe('serve and worker: --max-memory is checked before anything starts', () => {
  it('a ceiling under the minimum is a usage error (2) naming the option', async () => {
    for (const argv of [['serve', '--port', '0', '--max-memory', '100'], ['worker', '--out', path.join(tmp, 'w-out'), '--redis', 'redis://127.0.0.1:1', '--max-memory', '100']]) {
      let err = '';
      const code = await main(argv, { stdout: () => undefined, stderr: (s) => (err += s), color: false });
      expect(code, argv[0]).toBe(2);
      expect(err).toBe('redactmap: --max-memory must be at least 256 MiB\n');
    }
  });
});
