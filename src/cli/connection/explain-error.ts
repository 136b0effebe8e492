import { EventingApiError } from '../../client/eventing-api-error.ts';
import { EventingDevError, type EventingDevErrorCode } from '../../errors.ts';
import { codeFrame } from '../../runtime/compile/code-frame.ts';
import type { ResolvedConnection } from './cluster-connection.ts';

// The server's refusals, told to people: its message, the error name and HTTP status, and a
// hint saying what to do next. Decided on the error name, as spec rest-api.md §1.4 advises.

const LIST = 'List the functions with `eventing-dev functions list`';

/** Hints by error name; `{fn}` is the function the command was about. */
const HINTS: Record<string, string> = {
  ERR_APP_NOT_FOUND_TS: `${LIST}; a scoped function is written bucket/scope/name (or --bucket and --scope).`,
  ERR_APP_NOT_FOUND: `${LIST}; a scoped function is written bucket/scope/name (or --bucket and --scope).`,
  ERR_APP_NOT_UNDEPLOYED: 'Undeploy it first: eventing-dev functions undeploy {fn}',
  ERR_APP_ALREADY_DEPLOYED:
    'It is deployed: pause it (eventing-dev functions pause {fn}) or undeploy it to change this.',
  ERR_APP_PAUSED: 'It is paused: eventing-dev functions resume {fn} continues it.',
  ERR_APP_NOT_DEPLOYED: 'It is not deployed: eventing-dev functions deploy {fn}',
  ERR_APP_NOT_BOOTSTRAPPED:
    'The function is still changing state; wait for it (eventing-dev functions status {fn}) and retry.',
  ERR_HANDLER_COMPILATION:
    'Fix the code at that position; `eventing-dev check` finds such problems offline.',
  ERR_MIXED_MODE: 'The cluster is being upgraded or an Eventing node is starting; retry later.',
  ERR_REBALANCE_OR_FAILOVER_ONGOING: 'Retry when the rebalance is over.',
  ERR_FORBIDDEN:
    "The user lacks an Eventing permission for this: it needs Eventing Full Admin, or Manage Scope Functions on the function's scope.",
  ERR_CLUSTER_VERSION: 'This needs a newer Couchbase Server on every Eventing node.',
};

/** An error as the CLI reports it: the server's refusals and transport failures get hints. */
export function explainError(
  error: unknown,
  connection: ResolvedConnection | undefined,
  fn: string | undefined,
): unknown {
  if (error instanceof EventingApiError) {
    return new EventingDevError(
      codeOf(error),
      `${error.message} (${error.name}, HTTP ${error.status})`,
      {
        hint: hintOf(error, connection, fn),
        cause: error,
      },
    );
  }
  if (error instanceof EventingDevError && error.code === 'CLUSTER_UNREACHABLE' && connection) {
    const tls = /TLS/.test(error.message);
    return new EventingDevError(error.code, error.message, {
      hint: tls
        ? "Give the cluster's CA certificate with --cacert <file> (or EVENTING_DEV_CACERT), or --insecure for a test cluster."
        : `Check the cluster URL ${connection.url}, which came from ${connection.origin}; choose another with --cluster, --env or EVENTING_DEV_CLUSTER, or start a local one with \`eventing-dev serve\`.`,
      cause: error,
    });
  }
  return error;
}

function codeOf(error: EventingApiError): EventingDevErrorCode {
  if (error.status === 401) return 'API_UNAUTHORIZED';
  if (error.status === 403) return 'API_FORBIDDEN';
  if (error.status === 404 || error.name === 'ERR_APP_NOT_FOUND') return 'API_NOT_FOUND';
  return 'API_ERROR';
}

function hintOf(
  error: EventingApiError,
  connection: ResolvedConnection | undefined,
  fn: string | undefined,
): string | undefined {
  if (error.status === 401) {
    const user = connection?.username ? ` (user ${connection.username})` : '';
    return `Check the credentials${user}: --username/--password, or CB_REST_USERNAME / CB_REST_PASSWORD.`;
  }
  const known = HINTS[error.name];
  if (known) return known.replaceAll('{fn}', fn ?? '<function>');
  if (error.name === 'HTTP_404') {
    return `${connection?.url ?? 'The server'} has no such route: check that the URL is the Eventing service (port 8096, or 18096 for https) and that its version has this route.`;
  }
  if (/Try again later|state transition not possible/i.test(error.message)) {
    const status = fn ? `eventing-dev functions status ${fn}` : 'eventing-dev functions status';
    return `The function is changing state; wait for it (${status}) and retry.`;
  }
  if (error.status >= 500) {
    return error.retryable
      ? 'The server failed and says a retry may work; retry later.'
      : "The server failed; see the Eventing service's log.";
  }
  return undefined;
}

/**
 * A compile error the server reported for code this command sent, shown as the local checks
 * show theirs: the file, line and column, the server's description, and the line with a caret.
 * Any other error is returned as it is.
 */
export function withCodeFrame(error: unknown, appcode: string, file: string): unknown {
  if (!(error instanceof EventingApiError) || error.name !== 'ERR_HANDLER_COMPILATION') {
    return error;
  }
  const status = error.description as Record<string, unknown> | undefined;
  const line = Number(status?.line_number);
  const column = Number(status?.column_number);
  if (!Number.isInteger(line) || !Number.isInteger(column)) return error;
  const excerpt = codeFrame(appcode, line, column);
  const description = typeof status?.description === 'string' ? status.description : error.message;
  return new EventingDevError(
    'HANDLER_INVALID',
    `${error.message} (${error.name}, HTTP ${error.status})`,
    {
      problems: [
        {
          path: `${file}:${line}:${column}`,
          message: description,
          ...(excerpt ? { excerpt } : {}),
        },
      ],
      hint: HINTS.ERR_HANDLER_COMPILATION,
      cause: error,
    },
  );
}
