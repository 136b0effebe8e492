import { readFile } from 'node:fs/promises';
import { Agent, type Dispatcher, request } from 'undici';
import { EventingDevError } from '../../errors.ts';
import { resolveCredentials } from '../../server/auth.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../program.ts';

// `eventing-dev doc put|get|rm|ls`: the documents of a running `eventing-dev serve`, through
// its /_dev/keyspaces API. Writes trigger the deployed functions, as they would on a cluster.

/** Where serve is and who we are. */
export interface DocConnection {
  url?: string;
  username?: string;
  password?: string;
  /** Accept a self-signed certificate (serve --tls-cert with a local certificate). */
  insecure?: boolean;
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

export async function docCommand(command: DocAction, io: CliIo): Promise<ExitCode> {
  const { options } = command;
  const base = options.url ?? process.env.EVENTING_DEV_URL ?? DEFAULT_SERVE_URL;
  const path = `/_dev/keyspaces/${encodeURIComponent(command.keyspace)}/docs`;
  const target = command.action === 'ls' ? path : `${path}/${encodeURIComponent(command.id)}`;
  let method: Dispatcher.HttpMethod = 'GET';
  let body: string | undefined;
  let query = '';
  if (command.action === 'put') {
    method = 'PUT';
    body = await documentText(command.value, command.options.file);
    if (command.options.expiry !== undefined) query = `?expiry=${command.options.expiry}`;
  } else if (command.action === 'rm') method = 'DELETE';
  const credentials = resolveCredentials(
    { username: options.username, password: options.password },
    process.env,
  );
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(new URL(`${target}${query}`, base), {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
      ...(options.insecure
        ? { dispatcher: new Agent({ connect: { rejectUnauthorized: false } }) }
        : {}),
    });
  } catch (error) {
    io.err(`error: cannot reach eventing-dev serve at ${base}: ${(error as Error).message}\n`);
    io.err('hint: start it with `eventing-dev serve`, or pass --url (or set EVENTING_DEV_URL)\n');
    return EXIT.failed;
  }
  const bytes = Buffer.from(await response.body.arrayBuffer());
  if (response.statusCode !== 200) {
    io.err(`error: ${describeError(response.statusCode, bytes)}\n`);
    return EXIT.failed;
  }
  io.out(render(command, response.headers, bytes));
  return EXIT.ok;
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

function render(command: DocAction, headers: Dispatcher.ResponseData['headers'], bytes: Buffer) {
  const json = command.options.json;
  if (command.action === 'get') {
    if (headers.datatype === 'binary') return `${bytes.toString('base64')}\n`;
    const value = JSON.parse(bytes.toString('utf8'));
    if (!json) return `${JSON.stringify(value, null, 2)}\n`;
    const meta = { cas: headers.cas, expiration: Number(headers.expiration) };
    return `${JSON.stringify({ id: command.id, ...meta, value }, null, 2)}\n`;
  }
  const reply = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  if (json) return `${JSON.stringify(reply, null, 2)}\n`;
  if (command.action === 'ls') return (reply.ids as string[]).map((id) => `${id}\n`).join('');
  if (command.action === 'rm') return `removed ${command.id} from ${command.keyspace}\n`;
  return `stored ${command.id} in ${command.keyspace} (cas ${String(reply.cas)})\n`;
}

/** The envelope's description and name, or what the status says when there is none. */
function describeError(status: number, bytes: Buffer): string {
  try {
    const envelope = JSON.parse(bytes.toString('utf8')) as { name?: string; description?: unknown };
    if (envelope.name) return `${String(envelope.description)} (${envelope.name})`;
  } catch {
    // Not an envelope: a plain-text 404, for one.
  }
  return `HTTP ${status}: ${bytes.toString('utf8').trim()}`;
}
