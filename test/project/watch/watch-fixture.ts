import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { EventingClient } from '../../../src/client/eventing-client.ts';
import type { FunctionFolder } from '../../../src/project/function-folders.ts';
import type { SaveReport, WatchReport } from '../../../src/project/watch/watch-report.ts';
import {
  startWatchSession,
  type WatchSession,
  type WatchSessionOptions,
} from '../../../src/project/watch/watch-session.ts';
import { nextTurn } from '../../client/client-harness.ts';
import { afterEachTest } from '../../helpers/after-each-test.ts';
import { docPath, expectStored, type Harness } from '../../server/serve-harness.ts';

// Function folders in temp directories, functions on a loopback serve, and a watch session whose
// reports tests await: each save is followed by exactly one report, so tests wait for it instead
// of sleeping.

/** A handler whose OnUpdate writes `{ version, from }` to `dst` and logs. */
export function handler(version: number, extra = ''): string {
  return `function OnUpdate(doc, meta) {\n  log('v${version} saw', meta.id);\n  dst[meta.id] = { version: ${version}, from: doc.name };\n}\n${extra}`;
}

/** function.json of the functions these tests watch. */
export function functionJson(name: string, overrides: Record<string, unknown> = {}) {
  return {
    appname: name,
    depcfg: {
      source_bucket: 'src',
      metadata_bucket: 'meta',
      buckets: [{ alias: 'dst', bucket_name: 'dst', access: 'rw' }],
    },
    settings: { dcp_stream_boundary: 'from_now' },
    ...overrides,
  };
}

const temporary: string[] = [];

afterEachTest(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A function folder `functions/<name>` in a new temp project. */
export async function functionFolder(
  name: string,
  code: string,
  json: Record<string, unknown> = functionJson(name),
): Promise<FunctionFolder> {
  const root = await mkdtemp(join(tmpdir(), 'eventing-dev-watch-'));
  temporary.push(root);
  const dir = join(root, 'functions', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'handler.js'), code);
  await writeFile(join(dir, 'function.json'), `${JSON.stringify(json, null, 2)}\n`);
  return { name, dir };
}

/** Creates the function on serve with `code` (and deploys it when asked). */
export async function createOnServe(
  harness: Harness,
  name: string,
  code: string,
  options: { deploy?: boolean; json?: Record<string, unknown> } = {},
): Promise<void> {
  const definition = { ...(options.json ?? functionJson(name)), appcode: code };
  const stored = await harness.call('POST', `/api/v1/functions/${name}`, { body: definition });
  expect(stored.status, stored.text).toBe(200);
  if (options.deploy) {
    const deploying = await harness.call('POST', `/api/v1/functions/${name}/deploy`);
    expect(deploying.status, deploying.text).toBe(200);
    await harness.waitFor(name, 'deployed');
  }
}

export async function appcodeOnServe(harness: Harness, name: string): Promise<string> {
  return (await harness.call('GET', `/api/v1/functions/${name}/appcode`)).text;
}

export async function statusOnServe(harness: Harness, name: string): Promise<string | undefined> {
  const answer = await harness.call('GET', `/api/v1/status/${name}`);
  return (answer.json() as { app?: { composite_status?: string } }).app?.composite_status;
}

/** PUTs a document into `src` (answered once every handler ran) and reads `dst`'s copy. */
export async function effectOf(harness: Harness, id: string): Promise<unknown> {
  const body = { name: `doc ${id}` };
  expectStored(await harness.call('PUT', docPath('src', `${id}`), { body }));
  const copy = await harness.call('GET', docPath('dst', `${id}`));
  return copy.status === 200 ? copy.json() : undefined;
}

export interface Watching {
  session: WatchSession;
  client: EventingClient;
  reports: WatchReport[];
  /** The next save report from now on (optionally the next one matching). */
  nextSave(match?: (report: SaveReport) => boolean): Promise<SaveReport>;
}

const sessions: Watching[] = [];

afterEachTest(async () => {
  for (const watching of sessions.splice(0)) {
    await watching.session.close();
    await watching.client.close();
  }
});

/** Starts a session on `url` (closed after the test); resolves after its start report. */
export async function watch(
  url: string,
  folders: FunctionFolder[],
  options: Partial<WatchSessionOptions> = {},
): Promise<Watching> {
  // Status polls yield to the event loop instead of sleeping.
  const client = new EventingClient({
    url,
    username: 'Administrator',
    password: 'password',
    sleep: nextTurn,
  });
  const reports: WatchReport[] = [];
  let waiters: Array<{ match: (report: SaveReport) => boolean; resolve: (r: SaveReport) => void }> =
    [];
  const session = await startWatchSession({
    client,
    folders,
    target: { label: url, promoteCommand: (fn) => `eventing-dev promote ${fn} --env test` },
    // No polling for failures between saves unless a test asks: its reports are its own.
    activityMs: 0,
    onReport: (report) => {
      reports.push(report);
      if (report.type === 'watcher-error') throw new Error(report.error.message);
      if (report.type !== 'save') return;
      const [hit, rest] = [
        waiters.filter((w) => w.match(report)),
        waiters.filter((w) => !w.match(report)),
      ];
      waiters = rest;
      for (const waiter of hit) waiter.resolve(report);
    },
    ...options,
  });
  const watching: Watching = {
    session,
    client,
    reports,
    nextSave: (match = () => true) =>
      new Promise((resolve) => {
        waiters.push({ match, resolve });
      }),
  };
  sessions.push(watching);
  expect(reports[0]?.type).toBe('start');
  return watching;
}
