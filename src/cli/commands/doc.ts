import { readFile } from 'node:fs/promises';
import { EventingApiError } from '../../client/eventing-api-error.ts';
import type { Answer, RequestSpec } from '../../client/http-transport.ts';
import { type Keyspace, parseKeyspace } from '../../definition/keyspace.ts';
import { EventingDevError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import {
  reportServiceError,
  type ServiceConnection,
  serviceTransport,
} from '../connection/service-transport.ts';
import { observeWriteAt } from '../connection/triggered-handlers.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { reportTriggered } from '../output/handler-outcomes.ts';
import { missingKeyspaceHint } from '../output/missing-keyspace-hint.ts';

// `eventing-dev doc put|get|rm|ls`: documents through Couchbase's Data API
// (/v1/buckets/{b}/scopes/{s}/collections/{c}/documents/{id}), so the same commands work against
// `eventing-dev serve` and against a cluster whose Data API is enabled. Writes trigger the
// deployed functions, as any write does. `ls` lists ids through the Query service, which the
// Data API passes through at /_p/query/query/service.

/** Where serve (or the Data API) is and who we are; `--json` output. */
export interface DocConnection extends ServiceConnection {
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

/** Couchbase reads an expiry above 30 days as an absolute Unix time, not a duration. */
const RELATIVE_EXPIRY_LIMIT = 30 * 24 * 60 * 60;

export async function docCommand(command: DocAction, context: CommandContext): Promise<ExitCode> {
  const { options } = command;
  const { io, env } = context;
  const spec = await requestOf(command);
  const { transport, base, access } = await serviceTransport(options, env);
  // Against serve, the write's handlers are read back from its Eventing REST API.
  const observer =
    command.action === 'put' || command.action === 'rm'
      ? await observeWriteAt(base, access, command.keyspace)
      : undefined;
  let answer: Answer;
  try {
    answer = await transport.send(spec);
  } catch (error) {
    await observer?.close();
    const code = reportServiceError(error, base, io);
    if (code === undefined) throw error;
    if (error instanceof EventingApiError) {
      const keyspace = keyspaceOf(command.keyspace);
      for (const line of missingKeyspaceHint(error.name, keyspace, base, access.username)) {
        io.err(`${line}\n`);
      }
    }
    return code;
  } finally {
    await transport.close();
  }
  io.out(render(command, answer));
  return observer ? reportTriggered(observer, command.keyspace, context) : EXIT.ok;
}

/** The Data API request for an action (the serve route for `ls`). */
async function requestOf(command: DocAction): Promise<RequestSpec> {
  if (command.action === 'ls') {
    const { bucket, scope, collection } = keyspaceOf(command.keyspace);
    const from = [bucket, scope, collection].map((part) => `\`${part}\``).join('.');
    // The Data API passes the Query service through at /_p/query, as serve does.
    return {
      method: 'POST',
      path: '/_p/query/query/service',
      json: { statement: `SELECT RAW META().id FROM ${from} ORDER BY META().id` },
    };
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

function keyspaceOf(text: string): Keyspace {
  try {
    return parseKeyspace(text);
  } catch (error) {
    throw usage((error as Error).message);
  }
}

function documentPath(keyspaceText: string, id: string): string {
  const keyspace = keyspaceOf(keyspaceText);
  const part = encodeURIComponent;
  return `/v1/buckets/${part(keyspace.bucket)}/scopes/${part(keyspace.scope)}/collections/${part(keyspace.collection)}/documents/${part(id)}`;
}

/** The Data API's Expires: a duration in seconds, or past 30 days a date, as Couchbase reads it. */
function expiresOf(seconds: number): string {
  if (seconds === 0) return '0';
  if (seconds <= RELATIVE_EXPIRY_LIMIT) return `${seconds}s`;
  return new Date(seconds * 1000).toUTCString();
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
    const ids = (JSON.parse(answer.text) as { results: string[] }).results;
    if (json)
      return `${JSON.stringify({ keyspace: command.keyspace, count: ids.length, ids }, null, 2)}\n`;
    return ids.map((id) => `${id}\n`).join('');
  }
  if (json) return `${JSON.stringify({ id: command.id, ...(cas ? { cas } : {}) }, null, 2)}\n`;
  if (command.action === 'rm') return `removed ${command.id} from ${command.keyspace}\n`;
  return `stored ${command.id} in ${command.keyspace} (cas ${cas})\n`;
}
