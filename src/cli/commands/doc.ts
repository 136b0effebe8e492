import { readFile } from 'node:fs/promises';
import { EventingApiError } from '../../client/eventing-api-error.ts';
import { type Answer, HttpTransport, type RequestSpec } from '../../client/http-transport.ts';
import { parseKeyspace } from '../../definition/keyspace.ts';
import { EventingDevError } from '../../errors.ts';
import { resolveCredentials } from '../../server/auth.ts';
import type { CommandContext } from '../command-context.ts';
import { observeWriteAt } from '../connection/triggered-handlers.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { reportTriggered } from '../output/handler-outcomes.ts';

// `eventing-dev doc put|get|rm|ls`: documents through Couchbase's Data API
// (/v1/buckets/{b}/scopes/{s}/collections/{c}/documents/{id}), so the same commands work against
// `eventing-dev serve` and against a cluster whose Data API is enabled. Writes trigger the
// deployed functions, as any write does. `ls` lists ids through serve's own /_dev route.

/** Where serve is and who we are. */
export interface DocConnection {
  url?: string;
  username?: string;
  password?: string;
  /** Accept a self-signed certificate (serve --tls-cert with a local certificate). */
  insecure?: boolean;
  /** PEM file of the CA that signed the server's certificate. */
  cacert?: string;
  json?: boolean;
}

export interface DocPutOptions extends DocConnection {
  file?: string;
  expiry?: number;
}

export type DocAction =
  | {
      action: 'put';
      keyspace: string;
      id: string;
      value: string | undefined;
      options: DocPutOptions;
    }
  | { action: 'get' | 'rm'; keyspace: string; id: string; options: DocConnection }
  | { action: 'ls'; keyspace: string; options: DocConnection };

/** serve's address unless --url or EVENTING_DEV_URL says otherwise. */
export const DEFAULT_SERVE_URL = 'http://127.0.0.1:8096';

/** Couchbase reads an expiry above 30 days as an absolute Unix time, not a duration. */
const RELATIVE_EXPIRY_LIMIT = 30 * 24 * 60 * 60;

export async function docCommand(command: DocAction, context: CommandContext): Promise<ExitCode> {
  const { options } = command;
  const { io, env } = context;
  const base = options.url ?? env.EVENTING_DEV_URL ?? DEFAULT_SERVE_URL;
  const spec = await requestOf(command);
  const credentials = resolveCredentials(
    { username: options.username, password: options.password },
    env,
  );
  const cacert = options.cacert ?? (env.EVENTING_DEV_CACERT || undefined);
  const tls = {
    ...(options.insecure ? { insecure: true } : {}),
    ...(cacert === undefined ? {} : { ca: await readCa(cacert) }),
  };
  // Documents are not retried: a PUT that timed out may have run its handlers already.
  const transport = new HttpTransport({ url: base, ...credentials, ...tls, retries: 0 });
  const observer =
    command.action === 'put' || command.action === 'rm'
      ? await observeWriteAt(base, { ...credentials, ...tls }, command.keyspace)
      : undefined;
  let answer: Answer;
  try {
    answer = await transport.send(spec);
  } catch (error) {
    await observer?.close();
    if (error instanceof EventingApiError) {
      io.err(`error: ${error.message}${error.name ? ` (${error.name})` : ''}\n`);
      return EXIT.failed;
    }
    if (error instanceof EventingDevError && error.code === 'CLUSTER_UNREACHABLE') {
      io.err(`error: cannot reach eventing-dev serve at ${base}: ${error.message}\n`);
      io.err('hint: start it with `eventing-dev serve`, or pass --url (or set EVENTING_DEV_URL)\n');
      return EXIT.failed;
    }
    throw error;
  } finally {
    await transport.close();
  }
  io.out(render(command, answer));
  return observer ? reportTriggered(observer, command.keyspace, context) : EXIT.ok;
}

/** The Data API request for an action (the serve route for `ls`). */
async function requestOf(command: DocAction): Promise<RequestSpec> {
  if (command.action === 'ls') {
    return { method: 'GET', path: `/_dev/keyspaces/${encodeURIComponent(command.keyspace)}/docs` };
  }
  const path = documentPath(command.keyspace, command.id);
  if (command.action !== 'put') {
    return { method: command.action === 'get' ? 'GET' : 'DELETE', path };
  }
  const { expiry } = command.options;
  return {
    method: 'PUT',
    path,
    // As written: parsing and serialising again could change numbers beyond double precision.
    text: await documentText(command.value, command.options.file),
    contentType: 'application/json',
    ...(expiry === undefined ? {} : { headers: { expires: expiresOf(expiry) } }),
  };
}

function documentPath(keyspaceText: string, id: string): string {
  let keyspace: ReturnType<typeof parseKeyspace>;
  try {
    keyspace = parseKeyspace(keyspaceText);
  } catch (error) {
    throw usage((error as Error).message);
  }
  const part = encodeURIComponent;
  return `/v1/buckets/${part(keyspace.bucket)}/scopes/${part(keyspace.scope)}/collections/${part(keyspace.collection)}/documents/${part(id)}`;
}

/** The Data API's Expires: a duration in seconds, or past 30 days a date, as Couchbase reads it. */
function expiresOf(seconds: number): string {
  if (seconds === 0) return '0';
  if (seconds <= RELATIVE_EXPIRY_LIMIT) return `${seconds}s`;
  return new Date(seconds * 1000).toUTCString();
}

async function readCa(path: string): Promise<Buffer> {
  return readFile(path).catch((cause: unknown) => {
    throw new EventingDevError('CONFIG_INVALID', `Cannot read the CA certificate ${path}`, {
      hint: "Give the PEM file of the CA that signed the server's certificate (--cacert or EVENTING_DEV_CACERT).",
      cause,
    });
  });
}

async function documentText(value: string | undefined, file: string | undefined) {
  if (value !== undefined && file !== undefined) {
    throw usage('Give the document either as an argument or with --file, not both');
  }
  const text = file === undefined ? value : await readInput(file);
  if (text === undefined) throw usage('Give the document as JSON text, or with --file <path>');
  try {
    JSON.parse(text);
  } catch (error) {
    throw usage(`The document is not JSON: ${(error as Error).message}`);
  }
  return text;
}

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readFile(file, 'utf8').catch((cause: unknown) => {
    throw new EventingDevError('FILE_NOT_FOUND', `Cannot read ${file}`, { cause });
  });
}

function usage(message: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, {
    hint: `For example: eventing-dev doc put travel.inventory.airline airline_1 '{"name":"Air Example"}'`,
  });
}

function render(command: DocAction, answer: Answer) {
  const json = command.options.json;
  const { headers, bytes } = answer;
  const cas = typeof headers.etag === 'string' ? BigInt(`0x${headers.etag}`).toString() : '';
  if (command.action === 'get') {
    const type = answer.contentType ?? '';
    if (!type.startsWith('application/json')) {
      return type.startsWith('text/plain') ? answer.text : `${bytes.toString('base64')}\n`;
    }
    const value = JSON.parse(answer.text);
    if (!json) return `${JSON.stringify(value, null, 2)}\n`;
    const expires = typeof headers.expires === 'string' ? Date.parse(headers.expires) / 1000 : 0;
    return `${JSON.stringify({ id: command.id, cas, expiration: expires, value }, null, 2)}\n`;
  }
  if (command.action === 'ls') {
    const reply = JSON.parse(answer.text) as { ids: string[] };
    if (json) return `${JSON.stringify(reply, null, 2)}\n`;
    return reply.ids.map((id) => `${id}\n`).join('');
  }
  if (json) return `${JSON.stringify({ id: command.id, ...(cas ? { cas } : {}) }, null, 2)}\n`;
  if (command.action === 'rm') return `removed ${command.id} from ${command.keyspace}\n`;
  return `stored ${command.id} in ${command.keyspace} (cas ${cas})\n`;
}
