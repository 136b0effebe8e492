import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../src/cli/commands/cluster-connection.ts';
import {
  configDeleteCommand,
  configGetCommand,
  configSetCommand,
} from '../../src/cli/commands/global-config.ts';
import { listCommand } from '../../src/cli/commands/list.ts';
import { logsCommand, newLines } from '../../src/cli/commands/logs.ts';
import { statsCommand, statsResetCommand } from '../../src/cli/commands/stats.ts';
import { capture } from '../client/cli-harness.ts';
import { fn, servedClient } from '../client/client-harness.ts';

// `eventing-dev logs|stats|config|list` in process, against serve; and how a command picks its
// cluster and credentials.

const DEPLOYED = { settings: { deployment_status: true, processing_status: true } };

async function withLog(lines: number) {
  const served = await servedClient();
  await served.client.saveFunction(fn('a', DEPLOYED));
  await served.client.saveFunction(fn('idle'));
  await served.client.waitForStatus('a', 'deployed');
  const put = async (i: number) => {
    const answer = await served.h.call('PUT', `/_dev/keyspaces/src/docs/k${i}`, { body: { i } });
    expect(answer.status).toBe(200);
  };
  for (let i = 0; i < lines; i++) await put(i);
  return { ...served, put, flags: { cluster: served.h.running.url } };
}

const text = (line: string) => line.replace(/^\S+ /, '');

describe('logs', () => {
  it('prints the log oldest line first; --json is the array of lines', async () => {
    const { flags } = await withLog(2);
    const human = capture();
    expect(await logsCommand('a', flags, human.context)).toBe(0);
    expect(human.captured.out.split('\n').map(text)).toEqual([
      '[INFO] "saw" "k0" ',
      '[INFO] "saw" "k1" ',
      '',
    ]);
    const json = capture();
    await logsCommand('a', { ...flags, json: true, size: 100000 }, json.context);
    expect(JSON.parse(json.captured.out).map(text)).toEqual([
      '[INFO] "saw" "k0" ',
      '[INFO] "saw" "k1" ',
    ]);
  });

  it('--follow prints the lines written since, until stopped', async () => {
    const { flags, put } = await withLog(1);
    const controller = new AbortController();
    let polls = 0;
    const { context, captured } = capture({
      signal: controller.signal,
      // Each pause between polls writes a document; the third one stops the command.
      sleep: async () => {
        polls += 1;
        if (polls < 3) await put(polls);
        else controller.abort();
      },
    });
    expect(await logsCommand('a', { ...flags, follow: true, json: true }, context)).toBe(0);
    expect(
      captured.out
        .trim()
        .split('\n')
        .map((line) => text(JSON.parse(line))),
    ).toEqual(['[INFO] "saw" "k0" ', '[INFO] "saw" "k1" ', '[INFO] "saw" "k2" ']);
  });

  it('finds where a sliding window of lines continues', () => {
    expect(newLines(['a', 'b'], ['a', 'b', 'c'])).toEqual(['c']);
    expect(newLines(['a', 'b'], ['b', 'c', 'd'])).toEqual(['c', 'd']);
    expect(newLines(['a', 'b'], ['x', 'y'])).toEqual(['x', 'y']);
    expect(newLines([], ['x'])).toEqual(['x']);
  });
});

describe('stats', () => {
  it('tabulates running functions, shows one function’s sections, and says when one is idle', async () => {
    const { flags } = await withLog(2);
    const all = capture();
    expect(await statsCommand(undefined, flags, all.context)).toBe(0);
    expect(all.captured.out).toBe(
      [
        'NAME  ON_UPDATE OK/FAIL  ON_DELETE OK/FAIL  TIMERS OK/FAIL  FAILURES  BACKLOG',
        'a     2/0                0/0                0/0             0         0',
        '',
      ].join('\n'),
    );
    const one = capture();
    await statsCommand('a', flags, one.context);
    expect(one.captured.out).toMatch(/^function_name +a\n/m);
    expect(one.captured.out).toMatch(
      /^execution_stats:\n(?: {2}.*\n)*? {2}on_update_success +2\n/m,
    );
    const idle = capture();
    await statsCommand('idle', flags, idle.context);
    expect(idle.captured.out).toBe(
      'idle is undeployed: only deployed or paused functions have statistics\n',
    );
    const idleJson = capture();
    await statsCommand('idle', { ...flags, json: true }, idleJson.context);
    expect(idleJson.captured.out).toBe('null\n');
  });

  it('resets a function’s counters', async () => {
    const { flags, client } = await withLog(2);
    const { context, captured } = capture();
    expect(await statsResetCommand('a', flags, context)).toBe(0);
    expect(captured.out).toBe('Reset the statistics of a\n');
    expect((await client.getExecutionStats('a')).on_update_success).toBe(0);
  });
});

describe('config', () => {
  it('prints, sets and deletes the service settings', async () => {
    const { flags, client } = await withLog(0);
    const get = capture();
    expect(await configGetCommand(flags, get.context)).toBe(0);
    expect(get.captured.out).toMatch(/^SETTING +VALUE\n(?:.*\n)*enable_debugger +false\n/);
    const set = capture();
    expect(await configSetCommand(['enable_debugger=true'], flags, set.context)).toBe(0);
    expect(set.captured.out).toBe('Saved enable_debugger=true\n');
    expect(await client.getGlobalConfig()).toMatchObject({ enable_debugger: true });
    const scoped = capture();
    await configSetCommand(
      ['enable_curl=false'],
      { ...flags, bucket: 'travel', json: true },
      scoped.context,
    );
    expect(JSON.parse(scoped.captured.out)).toEqual({
      sent: { enable_curl: false },
      info: 'Config saved for travel/*',
      restart: false,
    });
    const removed = capture();
    expect(await configDeleteCommand({ ...flags, bucket: 'travel' }, removed.context)).toBe(0);
    expect(removed.captured.out).toBe('Config deleted for travel/*\n');
    const global = capture();
    expect(await configDeleteCommand(flags, global.context)).toBe(2);
  });
});

describe('list', () => {
  it('prints names, filtered by the server; refuses contradictory filters', async () => {
    const { flags } = await withLog(0);
    const all = capture();
    await listCommand(flags, all.context);
    expect(all.captured.out).toBe('a\nidle\n');
    const deployed = capture();
    await listCommand({ ...flags, deployed: true, json: true }, deployed.context);
    expect(deployed.captured.out).toBe('[\n  "a"\n]\n');
    const none = capture();
    await listCommand({ ...flags, sourceBucket: 'elsewhere', json: true }, none.context);
    expect(none.captured.out).toBe('[]\n');
    const both = capture();
    expect(await listCommand({ ...flags, deployed: true, undeployed: true }, both.context)).toBe(2);
    const type = capture();
    expect(await listCommand({ ...flags, type: 'mine' }, type.context)).toBe(2);
    expect(type.captured.err).toMatch(/^error: --type takes sbm or notsbm, not "mine"\n/);
  });
});

describe('cluster selection', () => {
  function project() {
    const { context } = capture();
    writeFileSync(
      join(context.cwd, 'eventing-dev.json'),
      JSON.stringify({
        clusters: {
          prod: { url: 'https://cb.example.com', username: 'deployer' },
          local: { url: 'http://127.0.0.1:9000' },
        },
        environments: { production: { cluster: 'prod' } },
      }),
    );
    return context.cwd;
  }

  it('defaults to a local serve with its default user', () => {
    expect(resolveConnection({}, {}, project())).toMatchObject({
      url: 'http://127.0.0.1:8096',
      username: 'Administrator',
      password: 'password',
    });
  });

  it('takes a URL or a named cluster from --cluster, an environment from --env', () => {
    const cwd = project();
    expect(
      resolveConnection({ cluster: 'cb2.example.com', username: 'u', password: 'p' }, {}, cwd),
    ).toMatchObject({
      url: 'http://cb2.example.com:8096',
      origin: '--cluster',
    });
    expect(resolveConnection({ env: 'production' }, { CB_REST_PASSWORD: 'pw' }, cwd)).toMatchObject(
      {
        url: 'https://cb.example.com:18096',
        username: 'deployer',
        password: 'pw',
      },
    );
    expect(resolveConnection({ cluster: 'local' }, {}, cwd).url).toBe('http://127.0.0.1:9000');
  });

  it('lets environment variables override the project file, and flags override both', () => {
    const cwd = project();
    const env = {
      EVENTING_DEV_CLUSTER: 'prod',
      CB_REST_USERNAME: 'ci',
      CB_REST_PASSWORD: 'secret',
    };
    expect(resolveConnection({}, env, cwd)).toMatchObject({
      url: 'https://cb.example.com:18096',
      username: 'ci',
      password: 'secret',
      origin: 'EVENTING_DEV_CLUSTER (cluster "prod")',
    });
    expect(resolveConnection({ username: 'me', password: 'mine' }, env, cwd)).toMatchObject({
      username: 'me',
      password: 'mine',
    });
    expect(
      resolveConnection({}, { EVENTING_DEV_ENV: 'production', CB_REST_PASSWORD: 'x' }, cwd).url,
    ).toBe('https://cb.example.com:18096');
  });

  it('refuses what it cannot resolve, as usage errors naming the problem', () => {
    const cwd = project();
    const attempt = (
      flags: Parameters<typeof resolveConnection>[0],
      env: Record<string, string> = {},
    ) => {
      try {
        resolveConnection(flags, env, cwd);
      } catch (error) {
        return [(error as { code: string }).code, (error as Error).message];
      }
      return undefined;
    };
    expect(attempt({ env: 'production' })).toEqual([
      'CONFIG_INVALID',
      'No credentials for https://cb.example.com:18096: give the password of deployer',
    ]);
    expect(attempt({ cluster: 'staging' })).toEqual([
      'CONFIG_INVALID',
      'No cluster "staging" in eventing-dev.json',
    ]);
    expect(attempt({ env: 'qa' })).toEqual([
      'CONFIG_INVALID',
      'No environment "qa" in eventing-dev.json',
    ]);
    expect(attempt({ cluster: 'prod', env: 'production' })).toEqual([
      'CONFIG_INVALID',
      'Give either --cluster or --env, not both',
    ]);
    expect(attempt({ cacert: join(cwd, 'missing.pem') })?.[1]).toMatch(
      /^Cannot read the CA certificate /,
    );
  });
});
