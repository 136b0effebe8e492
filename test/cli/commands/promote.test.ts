import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PromoteFlags, promoteCommand } from '../../../src/cli/commands/promote.ts';
import { scaffold } from '../../../src/project/scaffold.ts';
import { docPath, type Harness, serve } from '../../server/serve-harness.ts';
import { capture } from '../cli-harness.ts';
import { runCli } from '../run-cli.ts';

// promote end to end against eventing-dev serve on a loopback port (20 ms transitions), the
// command run in this process with a recording io.

/** A project of the basic template ("copy": app → copies) whose "local" env is `h`. */
function project(h: Harness, environment: Record<string, unknown> = {}) {
  const { context, captured } = capture();
  scaffold(context.cwd, 'basic', 'copy');
  writeFileSync(
    join(context.cwd, 'eventing-dev.json'),
    JSON.stringify({
      clusters: { here: { url: h.running.url, username: 'Administrator' } },
      environments: { local: { cluster: 'here', ...environment } },
    }),
  );
  const handler = join(context.cwd, 'functions', 'copy', 'handler.js');
  const promote = async (flags: Partial<PromoteFlags> = {}, names: string[] = []) => {
    captured.out = '';
    captured.err = '';
    return promoteCommand(
      names,
      { env: 'local', yes: true, ...flags },
      {
        ...context,
        env: { CB_REST_PASSWORD: 'password' },
      },
    );
  };
  const edit = (from: string, to: string) =>
    writeFileSync(handler, readFileSync(handler, 'utf8').replace(from, to));
  return { cwd: context.cwd, captured, promote, edit };
}

async function status(h: Harness, name: string): Promise<string> {
  const answer = await h.call('GET', `/api/v1/status/${name}`);
  return (answer.json() as { app: { composite_status: string } }).app.composite_status;
}

async function copyOf(h: Harness, id: string): Promise<unknown> {
  await h.call('PUT', docPath('app', `${id}`), { body: { n: 1 } });
  const answer = await h.call('GET', docPath('copies', `${id}`));
  return answer.status === 200 ? answer.json() : undefined;
}

describe('eventing-dev promote', { timeout: 60_000 }, () => {
  it('creates and deploys a new function, then has nothing to do', async () => {
    const h = await serve();
    const p = project(h);
    expect(await p.promote()).toBe(0);
    expect(p.captured.out).toContain('copy: new (absent on the cluster)');
    expect(p.captured.out).toContain('steps: create, deploy (from all existing documents)');
    expect(p.captured.out).toMatch(/copy: done in \d+\.\d s\n/);
    expect(await status(h, 'copy')).toBe('deployed');
    expect(await copyOf(h, 'd1')).toEqual({ n: 1 });

    expect(await p.promote()).toBe(0);
    expect(p.captured.out).toContain('copy: unchanged (deployed on the cluster)');
    expect(p.captured.out).toContain('Nothing to do.');
  });

  it('updates a deployed function by pause, appcode, resume, shows the diff and backs up', async () => {
    const h = await serve();
    const p = project(h);
    await p.promote();
    p.edit('copies[meta.id] = doc;', 'copies[meta.id] = { copied: doc };');
    expect(await p.promote()).toBe(0);
    expect(p.captured.out).toContain('steps: pause, update appcode, resume');
    expect(p.captured.out).toContain('-  copies[meta.id] = doc;');
    expect(p.captured.out).toContain('+  copies[meta.id] = { copied: doc };');
    expect(p.captured.err).toMatch(
      /copy: pause…\n[\s\S]*copy: update appcode…\n[\s\S]*copy: resume…\n/,
    );
    expect(await status(h, 'copy')).toBe('deployed');
    expect((await h.call('GET', '/api/v1/functions/copy/appcode')).text).toContain(
      '{ copied: doc }',
    );
    expect(await copyOf(h, 'd2')).toEqual({ copied: { n: 1 } });
    const backups = readdirSync(join(p.cwd, '.eventing-dev', 'backups', 'local'));
    expect(backups).toHaveLength(1);
    const [backup] = JSON.parse(
      readFileSync(join(p.cwd, '.eventing-dev', 'backups', 'local', backups[0] as string), 'utf8'),
    );
    expect(backup.appcode).toContain('copies[meta.id] = doc;');
    // For the user alone: the folders 0700, the backup 0600.
    const mode = (...path: string[]) => (statSync(join(p.cwd, ...path)).mode & 0o777).toString(8);
    expect(mode('.eventing-dev', 'backups')).toBe('700');
    expect(mode('.eventing-dev', 'backups', 'local', backups[0] as string)).toBe('600');
  });

  it('changes nothing on a dry run, or when the answer is no, or without a way to ask', async () => {
    const h = await serve();
    const p = project(h);
    await p.promote();
    p.edit('copies[meta.id] = doc;', 'copies[meta.id] = { v: 2 };');
    const before = (await h.call('GET', '/api/v1/functions/copy/appcode')).text;

    expect(await p.promote({ dryRun: true })).toBe(0);
    expect(p.captured.out).toContain('Dry run: nothing was changed.');
    const { captured, context } = capture();
    const asked: string[] = [];
    const refused = await promoteCommand(
      [],
      { env: 'local' },
      {
        ...context,
        cwd: p.cwd,
        env: { CB_REST_PASSWORD: 'password' },
        confirm: async (question) => {
          asked.push(question);
          return false;
        },
      },
    );
    expect(refused).toBe(1);
    expect(asked).toEqual([`Apply these changes to local (${h.running.url})? [y/N] `]);
    expect(captured.err).toContain('Nothing was changed.');
    expect(await p.promote({ yes: false })).toBe(2);
    expect(p.captured.err).toContain('promote changes a cluster and needs a confirmation');
    expect((await h.call('GET', '/api/v1/functions/copy/appcode')).text).toBe(before);
    expect(existsSync(join(p.cwd, '.eventing-dev'))).toBe(false);
  });

  it('pushes nothing when the checks fail', async () => {
    const h = await serve();
    const p = project(h);
    p.edit('copies[meta.id] = doc;', 'copies[meta.id] = ;');
    expect(await p.promote()).toBe(1);
    expect(p.captured.out).toContain('FAIL  functions/copy function "copy"');
    expect(p.captured.err).toContain('the checks failed; nothing was promoted');
    expect((await h.call('GET', '/api/v1/functions/copy')).status).toBe(404);
  });

  it('needs --allow-undeploy to move a function to another source keyspace', async () => {
    const h = await serve();
    const p = project(h);
    await p.promote();
    const file = join(p.cwd, 'functions', 'copy', 'function.json');
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    definition.depcfg.source_bucket = 'app2';
    writeFileSync(file, JSON.stringify(definition));
    expect(await p.promote()).toBe(1);
    expect(p.captured.out).toContain('copy: cannot be promoted (deployed on the cluster)');
    expect(p.captured.out).toContain(
      'source keyspace: app._default._default → app2._default._default',
    );
    expect(p.captured.out).toContain('pass --allow-undeploy');
    expect(await p.promote({ allowUndeploy: true })).toBe(0);
    expect(p.captured.out).toContain('steps: undeploy, update definition, deploy');
    const stored = (await h.call('GET', '/api/v1/functions/copy')).json() as {
      depcfg: { source_bucket: string };
    };
    expect(stored.depcfg.source_bucket).toBe('app2');
    expect(await status(h, 'copy')).toBe('deployed');
  });

  it("applies the environment's keyspace renames and prints JSON for scripts", async () => {
    const h = await serve();
    const p = project(h, { keyspaces: { copies: 'copies_prod' } });
    expect(await p.promote({ json: true })).toBe(0);
    const report = JSON.parse(p.captured.out);
    expect(report).toMatchObject({
      environment: 'local',
      cluster: h.running.url,
      applied: true,
      plans: [{ name: 'copy', action: 'create', from: 'absent' }],
      results: [{ name: 'copy' }],
    });
    expect(report.plans[0]).not.toHaveProperty('definition');
    await h.call('PUT', docPath('app', 'k'), { body: { n: 1 } });
    expect((await h.call('GET', docPath('copies_prod', 'k'))).status).toBe(200);
  });

  it('says which function failed and where the backup is when a resume fails', async () => {
    const h = await serve();
    const p = project(h);
    await p.promote();
    p.edit(
      '// Keeps a copy',
      "function OnDeploy(action) { if (action.reason === 'Resume') throw new Error('no'); }\n// Keeps a copy",
    );
    expect(await p.promote({ requestTimeout: 5 })).toBe(1);
    expect(p.captured.err).toContain('error: Promoting copy failed:');
    expect(p.captured.err).toMatch(
      /previous definition is in \.eventing-dev\/backups\/local\/copy-/,
    );
  });
});

describe('eventing-dev promote from a shell', { timeout: 30_000 }, () => {
  it('is a usage error without --env, and without --yes when nobody can answer', () => {
    const { context } = capture();
    scaffold(context.cwd, 'basic', 'copy');
    const noEnv = runCli(['promote'], { cwd: context.cwd });
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toContain("required option '--env <name>' not specified");
    const unknown = runCli(['promote', '--env', 'prod'], { cwd: context.cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No environment "prod" in eventing-dev.json');
    expect(unknown.stderr).toContain('Environments of this project: local.');
  });
});
