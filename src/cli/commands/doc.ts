import { readFile } from 'node:fs/promises';
import { EventingApiError } from '../../client/eventing-api-error.ts';
import { type Answer, HttpTransport, type RequestSpec } from '../../client/http-transport.ts';
import { EventingDevError } from '../../errors.ts';
import { resolveCredentials } from '../../server/auth.ts';
import type { CommandContext } from '../command-context.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

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

export async function docCommand(command: DocAction, context: CommandContext): Promise<ExitCode> {
  const { options } = command;
  const { io, env } = context;
  const base = options.url ?? env.EVENTING_DEV_URL ?? DEFAULT_SERVE_URL;
  const path = `/_dev/keyspaces/${encodeURIComponent(command.keyspace)}/docs`;
  const spec: RequestSpec = {
    method: 'GET',
    path: command.action === 'ls' ? path : `${path}/${encodeURIComponent(command.id)}`,
  };
  if (command.action === 'put') {
    spec.method = 'PUT';
    // As written: parsing and serialising again could change numbers beyond double precision.
    spec.text = await documentText(command.value, command.options.file);
    spec.contentType = 'application/json';
    if (command.options.expiry !== undefined) {
      spec.query = new URLSearchParams({ expiry: String(command.options.expiry) });
    }
  } else if (command.action === 'rm') spec.method = 'DELETE';
  const credentials = resolveCredentials(
    { username: options.username, password: options.password },
    env,
  );
  // Documents are not retried: a PUT that timed out may have run its handlers already.
  const transport = new HttpTransport({
    url: base,
    ...credentials,
    ...(options.insecure ? { insecure: true } : {}),
    retries: 0,
  });
  let answer: Answer;
  try {
    answer = await transport.send(spec);
  } catch (error) {
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

function render(command: DocAction, answer: Answer) {
  const json = command.options.json;
  const { headers, bytes } = answer;
  if (command.action === 'get') {
    if (headers.datatype === 'binary') return `${bytes.toString('base64')}\n`;
    const value = JSON.parse(answer.text);
    if (!json) return `${JSON.stringify(value, null, 2)}\n`;
    const meta = { cas: headers.cas, expiration: Number(headers.expiration) };
    return `${JSON.stringify({ id: command.id, ...meta, value }, null, 2)}\n`;
  }
  const reply = JSON.parse(answer.text) as Record<string, unknown>;
  if (json) return `${JSON.stringify(reply, null, 2)}\n`;
  if (command.action === 'ls') return (reply.ids as string[]).map((id) => `${id}\n`).join('');
  if (command.action === 'rm') return `removed ${command.id} from ${command.keyspace}\n`;
  return `stored ${command.id} in ${command.keyspace} (cas ${String(reply.cas)})\n`;
}
