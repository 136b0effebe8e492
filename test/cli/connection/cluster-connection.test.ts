import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../../../src/cli/connection/cluster-connection.ts';
import { capture } from '../cli-harness.ts';

// How a command picks its cluster and credentials.

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
