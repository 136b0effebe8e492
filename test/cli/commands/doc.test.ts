import { describe, expect, it } from 'vitest';
import { cli, createKeyspace, startServe } from '../bin-serve.ts';

// `eventing-dev serve` and `eventing-dev doc` through the real bin, as a user's shell runs them.

describe('eventing-dev doc', () => {
  it('puts, gets, lists and removes documents of a running serve', async () => {
    const served = await startServe();
    const url = ['--url', served.url];
    await createKeyspace(served.url, 'travel.inventory.airline');
    expect(
      cli(['doc', 'put', 'travel.inventory.airline', 'a1', '{"name":"Air"}', ...url]),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^stored a1 in travel\.inventory\.airline \(cas \d+\)\n$/),
    });
    expect(cli(['doc', 'get', 'travel.inventory.airline', 'a1', ...url]).stdout).toBe(
      '{\n  "name": "Air"\n}\n',
    );
    const record = JSON.parse(
      cli(['doc', 'get', 'travel.inventory.airline', 'a1', '--json', ...url]).stdout,
    );
    expect(record).toMatchObject({ id: 'a1', expiration: 0, value: { name: 'Air' } });
    expect(cli(['doc', 'ls', 'travel.inventory.airline', ...url]).stdout).toBe('a1\n');
    expect(cli(['doc', 'rm', 'travel.inventory.airline', 'a1', ...url])).toMatchObject({
      code: 0,
      stdout: 'removed a1 from travel.inventory.airline\n',
    });
    const missing = cli(['doc', 'get', 'travel.inventory.airline', 'a1', ...url]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: "error: Document 'a1' not found in 'travel/inventory/airline'. (DocumentNotFound)\n",
    });
  });

  it('uses EVENTING_DEV_URL and the CB_REST_* credentials', async () => {
    const served = await startServe([], { CB_REST_USERNAME: 'u', CB_REST_PASSWORD: 'p' });
    await createKeyspace(served.url, 'src', 'u:p');
    const env = { EVENTING_DEV_URL: served.url, CB_REST_USERNAME: 'u', CB_REST_PASSWORD: 'p' };
    expect(cli(['doc', 'put', 'src', 'k', '1', '--expiry', '60'], env).code).toBe(0);
    const denied = cli(['doc', 'ls', 'src'], { EVENTING_DEV_URL: served.url });
    expect(denied).toMatchObject({
      code: 1,
      stderr: 'error: Authentication failure (10000)\n',
    });
  });

  it('talks to serve over TLS, accepting its self-signed certificate with --insecure', async () => {
    const fixture = (name: string) =>
      new URL(`../../server/fixtures/${name}`, import.meta.url).pathname;
    const served = await startServe([
      '--tls-cert',
      fixture('localhost-cert.pem'),
      '--tls-key',
      fixture('localhost-key.pem'),
    ]);
    expect(served.url).toMatch(/^https:\/\//);
    const url = ['--url', served.url];
    await createKeyspace(served.url, 'src');
    expect(cli(['doc', 'put', 'src', 'k', '{}', '--insecure', ...url]).code).toBe(0);
    const refused = cli(['doc', 'ls', 'src', ...url]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`cannot reach eventing-dev serve at ${served.url}`);
    const cert = fixture('localhost-cert.pem');
    expect(cli(['doc', 'get', 'src', 'k', '--cacert', cert, ...url])).toMatchObject({
      code: 0,
      stdout: '{}\n',
    });
    expect(cli(['doc', 'get', 'src', 'k', ...url], { EVENTING_DEV_CACERT: cert }).code).toBe(0);
    const noFile = cli(['doc', 'get', 'src', 'k', '--cacert', '/nonexistent.pem', ...url]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Cannot read the CA certificate /nonexistent.pem');
  });

  it('sets an expiry through the Data API and shows it', async () => {
    const served = await startServe();
    const url = ['--url', served.url];
    await createKeyspace(served.url, 'src');
    const before = Math.floor(Date.now() / 1000);
    expect(cli(['doc', 'put', 'src', 'k', '{"a":1}', '--expiry', '60', ...url]).code).toBe(0);
    const record = JSON.parse(cli(['doc', 'get', 'src', 'k', '--json', ...url]).stdout);
    expect(record.expiration).toBeGreaterThanOrEqual(before + 59);
    expect(record.expiration).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    expect(record.cas).toMatch(/^\d+$/);
  });

  it('refuses a keyspace that does not exist, saying how to create it', async () => {
    const served = await startServe();
    const url = ['--url', served.url];
    const post = (path: string, name: string) =>
      `  curl -u Administrator -X POST ${served.url}/pools/default/buckets${path} -d name=${name}`;
    const bucket = `${post('', 'shop')} -d ramQuota=100`;
    const scope = post('/shop/scopes', 'sales');
    const collection = post('/shop/scopes/sales/collections', 'orders');
    const hint = (what: string) =>
      `hint: create ${what} first (a function whose source it is makes it exist too):`;
    const lines = (...all: string[]) => [...all, ''].join('\n');
    expect(cli(['doc', 'put', 'shop.sales.orders', 'o1', '{}', ...url])).toMatchObject({
      code: 1,
      stderr: lines(
        "error: Bucket 'shop' was not found. (BucketNotFound)",
        hint('the bucket'),
        bucket,
        scope,
        collection,
      ),
    });
    expect(cli(['doc', 'ls', 'shop.sales.orders', ...url]).stderr).toBe(
      lines(
        'error: Keyspace not found in CB datastore: default:shop.sales.orders - cause: No bucket named shop (12003)',
        hint('what is missing of it'),
        bucket,
        scope,
        collection,
      ),
    );
    await createKeyspace(served.url, 'shop.sales.audit');
    expect(cli(['doc', 'get', 'shop.sales.orders', 'o1', ...url]).stderr).toBe(
      lines(
        "error: Collection 'orders' not found in 'shop/sales'. (CollectionNotFound)",
        hint('the collection'),
        collection,
      ),
    );
  });

  it('refuses a document that is not JSON (exit 2) and says when serve is not there (exit 1)', async () => {
    const notJson = cli(['doc', 'put', 'src', 'k', '{oops', '--url', 'http://127.0.0.1:9']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('The document is not JSON');
    const unreachable = cli(['doc', 'ls', 'src', '--url', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach eventing-dev serve at http://127.0.0.1:9');
  });
});
