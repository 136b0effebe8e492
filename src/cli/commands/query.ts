import type { Answer } from '../../client/http-transport.ts';
import { EventingDevError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import {
  reportServiceError,
  type ServiceConnection,
  serviceTransport,
} from '../connection/service-transport.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { asText, formatTable, toJson } from '../output/table.ts';

// `eventing-dev query "<statement>"`: one SQL++ statement through the Query service's REST
// endpoint (POST /query/service), on serve or on a cluster's query node (--url
// http://host:8093). Rows print as a table, or as JSON with --json; a statement that writes
// reaches the deployed functions.

export interface QueryOptions extends ServiceConnection {
  json?: boolean;
  /** Named parameters, `name=value` (JSON when it parses, else text). */
  param?: string[];
  /** Positional parameters, in order (JSON when it parses, else text). */
  arg?: string[];
  readonly?: boolean;
  /** The Query service's `timeout`: a Go duration such as `75s`. */
  timeout?: string;
  /** The Query service's `query_context`: one-part keyspace names are collections of this scope. */
  queryContext?: string;
}

interface Envelope {
  results?: unknown[];
  errors?: Array<{ code: number; msg: string }>;
  status?: string;
  metrics?: { mutationCount?: number; elapsedTime?: string };
}

export async function queryCommand(
  statement: string,
  options: QueryOptions,
  context: CommandContext,
): Promise<ExitCode> {
  const { io, env } = context;
  const body = requestBody(statement, options);
  const { transport, base } = await serviceTransport(options, env);
  let answer: Answer;
  try {
    answer = await transport.send({ method: 'POST', path: '/query/service', json: body });
  } catch (error) {
    const code = reportServiceError(error, base, io);
    if (code === undefined) throw error;
    return code;
  } finally {
    await transport.close();
  }
  const envelope = JSON.parse(answer.text) as Envelope;
  const results = envelope.results ?? [];
  io.out(options.json ? toJson(results) : renderRows(results, envelope));
  for (const error of envelope.errors ?? []) io.err(`error: ${error.msg} (${error.code})\n`);
  return (envelope.errors ?? []).length > 0 ? EXIT.failed : EXIT.ok;
}

function requestBody(statement: string, options: QueryOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { statement };
  if (options.arg?.length) body.args = options.arg.map(jsonOrText);
  for (const pair of options.param ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new EventingDevError('CONFIG_INVALID', `"${pair}" is not name=value`, {
        hint: 'For example: --param country=France --param limit=10',
      });
    }
    body[`$${pair.slice(0, equals).replace(/^[$@]/, '')}`] = jsonOrText(pair.slice(equals + 1));
  }
  if (options.readonly) body.readonly = true;
  if (options.timeout !== undefined) body.timeout = options.timeout;
  if (options.queryContext !== undefined) body.query_context = options.queryContext;
  return body;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Objects as a table of their fields; other rows (SELECT RAW) one per line. */
function renderRows(rows: unknown[], envelope: Envelope): string {
  const isObject = (row: unknown) => typeof row === 'object' && row !== null && !Array.isArray(row);
  let text = '';
  if (rows.length > 0 && rows.every(isObject)) {
    const records = rows as Array<Record<string, unknown>>;
    const headings = [...new Set(records.flatMap((row) => Object.keys(row)))];
    text = formatTable(
      headings,
      records.map((row) => headings.map((heading) => asText(row[heading]))),
    );
  } else {
    text = rows.map((row) => `${asText(row)}\n`).join('');
  }
  const mutations = envelope.metrics?.mutationCount;
  const summary = [`${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`];
  if (mutations) summary.push(`${mutations} ${mutations === 1 ? 'mutation' : 'mutations'}`);
  if (envelope.metrics?.elapsedTime) summary.push(`in ${envelope.metrics.elapsedTime}`);
  return `${text}(${summary.join(', ')})\n`;
}
