import { Pool } from 'undici';
import { expect } from 'vitest';
import { parseKeyspace } from '../../src/definition/keyspace.ts';
import {
  createManualTransitions,
  instantTransitions,
  type ManualTransitions,
} from '../../src/emulator/transitions.ts';
import {
  type LocalServiceOptions,
  type RunningService,
  startLocalService,
} from '../../src/server/serve.ts';
import { afterEachTest } from '../helpers/after-each-test.ts';

// A real local service on a loopback port, and a client that sends requests exactly as given
// (paths are not normalised, so path tricks reach the server as written).

export const ADMIN = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as it is when a string or Buffer; otherwise as JSON. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

export interface Harness {
  running: RunningService;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** Polls GET /api/v1/status/{name} until `composite_status` is `status` (a bounded loop). */
  waitFor(name: string, status: string, query?: string): Promise<void>;
  /**
   * Creates `bucket` or `bucket.scope.collection` through the cluster manager's REST API, as
   * an administrator would; what exists already is kept.
   */
  createKeyspace(keyspace: string): Promise<void>;
}

const open: Array<{ running: RunningService; pool: Pool }> = [];

/** Closes every service the test started (also run after each test). */
export async function closeServices(): Promise<void> {
  await Promise.all(
    open.splice(0).map(async ({ running, pool }) => {
      await pool.close();
      await running.close();
    }),
  );
}

afterEachTest(closeServices);

/**
 * Starts serve on 127.0.0.1, a free port; closed after the test. Transitions end as soon as
 * they begin (no timer) unless the test gives `transitions` (held ones) or `transitionMs`.
 */
export async function serve(options: LocalServiceOptions = {}): Promise<Harness> {
  const transitions =
    options.transitionMs === undefined ? { transitions: instantTransitions() } : {};
  const running = await startLocalService({ port: 0, ...transitions, ...options });
  const pool = new Pool(running.url);
  open.push({ running, pool });
  const call = (method: string, path: string, options: CallOptions = {}) =>
    send(pool, method, path, options);
  return {
    running,
    call,
    async waitFor(name, status, query = '') {
      let last: unknown;
      for (let poll = 0; poll < 20_000; poll++) {
        const answer = await call('GET', `/api/v1/status/${name}${query}`);
        last = (answer.json() as { app?: { composite_status?: string } }).app?.composite_status;
        if (last === status) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw new Error(`${name} never reached ${status} (last: ${String(last)})`);
    },
    createKeyspace: (keyspace) => createKeyspace(call, keyspace),
  };
}

/** {@link serve} with keyspaces created before the test's first request. */
export async function serveWith(
  keyspaces: string[],
  options: LocalServiceOptions = {},
): Promise<Harness> {
  const h = await serve(options);
  for (const keyspace of keyspaces) await h.createKeyspace(keyspace);
  return h;
}

/** Creates a keyspace as {@link Harness.createKeyspace} does, on any serve that `call` reaches. */
export async function createKeyspace(call: Harness['call'], keyspace: string): Promise<void> {
  const [bucket = '', scope, collection] = keyspace.split('.');
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const steps = [
    { path: '/pools/default/buckets', body: `name=${bucket}&ramQuota=100` },
    ...(scope && scope !== '_default'
      ? [{ path: `/pools/default/buckets/${bucket}/scopes`, body: `name=${scope}` }]
      : []),
    ...(collection && collection !== '_default'
      ? [
          {
            path: `/pools/default/buckets/${bucket}/scopes/${scope}/collections`,
            body: `name=${collection}`,
          },
        ]
      : []),
  ];
  for (const step of steps) {
    const answer = await call('POST', step.path, { body: step.body, headers: form });
    if (answer.status >= 300 && !answer.text.includes('already exists')) {
      throw new Error(`Cannot create ${keyspace}: ${answer.status} ${answer.text}`);
    }
  }
}

export async function send(
  pool: Pool,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const { body } = options;
  const payload =
    body === undefined || typeof body === 'string' || Buffer.isBuffer(body)
      ? body
      : JSON.stringify(body);
  const authorization = options.authorization === undefined ? ADMIN : options.authorization;
  const response = await pool.request({
    method: method as 'GET',
    path,
    headers: { ...(authorization === null ? {} : { authorization }), ...options.headers },
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text),
  };
}

/** A scheduler whose transitions end at once: the work starts as soon as it is scheduled. */
export { instantTransitions };

/** A scheduler whose transitions end when the test says so (`step()`, `release()`). */
export function heldTransitions(): ManualTransitions {
  return createManualTransitions();
}

/** A small valid definition: OnUpdate copies to `dst` and logs the key. */
export function definition(name: string, overrides: Record<string, unknown> = {}) {
  return {
    appname: name,
    appcode: "function OnUpdate(doc, meta) {\n  log('saw', meta.id);\n  dst[meta.id] = doc;\n}\n",
    depcfg: {
      source_bucket: 'src',
      metadata_bucket: 'meta',
      buckets: [{ alias: 'dst', bucket_name: 'dst', access: 'rw' }],
    },
    settings: { deployment_status: false, processing_status: false },
    ...overrides,
  };
}

/**
 * Asserts an error envelope: HTTP status, `status` header, name, code and (when given) the
 * description.
 */
export function expectError(
  answer: Answer,
  expected: { http: number; name: string; code: number; description?: unknown },
): void {
  const body = answer.json() as Record<string, unknown>;
  expect({
    http: answer.status,
    header: answer.headers.status,
    name: body.name,
    code: body.code,
  }).toEqual({
    http: expected.http,
    header: String(expected.code),
    name: expected.name,
    code: expected.code,
  });
  if ('description' in expected) expect(body.description).toEqual(expected.description);
}

/** Asserts a 200 with `status: 0` and returns the parsed body. */
export function expectOk(answer: Answer): unknown {
  expect({ http: answer.status, header: answer.headers.status, text: answer.text }).toMatchObject({
    http: 200,
    header: '0',
  });
  try {
    return answer.json();
  } catch {
    return answer.text; // raw appcode, app log lines
  }
}

/** The Data API path of a document: `bucket` or `bucket.scope.collection`, and its key. */
export function docPath(keyspace: string, key: string): string {
  const { bucket, scope, collection } = parseKeyspace(keyspace);
  const part = encodeURIComponent;
  return `/v1/buckets/${part(bucket)}/scopes/${part(scope)}/collections/${part(collection)}/documents/${part(key)}`;
}

/** Asserts the Data API's 200 for a stored or removed document. */
export function expectStored(answer: Answer): void {
  expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: '' });
}
