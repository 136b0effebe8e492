import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../src/project/watch/format-report.ts';
import { startLocalService } from '../../../src/server/serve.ts';
import { serve } from '../../server/serve-harness.ts';
import {
  appcodeOnServe,
  createOnServe,
  effectOf,
  functionFolder,
  functionJson,
  handler,
  statusOnServe,
  watch,
} from './watch-fixture.ts';

// End to end: real files saved in a temp folder, chokidar, the local checks, and the push to a
// serve on a loopback port whose transitions take no time.

const TIMEOUT = 60_000;
const save = (dir: string, code: string) => writeFile(join(dir, 'handler.js'), code);

describe('watch session', () => {
  it(
    'pushes a saved handler to an undeployed function: GET appcode has it',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1));
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder]);
      expect(watching.reports[0]).toMatchObject({
        type: 'start',
        functions: [{ function: 'fn1', status: 'undeployed', appcodeDiffers: false }],
      });
      const pushed = watching.nextSave();
      await save(folder.dir, handler(2));
      expect(await pushed).toMatchObject({
        function: 'fn1',
        files: ['handler.js'],
        outcome: 'pushed',
        push: { before: 'undeployed', after: 'undeployed', steps: [{ step: 'store' }] },
      });
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(2));
      expect(await statusOnServe(harness, 'fn1')).toBe('undeployed');
    },
    TIMEOUT,
  );

  it(
    'pauses, pushes and resumes a deployed function, whose next document shows the new handler',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1), { deploy: true });
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder]);
      expect(await effectOf(harness, 'k0')).toEqual({ version: 1, from: 'doc k0' });
      const pushed = watching.nextSave();
      await save(folder.dir, handler(2));
      const report = await pushed;
      expect(report).toMatchObject({
        outcome: 'pushed',
        push: { before: 'deployed', after: 'deployed' },
        // What the function did since watching began: k0, with v1.
        activity: { running: true, handled: 1, failed: 0, timeouts: 0 },
      });
      expect(report.push?.steps.map((step) => step.step)).toEqual(['pause', 'store', 'resume']);
      expect(report.activity?.logLines).toEqual([expect.stringContaining('"v1 saw" "k0"')]);
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(2));
      expect(await statusOnServe(harness, 'fn1')).toBe('deployed');
      expect(await effectOf(harness, 'k1')).toEqual({ version: 2, from: 'doc k1' });
      expect(formatReport(report)).toMatch(
        /^\d\d:\d\d:\d\d fn1: handler\.js pushed in \d+ ms \(pause \d+ ms, store \d+ ms, resume \d+ ms\); deployed\n {2}since the previous push: 1 handled, 0 failed, 0 timeouts\n {2}newest app log lines:\n {4}.*"v1 saw" "k0"/,
      );
    },
    TIMEOUT,
  );

  it(
    'does not push a broken save, says why, and pushes the next good one',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1), { deploy: true });
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder]);
      const refused = watching.nextSave();
      await save(folder.dir, 'function OnUpdate(doc, meta) {\n  dst[meta.id] = ;\n}\n');
      const broken = await refused;
      expect(broken.outcome).toBe('checks-failed');
      expect(broken.problems).toEqual([
        expect.stringMatching(/handler\.js:2:\d+: .*Unexpected token/),
      ]);
      expect(formatReport(broken)).toContain('the cluster keeps the previous appcode');
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(1));
      expect(await statusOnServe(harness, 'fn1')).toBe('deployed');

      const fixed = watching.nextSave();
      await save(folder.dir, handler(3));
      expect(await fixed).toMatchObject({ outcome: 'pushed' });
      expect(await effectOf(harness, 'k1')).toEqual({ version: 3, from: 'doc k1' });
    },
    TIMEOUT,
  );

  it(
    'rolls back to the previous appcode when the new OnDeploy fails on resume',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1), { deploy: true });
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder]);
      const failing = handler(
        2,
        "function OnDeploy(action) {\n  throw new Error('no config');\n}\n",
      );
      const rolledBack = watching.nextSave();
      await save(folder.dir, failing);
      const report = await rolledBack;
      expect(report).toMatchObject({ outcome: 'rolled-back', push: { after: 'deployed' } });
      expect(report.error?.message).toMatch(/fn1 is paused and no longer on its way to deployed/);
      expect(
        report.push?.steps.map(({ step, failed }) => (failed ? `${step} failed` : step)),
      ).toEqual(['pause', 'store', 'resume failed', 'restore', 'resume']);
      // Why it did not resume is in the app log lines the report shows.
      expect(report.activity?.logLines.join('\n')).toContain('Error: no config');
      expect(formatReport(report)).toMatch(
        /fn1: handler\.js pushed, but it did not resume: .*\n {2}rolled back in \d+ ms: the previous appcode is back and deployed \(pause \d+ ms, store \d+ ms, resume failed after \d+ ms, restore \d+ ms, resume \d+ ms\)\n/,
      );
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(1));
      expect(await statusOnServe(harness, 'fn1')).toBe('deployed');
      expect(await effectOf(harness, 'k1')).toEqual({ version: 1, from: 'doc k1' });
    },
    TIMEOUT,
  );

  it(
    'reports a cluster that is down, keeps watching, and pushes the next save once it is back',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'eventing-dev-watch-serve-'));
      try {
        const first = await startLocalService({ port: 0, transitionMs: 0, dataDir });
        const harnessUrl = first.url;
        const { EventingClient } = await import('../../../src/client/eventing-client.ts');
        const setup = new EventingClient({
          url: harnessUrl,
          username: 'Administrator',
          password: 'password',
        });
        await setup.saveFunction({ ...functionJson('fn1'), appcode: handler(1) } as never);
        await setup.close();
        const folder = await functionFolder('fn1', handler(1));
        const watching = await watch(harnessUrl, [folder]);
        await first.close();

        const down = watching.nextSave();
        await save(folder.dir, handler(2));
        const report = await down;
        expect(report.outcome).toBe('unreachable');
        expect(report.error?.message).toContain(
          `Cannot reach the Eventing service at ${harnessUrl}`,
        );
        expect(formatReport(report)).toContain('still watching; the next save tries again');

        const again = await startLocalService({ port: first.port, transitionMs: 0, dataDir });
        try {
          const back = watching.nextSave();
          await save(folder.dir, handler(3));
          expect(await back).toMatchObject({ outcome: 'pushed' });
          expect(await watching.client.getAppcode('fn1')).toBe(handler(3));
        } finally {
          await watching.session.close();
          await again.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    TIMEOUT,
  );

  it(
    'coalesces rapid saves into one push of the latest, and ignores editor temporary files',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1));
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder]);
      const pushed = watching.nextSave();
      for (const junk of ['.handler.js.swp', 'handler.js~', '4913', '.#handler.js']) {
        await writeFile(join(folder.dir, junk), 'function OnUpdate() {');
      }
      // An atomic save: the new content goes to a temporary file, renamed over the old one.
      await save(folder.dir, handler(2));
      await save(folder.dir, handler(3));
      await writeFile(join(folder.dir, 'handler.js.tmp-1'), handler(4));
      await rename(join(folder.dir, 'handler.js.tmp-1'), join(folder.dir, 'handler.js'));
      expect(await pushed).toMatchObject({ outcome: 'pushed', files: ['handler.js'] });
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(4));
      expect(watching.reports.filter((report) => report.type === 'save')).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'reports function.json changes with the promote command, after the environment renames',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      const prod = functionJson('fn1', {
        depcfg: {
          source_bucket: 'src',
          metadata_bucket: 'meta_prod',
          buckets: [{ alias: 'dst', bucket_name: 'dst', access: 'rw' }],
        },
      });
      await createOnServe(harness, 'fn1', handler(1), { json: prod, deploy: true });
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder], {
        target: {
          label: 'test',
          environment: { keyspaces: { meta: 'meta_prod' } },
          promoteCommand: (fn) => `eventing-dev promote ${fn} --env prod`,
        },
      });
      // Only the metadata bucket differs, and the environment renames it: nothing to report.
      expect(watching.reports[0]).toMatchObject({ functions: [{ status: 'deployed' }] });
      expect(watching.reports[0]).not.toHaveProperty('functions.0.drift');

      const reported = watching.nextSave();
      const changed = functionJson('fn1', {
        settings: { dcp_stream_boundary: 'from_now', worker_count: 3 },
      });
      await writeFile(join(folder.dir, 'function.json'), JSON.stringify(changed));
      await save(folder.dir, handler(2));
      const report = await reported;
      expect(report).toMatchObject({
        outcome: 'pushed',
        drift: [{ path: 'settings.worker_count', cluster: 1, local: 3 }],
        promote: 'eventing-dev promote fn1 --env prod',
      });
      expect(report.files.sort()).toEqual(['function.json', 'handler.js']);
      expect(formatReport(report)).toContain(
        '  function.json differs from the cluster, which appcode cannot carry: settings.worker_count (cluster 1, here 3)\n  apply it with: eventing-dev promote fn1 --env prod\n',
      );
    },
    TIMEOUT,
  );

  it(
    'reports a function the cluster does not have, with the command that creates it',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      const folder = await functionFolder('fn1', handler(1));
      const watching = await watch(harness.running.url, [folder]);
      expect(watching.reports[0]).toMatchObject({
        functions: [
          { function: 'fn1', note: 'missing', promote: 'eventing-dev promote fn1 --env test' },
        ],
      });
      const reported = watching.nextSave();
      await save(folder.dir, handler(2));
      expect(await reported).toMatchObject({ outcome: 'missing' });
      const list = await harness.call('GET', '/api/v1/functions');
      expect(list.json()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'runs the tests before pushing and does not push when they fail',
    async () => {
      const harness = await serve({ transitionMs: 0 });
      await createOnServe(harness, 'fn1', handler(1));
      const folder = await functionFolder('fn1', handler(1));
      let verdict = { ok: false, summary: '1 failed' };
      const tested: string[] = [];
      const watching = await watch(harness.running.url, [folder], {
        runTests: async (tested_) => {
          tested.push(tested_.name);
          return verdict;
        },
      });
      const failed = watching.nextSave();
      await save(folder.dir, handler(2));
      expect(await failed).toMatchObject({
        outcome: 'tests-failed',
        error: { message: '1 failed' },
      });
      expect(await appcodeOnServe(harness, 'fn1')).toBe(handler(1));
      verdict = { ok: true, summary: 'passed' };
      const passed = watching.nextSave();
      await save(folder.dir, handler(3));
      expect(await passed).toMatchObject({ outcome: 'pushed' });
      expect(tested).toEqual(['fn1', 'fn1']);
    },
    TIMEOUT,
  );
});
