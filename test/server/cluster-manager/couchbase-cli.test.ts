import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/couchbase-cli/eventing-function-setup.json' with {
  type: 'json',
};
import { ADMIN, serve } from '../serve-harness.ts';
import { normaliseCluster, runEventingFunctionSetup } from './couchbase-cli-replay.ts';

// couchbase-cli eventing-function-setup, every action, against serve: the requests it sends
// (recorded from its source in the fixture) and what it prints, over http and https, with -c
// with and without a scheme, and through the cluster manager's port.

const certificate = {
  cert: readFileSync(new URL('../fixtures/localhost-cert.pem', import.meta.url)),
  key: readFileSync(new URL('../fixtures/localhost-key.pem', import.meta.url)),
};

const FUNCTIONS = [
  {
    appname: 'cli_global',
    appcode: 'function OnUpdate(doc, meta) {}\n',
    depcfg: { source_bucket: 'src', metadata_bucket: 'meta' },
    settings: { deployment_status: false, processing_status: false },
  },
  {
    appname: 'cli_scoped',
    appcode: 'function OnUpdate(doc, meta) {}\n',
    function_scope: { bucket: 'src', scope: '_default' },
    depcfg: {
      source_bucket: 'src',
      source_scope: '_default',
      source_collection: 'orders',
      metadata_bucket: 'meta',
    },
    settings: { deployment_status: false, processing_status: false },
  },
];

const dir = mkdtempSync(join(tmpdir(), 'couchbase-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Form {
  title: string;
  tls?: boolean;
  viaClusterPort?: boolean;
  /** -c, given the port it should reach. */
  cluster: (port: number) => string;
}

const FORMS: Form[] = [
  { title: '-c host:port, no scheme', cluster: (port) => `localhost:${port}` },
  { title: '-c http://host:port', cluster: (port) => `http://127.0.0.1:${port}` },
  {
    title: '-c https://host:port over TLS',
    tls: true,
    cluster: (port) => `https://localhost:${port}`,
  },
  {
    title: "-c host:port of the cluster manager's port",
    viaClusterPort: true,
    cluster: (port) => `localhost:${port}`,
  },
];

describe('couchbase-cli eventing-function-setup against serve', () => {
  it.each(FORMS)('runs every action unmodified: $title', async (form) => {
    const h = await serve({
      ...(form.tls ? { tls: certificate } : {}),
      ...(form.viaClusterPort ? { clusterPort: 0 } : {}),
    });
    const port = form.viaClusterPort ? (h.running.clusterPort ?? -1) : h.running.port;
    const cluster = normaliseCluster(form.cluster(port));
    const eventing = `${new URL(cluster).protocol}//${new URL(cluster).hostname}:${h.running.port}`;
    const file = join(dir, `${form.title.replace(/\W+/g, '-')}.json`);
    const fill = (text: string) =>
      text
        .replaceAll('{cluster}', cluster)
        .replaceAll('{eventing}', eventing)
        .replaceAll('{file}', file);
    for (const scenario of fixture.scenarios) {
      if (scenario.file === 'functions') writeFileSync(file, JSON.stringify(FUNCTIONS));
      const argv = ['-c', form.cluster(port), '-u', 'Administrator', '-p', 'password'];
      const run = await runEventingFunctionSetup([...argv, ...scenario.argv.map(fill)], {
        trustSelfSigned: form.tls === true,
      });
      const expected = [...fixture.preamble, ...scenario.requests].map((step) => ({
        method: step.method,
        url: fill(step.url),
        ...('body' in step ? { body: step.body === 'functions' ? FUNCTIONS : step.body } : {}),
      }));
      expect({ scenario: scenario.name, run }).toEqual({
        scenario: scenario.name,
        run: { requests: expected, stdout: scenario.stdout.map(fill), exit: scenario.exit },
      });
      if ('exported' in scenario) expect(exportedLocations(file)).toEqual(scenario.exported);
      if ('then' in scenario && scenario.then) await waitFor(eventing, scenario.then);
    }
  });
});

it('reads -c as couchbase-cli does: http and port 8091 when not given, 18091 for https', () => {
  expect(normaliseCluster('localhost')).toBe('http://localhost:8091');
  expect(normaliseCluster('https://localhost')).toBe('https://localhost:18091');
  expect(normaliseCluster('couchbases://localhost')).toBe('https://localhost:18091');
  expect(normaliseCluster('localhost:8096')).toBe('http://localhost:8096');
});

function exportedLocations(file: string): string[] {
  const functions = JSON.parse(readFileSync(file, 'utf8')) as Array<{
    appname: string;
    function_scope?: { bucket: string; scope: string };
  }>;
  return functions.map(({ appname, function_scope: scope }) =>
    scope && scope.bucket !== '*' ? `${scope.bucket}/${scope.scope}/${appname}` : appname,
  );
}

const trusting = new Agent({ connect: { rejectUnauthorized: false } });
afterAll(() => trusting.close());

/** Polls the function's status until it is `status` (a bounded loop, no sleeping). */
async function waitFor(
  eventing: string,
  then: { name: string; status: string; bucket?: string; scope?: string },
): Promise<void> {
  const query = then.bucket ? `?bucket=${then.bucket}&scope=${then.scope}` : '';
  let last: unknown;
  for (let poll = 0; poll < 20_000; poll++) {
    const response = await request(`${eventing}/api/v1/status/${then.name}${query}`, {
      headers: { authorization: ADMIN },
      dispatcher: trusting,
    });
    last = ((await response.body.json()) as { app?: { composite_status?: string } }).app
      ?.composite_status;
    if (last === then.status) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${then.name} never reached ${then.status} (last: ${String(last)})`);
}
