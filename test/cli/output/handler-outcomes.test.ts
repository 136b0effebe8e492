import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fn, servedClient } from '../../client/client-harness.ts';
import { runInProcess } from '../cli-harness.ts';

// `eventing-dev doc put|rm` against serve, in process: what the handlers it triggered did.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };
const THROWS = `function OnUpdate(doc, meta) {
  log('saw', meta.id);
  if (doc.bad) throw new Error('bad document ' + meta.id);
}`;

async function served() {
  const { h, client } = await servedClient();
  await client.saveFunction(fn('checker', { ...DEPLOYED, appcode: THROWS }));
  await client.waitForStatus('checker', 'deployed');
  // A project with a folder for the function: failures point at its own handler.js.
  const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-doc-'));
  writeFileSync(join(cwd, 'eventing-dev.json'), JSON.stringify({ functions: 'functions' }));
  mkdirSync(join(cwd, 'functions', 'checker'), { recursive: true });
  writeFileSync(join(cwd, 'functions', 'checker', 'function.json'), '{}');
  writeFileSync(join(cwd, 'functions', 'checker', 'handler.js'), THROWS);
  const doc = (...args: string[]) =>
    runInProcess(['doc', ...args, '--url', h.running.url], { cwd });
  return { doc, h };
}

describe('doc put and rm report what the handlers they triggered did', () => {
  it('prints the new log lines, and a failure at the project’s handler file (exit 1)', async () => {
    const { doc } = await served();
    const good = await doc('put', 'src', 'k1', '{"bad":false}');
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/^stored k1 in src \(cas \d+\)\nchecker: "saw" "k1"\n$/);

    const bad = await doc('put', 'src', 'k2', '{"bad":true}');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(
      'checker: "saw" "k2"\nchecker: error: Error: bad document k2 at functions/checker/handler.js:3\n    3 | if (doc.bad) throw new Error(\'bad document \' + meta.id);\n',
    );
    expect(bad.err).toBe('error: a handler failed (the document change itself stands)\n');
  });

  it('says so when no deployed function listens to the keyspace written', async () => {
    const { doc, h } = await served();
    await h.createKeyspace('elsewhere');
    const result = await doc('put', 'elsewhere', 'k1', '{}');
    expect(result.code).toBe(0);
    expect(result.err).toBe('note: no deployed function listens to elsewhere\n');
    const removed = await doc('rm', 'src', 'nothing-there');
    expect(removed.code).toBe(1);
  });
});

describe('a write refused through a read-only binding', () => {
  it('names the binding and its access under the server’s message', async () => {
    const { h, client } = await servedClient();
    const code = 'function OnUpdate(doc, meta) {\n  lookup[meta.id] = doc;\n}\n';
    const depcfg = {
      source_bucket: 'orders',
      metadata_bucket: 'meta',
      buckets: [{ alias: 'lookup', bucket_name: 'ref', access: 'r' }],
    };
    await client.saveFunction(fn('reader', { ...DEPLOYED, appcode: code, depcfg }));
    await client.waitForStatus('reader', 'deployed');
    const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-doc-'));
    const result = await runInProcess(
      ['doc', 'put', 'orders', 'o1', '{}', '--url', h.running.url],
      {
        cwd,
      },
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'reader: error: Writing to source bucket is forbidden at reader.js:2',
    );
    expect(result.out).toContain(
      '    lookup is a read-only binding (access "r") to ref._default._default',
    );
  });
});
