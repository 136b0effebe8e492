import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, type Dispatcher, request } from 'undici';

// couchbase-cli's `eventing-function-setup` retold in TypeScript, request for request, from its
// source (couchbase/couchbase-cli: cbmgr.py EventingFunctionSetup and rest_initialiser,
// cluster_manager.py ClusterManager). The tool is Python and not installable here; this replay
// lets tests check that serve answers every request the tool sends with what the tool reads.
// It keeps the tool's order of requests and its reading of answers; it is no copy of its code.

/** One request the tool sent. */
export interface SentRequest {
  method: string;
  url: string;
  body?: unknown;
}

/** What a run of the tool did: its requests, the lines it printed, its exit code. */
export interface CliRun {
  requests: SentRequest[];
  stdout: string[];
  exit: number;
}

interface Options {
  cluster: string;
  username: string;
  password: string;
  action: string;
  name: string;
  bucket: string;
  scope: string;
  file: string;
}

type Outcome = { value: unknown; errors?: undefined } | { value?: undefined; errors: unknown[] };

const ACTIONS = [
  'import',
  'export',
  'export-all',
  'delete',
  'list',
  'deploy',
  'undeploy',
  'pause',
  'resume',
];
const ERR_AUTH =
  'unable to access the REST API - please check your username (-u) and password (-p)';
const ERR_APP_NOT_FOUND_TS = 13;

/** Thrown by the tool's `_exit_if_errors` and `_success`: the run ends there. */
class Exit {
  readonly code: number;
  constructor(code: number) {
    this.code = code;
  }
}

/**
 * Runs `couchbase-cli eventing-function-setup <argv>` against a server. `trustSelfSigned`
 * stands for `--no-ssl-verify` / `--cacert`.
 */
export async function runEventingFunctionSetup(
  argv: readonly string[],
  { trustSelfSigned = false } = {},
): Promise<CliRun> {
  const run: CliRun = { requests: [], stdout: [], exit: 0 };
  const dispatcher = new Agent({ connect: { rejectUnauthorized: !trustSelfSigned } });
  const opts = parseArgs(argv);
  const rest = createRest(opts, dispatcher, run);
  try {
    await initialise(rest);
    await execute(opts, rest, run);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    run.exit = error.code;
  } finally {
    await dispatcher.close();
  }
  return run;
}

/** `-c` as the tool's CBHostAction normalises it: http when no scheme, 8091/18091 when no port. */
export function normaliseCluster(text: string): string {
  const url = new URL(/^[a-z]+:\/\//.test(text) ? text : `http://${text}`);
  const scheme =
    url.protocol === 'couchbase:'
      ? 'http:'
      : url.protocol === 'couchbases:'
        ? 'https:'
        : url.protocol;
  const port = url.port || (scheme === 'https:' ? '18091' : '8091');
  return `${scheme}//${url.hostname}:${port}`;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = {
    cluster: '',
    username: '',
    password: '',
    action: '',
    name: '',
    bucket: '',
    scope: '',
    file: '',
  };
  const value = (index: number) => argv[index + 1] ?? '';
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    const flag = arg.replace(/^--?/, '');
    if (ACTIONS.includes(flag)) opts.action = flag;
    else if (arg === '-c') opts.cluster = normaliseCluster(value(index++));
    else if (arg === '-u') opts.username = value(index++);
    else if (arg === '-p') opts.password = value(index++);
    else if (['name', 'bucket', 'scope', 'file'].includes(flag)) {
      opts[flag as 'name' | 'bucket' | 'scope' | 'file'] = value(index++);
    } else throw new Error(`the replay does not know ${arg}`);
  }
  return opts;
}

type Rest = ReturnType<typeof createRest>;

function createRest(opts: Options, dispatcher: Dispatcher, run: CliRun) {
  const authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const ssl = opts.cluster.startsWith('https://');
  const send = async (method: string, url: string, body?: unknown): Promise<Outcome> => {
    run.requests.push({ method, url, ...(body === undefined ? {} : { body }) });
    const response = await request(url, {
      method: method as 'GET',
      dispatcher,
      headers: {
        authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    return handleResponse(
      response.statusCode,
      String(response.headers['content-type'] ?? ''),
      text,
    );
  };
  const eventingHost = async (): Promise<string> => {
    const { value, errors } = await send('GET', `${opts.cluster}/pools/default/nodeServices`);
    if (errors) exitWithErrors(errors, run);
    const hosts = eventingHosts(value as NodeServices, opts.cluster, ssl);
    if (!hosts[0]) throw new Error('Service eventing not available in target cluster');
    return hosts[0];
  };
  const scoped = (name: string, suffix: string) =>
    `/api/v1/functions/${quotePlus(name)}${suffix}?bucket=${quotePlus(opts.bucket)}&scope=${quotePlus(opts.scope)}`;
  return {
    pools: (pool = '') => send('GET', `${opts.cluster}/pools${pool ? `/${pool}` : ''}`),
    async minVersion(): Promise<string> {
      const { value, errors } = await send('GET', `${opts.cluster}/pools/default`);
      if (errors) exitWithErrors(errors, run);
      const nodes = (value as { nodes: Array<{ version: string }> }).nodes;
      return nodes.map((node) => node.version.split('-')[0] ?? '').sort()[0] ?? '';
    },
    eventing: async (method: string, path: string, body?: unknown) =>
      send(method, `${await eventingHost()}${path}`, body),
    scoped,
  };
}

interface NodeServices {
  nodesExt: Array<{ hostname?: string; services: Record<string, number> }>;
}

/** get_hostnames_for_service for Eventing, for nodes without alternate addresses. */
function eventingHosts(data: NodeServices, cluster: string, ssl: boolean): string[] {
  const usedHost = new URL(cluster).hostname;
  const portName = ssl ? 'eventingSSL' : 'eventingAdminPort';
  return data.nodesExt.flatMap((node) => {
    let host = node.hostname ?? usedHost;
    if (host.includes(':')) host = `[${host}]`;
    const port = node.services[portName];
    return port === undefined ? [] : [`${ssl ? 'https' : 'http'}://${host}:${port}`];
  });
}

/** _handle_response: which answers are results and which are errors, and what the errors say. */
function handleResponse(status: number, contentType: string, text: string): Outcome {
  const json = contentType.includes('application/json');
  if ([200, 202, 204].includes(status)) {
    if (!contentType || !text) return { value: '' };
    return { value: json ? JSON.parse(text) : text };
  }
  if ([400, 404, 405, 409].includes(status)) {
    if (!contentType) return { errors: ['Not a Couchbase Server, please check hostname and port'] };
    if (!json) return { errors: [text] };
    const body = JSON.parse(text);
    if (Array.isArray(body)) return { errors: body };
    if (Array.isArray(body.errors)) return { errors: body.errors };
    if (body.errors && typeof body.errors === 'object') {
      return {
        errors: Object.entries(body.errors).map(([key, value]) => `${key} - ${String(value)}`),
      };
    }
    return { errors: [body] };
  }
  if (status === 401) return { errors: [ERR_AUTH] };
  if ([406, 422, 423].includes(status)) {
    const body = JSON.parse(text);
    return {
      errors: ['description' in body ? body.description : `Received unexpected status ${status}`],
    };
  }
  if (status === 500) return { errors: ['Internal server error, please retry your request'] };
  return { errors: [`Received unexpected status ${status}`] };
}

/** rest_initialiser(cluster_init_check=True, version_check=True). */
async function initialise(rest: Rest): Promise<void> {
  const initialised = await rest.pools();
  const pools = (initialised.value as { pools?: unknown[] } | undefined)?.pools;
  const authFailed = initialised.errors?.length === 1 && initialised.errors[0] === ERR_AUTH;
  if (!authFailed && !(pools && pools.length > 0)) {
    throw new Error('Cluster is not initialized, use cluster-init to initialize the cluster');
  }
  const versions = await rest.pools();
  if (versions.errors) return;
  const version = (versions.value as { implementationVersion?: string }).implementationVersion;
  // check_versions slices major and minor at the first two dots; a version without them fails.
  if (version !== undefined && !/^\d+\.\d+\./.test(version)) {
    throw new Error(`check_versions cannot read implementationVersion ${version}`);
  }
}

async function execute(opts: Options, rest: Rest, run: CliRun): Promise<void> {
  const fail = (errors: unknown[]) => exitWithErrors(errors, run);
  const checkScope = async (supported = true) => {
    if ((opts.bucket === '') !== (opts.scope === '')) {
      fail([
        'You need to supply both --bucket and --scope, or neither for collection-unaware eventing functions',
      ]);
    }
    if (opts.bucket === '') return;
    if (!supported) fail(['This operation does not support the --bucket/--scope flags']);
    if (compareVersions(await rest.minVersion(), '7.1.0') < 0) {
      fail(['The --bucket/--scope flags can only be used against >= 7.1.0 clusters']);
    }
  };
  const notFound = () => {
    const name = opts.bucket === '' ? opts.name : `${opts.bucket}/${opts.scope}/${opts.name}`;
    const hint = opts.bucket === '' ? ' - perhaps you need to specify --bucket and --scope' : '';
    return `Function "${name}" does not exist${hint}`;
  };
  const failIfNotFound = (errors: unknown[] | undefined) => {
    const first = errors?.length === 1 ? (errors[0] as { code?: unknown }) : undefined;
    if (first && typeof first === 'object' && first.code === ERR_APP_NOT_FOUND_TS)
      fail([notFound()]);
  };
  const succeed = (text: string) => {
    run.stdout.push(`SUCCESS: ${text}`);
    throw new Exit(0);
  };
  switch (opts.action) {
    case 'list': {
      await checkScope(false);
      const functions = await rest.eventing('GET', '/api/v1/functions');
      if (functions.errors) fail(functions.errors);
      const statuses = await rest.eventing('GET', '/api/v1/status');
      if (statuses.errors) fail(statuses.errors);
      return printList(functions.value as ListedFunction[], statuses.value as StatusList, run);
    }
    case 'import': {
      await checkScope(false);
      const { errors } = await rest.eventing(
        'POST',
        '/api/v1/import',
        JSON.parse(readFileSync(opts.file, 'utf8')),
      );
      if (errors) fail(errors);
      return succeed('Events imported');
    }
    case 'export':
    case 'export-all': {
      if (opts.action === 'export') await checkScope();
      else await checkScope(false);
      const { value, errors } = await rest.eventing('GET', '/api/v1/export');
      if (errors) fail(errors);
      if (opts.action === 'export-all') {
        writeFileSync(opts.file, JSON.stringify(value));
        return succeed(`All functions exported to: ${opts.file}`);
      }
      const exported = (value as ListedFunction[]).filter((fn) => shouldExport(fn, opts));
      if (exported.length === 0) fail([notFound()]);
      writeFileSync(opts.file, JSON.stringify(exported.slice(-1)));
      return succeed(`Function exported to: ${opts.file}`);
    }
    case 'delete': {
      await checkScope();
      const { errors } = await rest.eventing('DELETE', rest.scoped(opts.name, ''));
      failIfNotFound(errors);
      if (errors) fail(errors);
      return succeed('Request to delete the function was accepted');
    }
    case 'deploy':
    case 'undeploy': {
      const deploy = opts.action === 'deploy';
      // _handle_boundary: --boundary is deprecated (and ignored) from 6.6.2 on.
      if (deploy && compareVersions(await rest.minVersion(), '6.6.2') < 0)
        fail(['--boundary is needed to deploy a function']);
      await checkScope();
      const { errors } = await rest.eventing('POST', rest.scoped(opts.name, `/${opts.action}`), {});
      failIfNotFound(errors);
      const already = `already in ${opts.action}ed state.`;
      if (errors?.length === 1 && typeof errors[0] === 'string' && errors[0].endsWith(already)) {
        return succeed(`Function is already in ${opts.action}ed state`);
      }
      if (errors) fail(errors);
      return succeed(`Request to ${opts.action} the function was accepted`);
    }
    case 'pause':
    case 'resume': {
      await checkScope();
      const { errors } = await rest.eventing('POST', rest.scoped(opts.name, `/${opts.action}`));
      failIfNotFound(errors);
      if (errors) fail(errors);
      return succeed(`Function was ${opts.action}d`);
    }
    default:
      throw new Error(`no action in ${opts.action}`);
  }
}

interface ListedFunction {
  appname: string;
  function_scope?: { bucket: string; scope: string };
  depcfg: Record<string, string>;
}

interface StatusList {
  apps: Array<{
    name: string;
    composite_status: string;
    function_scope?: { bucket: string; scope: string };
  }> | null;
}

function pathOf(name: string, scope: { bucket: string; scope: string } | undefined): string {
  return scope && scope.bucket !== '*' ? `${scope.bucket}/${scope.scope}/${name}` : name;
}

function printList(functions: ListedFunction[], statuses: StatusList, run: CliRun): void {
  if (statuses.apps === null) {
    run.stdout.push('The cluster has no functions');
    return;
  }
  const byPath = new Map(
    statuses.apps.map((app) => [pathOf(app.name, app.function_scope), app.composite_status]),
  );
  for (const fn of functions) {
    const path = pathOf(fn.appname, fn.function_scope);
    const status = byPath.get(path);
    if (status === undefined) continue;
    const { depcfg } = fn;
    run.stdout.push(path, ` Status: ${status}`);
    if ('source_scope' in depcfg) {
      run.stdout.push(
        ` Source: ${depcfg.source_bucket}.${depcfg.source_scope}.${depcfg.source_collection}`,
        ` Metadata: ${depcfg.metadata_bucket}.${depcfg.metadata_scope}.${depcfg.metadata_collection}`,
      );
    } else {
      run.stdout.push(
        ` Source Bucket: ${depcfg.source_bucket}`,
        ` Metadata Bucket: ${depcfg.metadata_bucket}`,
      );
    }
  }
}

function shouldExport(fn: ListedFunction, opts: Options): boolean {
  const scope = fn.function_scope;
  const global = !scope || (scope.bucket === '*' && scope.scope === '*');
  if (opts.bucket === '' && opts.scope === '') return global && fn.appname === opts.name;
  return scope?.bucket === opts.bucket && scope.scope === opts.scope && fn.appname === opts.name;
}

function compareVersions(left: string, right: string): number {
  const a = left.split('.').map(Number);
  const b = right.split('.').map(Number);
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

function exitWithErrors(errors: unknown[], run: CliRun): never {
  for (const error of errors)
    run.stdout.push(`ERROR: ${typeof error === 'string' ? error : pythonRepr(error)}`);
  throw new Exit(1);
}

/** How Python prints a parsed JSON error object (`{'code': 53, ...}`), near enough for tests. */
function pythonRepr(value: unknown): string {
  return JSON.stringify(value).replaceAll('"', "'");
}

/** urllib.parse.quote_plus. */
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
