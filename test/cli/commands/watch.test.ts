import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchCommand } from '../../../src/cli/commands/watch.ts';
import { docPath } from '../../server/serve-harness.ts';
import { capture, runInProcess } from '../cli-harness.ts';

// `eventing-dev watch` through the real bin, as a user's shell runs it: against a spawned
// `eventing-dev serve`, and with --local. Each process gets its own process group, killed whole
// after the test (the bin re-executes itself with the isolate flags).

const bin = new URL('../../../bin/eventing-dev.js', import.meta.url).pathname;
const TIMEOUT = 60_000;
const running: ChildProcess[] = [];
const temporary: string[] = [];

afterEach(async () => {
  for (const child of running.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The environment of the spawned commands: no credentials of the developer's shell. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  for (const name of [
    'CB_REST_USERNAME',
    'CB_REST_PASSWORD',
    'EVENTING_DEV_CLUSTER',
    'EVENTING_DEV_ENV',
  ]) {
    delete env[name];
  }
  return env;
}

interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output after `from` (default: all of it). */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  exit: Promise<number | null>;
}

function start(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => output,
    exit,
    waitFor(pattern, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output.slice(from));
          if (!match) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        void exit.then((code) =>
          reject(new Error(`exited with ${code} before ${pattern}:\n${output}`)),
        );
      });
    },
  };
}

const auth = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;

async function call(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: auth },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text() };
}

const handler = (version: number) =>
  `function OnUpdate(doc, meta) {\n  dst[meta.id] = { version: ${version} };\n}\n`;

const definition = {
  appname: 'fn1',
  depcfg: {
    source_bucket: 'src',
    metadata_bucket: 'meta',
    buckets: [{ alias: 'dst', bucket_name: 'dst', access: 'rw' }],
  },
  settings: { dcp_stream_boundary: 'from_now' },
};

async function project(): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'eventing-dev-watch-cli-'));
  temporary.push(root);
  const dir = join(root, 'functions', 'fn1');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'handler.js'), handler(1));
  await writeFile(join(dir, 'function.json'), JSON.stringify(definition, null, 2));
  return { root, dir };
}

/** PUTs `src/<id>` and reads what the handler wrote to `dst/<id>`. */
async function effectOf(url: string, id: string): Promise<unknown> {
  expect((await call(url, 'PUT', docPath('src', `${id}`), { n: 1 })).status).toBe(200);
  const copy = await call(url, 'GET', docPath('dst', `${id}`));
  return copy.status === 200 ? JSON.parse(copy.text) : undefined;
}

describe('eventing-dev watch', () => {
  it(
    'pushes saves to a deployed function of an environment, names promote for function.json, stops on SIGTERM',
    async () => {
      const { root, dir } = await project();
      const served = start(['serve', '--port', '0', '--transition-ms', '0'], root);
      const url = (await served.waitFor(/listening on (\S+)\n/))[1] as string;
      await writeFile(
        join(root, 'eventing-dev.json'),
        JSON.stringify({
          clusters: { local: { url } },
          environments: { dev: { cluster: 'local' } },
        }),
      );
      const stored = await call(url, 'POST', '/api/v1/functions/fn1', {
        ...definition,
        appcode: handler(1),
      });
      expect(stored.status).toBe(200);
      expect((await call(url, 'POST', '/api/v1/functions/fn1/deploy')).status).toBe(200);

      const watching = start(['watch', 'fn1', '--env', 'dev'], root);
      await watching.waitFor(
        /watching 1 function for http:\/\/127\.0\.0\.1:\d+ \(environment dev\); Ctrl-C stops\n {2}fn1: deployed\n/,
      );
      let mark = watching.output().length;
      await writeFile(join(dir, 'handler.js'), handler(2));
      await watching.waitFor(
        /fn1: handler\.js pushed in \d+ ms \(pause \d+ ms, store \d+ ms, resume \d+ ms\); deployed\n/,
        mark,
      );
      expect((await call(url, 'GET', '/api/v1/functions/fn1/appcode')).text).toBe(handler(2));
      expect(await effectOf(url, 'k1')).toEqual({ version: 2 });

      mark = watching.output().length;
      const tuned = { ...definition, settings: { ...definition.settings, worker_count: 2 } };
      await writeFile(join(dir, 'function.json'), JSON.stringify(tuned));
      await watching.waitFor(
        /fn1: function\.json checked in \d+ ms; the cluster already has this appcode \(deployed\)\n(?:.*\n)*? {2}function\.json differs from the cluster, which appcode cannot carry: settings\.worker_count \(cluster 1, here 2\)\n {2}apply it with: eventing-dev promote fn1 --env dev\n/,
        mark,
      );

      watching.child.kill('SIGTERM');
      expect(await watching.exit).toBe(0);
      expect(watching.output()).toContain('stopped watching\n');
    },
    TIMEOUT,
  );

  it(
    'with --local, creates and deploys the functions, keeps going past a broken save, and pushes the next',
    async () => {
      const { root, dir } = await project();
      const watching = start(['watch', '--local', '--port', '0', '--transition-ms', '0'], root);
      const [, url] = await watching.waitFor(
        /watching 1 function for the local service at (http:\/\/127\.0\.0\.1:\d+) \(user Administrator\); Ctrl-C stops\n {2}fn1: created from its folder, deployed\n/,
      );
      expect(await effectOf(url as string, 'k1')).toEqual({ version: 1 });

      let mark = watching.output().length;
      await writeFile(join(dir, 'handler.js'), 'function OnUpdate(doc, meta) {\n');
      await watching.waitFor(
        /fn1: handler\.js not pushed: 1 problem\n {2}.*handler\.js:\d+:\d+: /,
        mark,
      );
      expect(await effectOf(url as string, 'k2')).toEqual({ version: 1 });

      mark = watching.output().length;
      await writeFile(join(dir, 'handler.js'), handler(3));
      await watching.waitFor(/fn1: handler\.js pushed in \d+ ms .*; deployed\n/, mark);
      expect(await effectOf(url as string, 'k3')).toEqual({ version: 3 });
    },
    TIMEOUT,
  );

  it(
    "with --test, runs the function's tests before each push and pushes only when they pass",
    async () => {
      const root = await mkdtemp(join(tmpdir(), 'eventing-dev-watch-cli-'));
      temporary.push(root);
      const init = spawnSync(process.execPath, [bin, 'init', '.', '--template', 'basic'], {
        cwd: root,
        env: cleanEnv(),
        encoding: 'utf8',
      });
      expect(init.status, init.stderr).toBe(0);
      const file = join(root, 'functions', 'basic', 'handler.js');
      const original = await readFile(file, 'utf8');
      const watching = start(['watch', '--local', '--test', '--port', '0'], root);
      const [, url] = await watching.waitFor(/local service at (\S+) .*\n {2}basic: created/);
      const appcode = async () =>
        (await call(url as string, 'GET', '/api/v1/functions/basic/appcode')).text;

      let mark = watching.output().length;
      // The template's tests expect the copy to be the document.
      await writeFile(file, original.replace('copies[meta.id] = doc;', 'copies[meta.id] = {};'));
      await watching.waitFor(/basic: handler\.js not pushed: its tests failed/, mark);
      expect(await appcode()).toBe(original);

      mark = watching.output().length;
      const commented = `// saved again\n${original}`;
      await writeFile(file, commented);
      await watching.waitFor(/basic: handler\.js pushed in \d+ ms/, mark);
      expect(await appcode()).toBe(commented);
    },
    TIMEOUT,
  );

  it(
    'refuses --local with --cluster (exit 2) and an unknown function (exit 1)',
    async () => {
      const { root } = await project();
      const run = (args: string[]) =>
        spawnSync(process.execPath, [bin, ...args], {
          cwd: root,
          env: cleanEnv(),
          encoding: 'utf8',
        });
      const both = run(['watch', '--local', '--cluster', 'http://127.0.0.1:9']);
      expect({ code: both.status, stderr: both.stderr }).toEqual({
        code: 2,
        stderr:
          'error: Give one of --local, --cluster and --env\nhint: --local pushes into a local service started by watch; --cluster and --env name a cluster.\n',
      });
      const unknown = run(['watch', 'nosuch', '--cluster', 'http://127.0.0.1:9']);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('error: No function folder "nosuch"');
    },
    TIMEOUT,
  );
});

describe('eventing-dev watch --json', () => {
  it('prints one JSON object per line for each event', async () => {
    const { context, captured } = capture();
    await runInProcess(['init', '--name', 'copy'], { cwd: context.cwd });
    const code = await watchCommand(
      [],
      { local: true, port: 0, transitionMs: 0, json: true },
      context,
      async () => undefined,
    );
    expect(code).toBe(0);
    const events = captured.out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; functions?: unknown[] });
    expect(events.map((event) => event.type)).toEqual(['start', 'stop']);
    expect(events[0]?.functions).toEqual([
      expect.objectContaining({ function: 'copy', note: 'created', status: 'deployed' }),
    ]);
  });
});
