import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogueEntry, type ErrorName } from '../../src/server/error-catalogue.ts';
import { ADMIN, type Answer, definition, serve } from './serve-harness.ts';

// Random methods, paths, query strings, bodies and credentials against every route, several
// at once: the service must stay up and answer every request with a well-formed response
// (an error envelope whose name, code, HTTP status and `status` header agree), never a 500.

const names = fc.oneof(
  fc.constantFrom('fn', 'a', 'b', '..', '%2e%2e', '%00', '%zz', '%', 'a/b', '%2F', '%C3%BC', ''),
  fc.constant('x'.repeat(150)),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

const buckets = fc.oneof(
  fc.constantFrom('src', 'dst', 'a.b.c', 'a.b', '*', '%60x.y%60.s.c', '%60x', 'a..b'),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);

const SUFFIXES = [
  '',
  '/',
  '/deploy',
  '/undeploy',
  '/pause',
  '/resume',
  '/settings',
  '/config',
  '/appcode',
  '/appcode/checksum',
];

const paths = fc.oneof(
  fc.tuple(names, fc.constantFrom(...SUFFIXES)).map(([n, s]) => `/api/v1/functions/${n}${s}`),
  fc.constantFrom(
    '/api/v1/functions',
    '/api/v1/import',
    '/api/v1/export',
    '/api/v1/status',
    '/getAppLog',
    '/api/v1/list/functions',
    '/api/v1/list/functions/query',
    '/api/v1/config',
    '/api/v1/stats',
    '/getExecutionStats',
    '/getLatencyStats',
    '/getFailureStats',
    '/resetStatsCounters',
  ),
  names.map((n) => `/api/v1/status/${n}`),
  names.map((n) => `/api/v1/stats/${n}`),
  fc
    .tuple(buckets, names)
    .map(([k, n]) => `/v1/buckets/${k}/scopes/_default/collections/_default/documents/${n}`),
  fc.string({ maxLength: 20 }).map((s) => `/${encodeURIComponent(s)}`),
);

const KEYS = [
  'bucket',
  'scope',
  'name',
  'appName',
  'size',
  'aggregate',
  'deployed',
  'source_bucket',
  'function_type',
  'type',
  'handleruuid',
  'expiry',
  'limit',
  'appNames',
];

const queries = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 5 })),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`));

const definitions = fc
  .record({
    name: fc.constantFrom('fn', 'a', 'b'),
    settings: fc.dictionary(
      fc.constantFrom(
        'deployment_status',
        'processing_status',
        'worker_count',
        'log_level',
        'description',
        'timer_context_size',
        'num_timer_partitions',
      ),
      fc.oneof(fc.boolean(), fc.integer({ min: -5, max: 5000 }), fc.string({ maxLength: 5 })),
    ),
    code: fc.constantFrom(
      definition('x').appcode,
      'function OnUpdate(doc, meta) {',
      'function OnUpdate(doc, meta) { log(meta.id); }',
      'var x = 1;',
    ),
  })
  .map(({ name, settings, code }) => JSON.stringify(definition(name, { appcode: code, settings })));

const bodies = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 30 }),
  definitions,
  definitions.map((d) => `[${d}]`),
  fc.constant('x'.repeat(3000)),
);

const randomRequests = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  path: paths,
  query: queries,
  body: bodies,
  authorization: fc.oneof(
    { weight: 8, arbitrary: fc.constant(ADMIN) },
    fc.constantFrom(null, 'Basic eDp5', 'Bearer x'),
  ),
});

const fnNames = fc.constantFrom('fn', 'a', 'b');
const scopes = fc.constantFrom('', '', '?bucket=&scope=', '?bucket=b&scope=s', '?bucket=b');
const settingsBodies = fc
  .dictionary(
    fc.constantFrom(
      'deployment_status',
      'processing_status',
      'worker_count',
      'description',
      'num_timer_partitions',
      'x',
    ),
    fc.oneof(fc.boolean(), fc.integer({ min: -2, max: 10 }), fc.string({ maxLength: 3 })),
  )
  .map((settings) => JSON.stringify(settings));

/** Requests shaped like a real client's, so that random sequences create, deploy, edit and delete. */
const clientRequests = fc.oneof(
  fc.record({
    method: fc.constant('POST'),
    path: fnNames.map((n) => `/api/v1/functions/${n}`),
    query: scopes,
    body: definitions,
  }),
  fc.record({
    method: fc.constant('POST'),
    path: fc
      .tuple(fnNames, fc.constantFrom('deploy', 'undeploy', 'pause', 'resume'))
      .map(([n, op]) => `/api/v1/functions/${n}/${op}`),
    query: scopes,
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant('POST'),
    path: fnNames.map((n) => `/api/v1/functions/${n}/settings`),
    query: scopes,
    body: settingsBodies,
  }),
  fc.record({
    method: fc.constant('POST'),
    path: fnNames.map((n) => `/api/v1/functions/${n}/appcode`),
    query: scopes,
    body: fc.constantFrom('function OnUpdate(doc, meta) { log(1); }', 'function OnUpdate(', ''),
  }),
  fc.record({
    method: fc.constant('POST'),
    path: fnNames.map((n) => `/api/v1/functions/${n}/config`),
    query: scopes,
    body: fc.constantFrom(
      '{"source_bucket":"src","metadata_bucket":"meta"}',
      '{"source_bucket":"other","metadata_bucket":"meta"}',
      '{}',
    ),
  }),
  fc.record({
    method: fc.constantFrom('DELETE', 'GET'),
    path: fnNames.map((n) => `/api/v1/functions/${n}`),
    query: scopes,
    body: fc.constant(undefined),
  }),
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant('/api/v1/import'),
    query: fc.constant(''),
    body: fc.array(definitions, { maxLength: 3 }).map((d) => `[${d.join(',')}]`),
  }),
  fc.record({
    method: fc.constant('PUT'),
    path: fnNames.map((n) => `/v1/buckets/src/scopes/_default/collections/_default/documents/${n}`),
    query: fc.constant(''),
    body: fc.jsonValue().map((v) => JSON.stringify(v)),
  }),
);

const requests = fc.oneof(
  { weight: 2, arbitrary: randomRequests },
  {
    weight: 3,
    arbitrary: clientRequests.map((r) => ({ ...r, authorization: ADMIN as string | null })),
  },
);

function checkAnswer(method: string, path: string, answer: Answer): void {
  expect(answer.status).not.toBe(500);
  if (path.startsWith('/v1/')) {
    // The Data API: its own error bodies, without the Eventing service's status header.
    expect(answer.headers.status).toBeUndefined();
    const json = String(answer.headers['content-type']).startsWith('application/json');
    if (answer.status >= 400 && method !== 'HEAD' && json) {
      expect(answer.json()).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
    }
    return;
  }
  if (answer.headers.status === undefined) {
    // Only Go's plain 404 for paths no route matches comes without the header.
    expect(answer.status).toBe(404);
    expect(answer.text).toBe(method === 'HEAD' ? '' : '404 page not found\n');
    return;
  }
  if (answer.status === 200) {
    expect(answer.headers.status).toBe('0');
    return;
  }
  if (method === 'HEAD') return;
  const body = answer.json() as { name: ErrorName; code: number; description?: unknown };
  const entry = catalogueEntry(body.name);
  expect(entry).toBeDefined();
  expect({ code: body.code, header: answer.headers.status, http: answer.status }).toEqual({
    code: entry.code,
    header: String(entry.code),
    http: entry.httpStatus,
  });
  expect(body).toHaveProperty('description');
}

describe('fuzzing every route', () => {
  it('stays up and always answers with a valid envelope', async () => {
    const h = await serve({ transitionMs: 1, maxBodyBytes: 2000 });
    await fc.assert(
      fc.asyncProperty(fc.array(requests, { minLength: 1, maxLength: 4 }), async (batch) => {
        const answers = await Promise.all(
          batch.map((r) =>
            h.call(r.method, `${r.path}${r.query}`, {
              authorization: r.authorization,
              ...(r.body === undefined || r.method === 'GET' || r.method === 'HEAD'
                ? {}
                : { body: r.body }),
            }),
          ),
        );
        for (const [i, r] of batch.entries()) checkAnswer(r.method, r.path, answers[i] as Answer);
        const alive = await h.call('GET', '/api/v1/status');
        expect(alive.status).toBe(200);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
