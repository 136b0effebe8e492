import { EventingDevError } from '../errors.ts';

// The address of an Eventing service as people write it: a full URL, `host:port` or a bare host.
// The REST API listens on 8096 over HTTP and on 18096 over TLS (spec rest-api.md §1.1); a path
// is kept, so the ns_server proxy `http://host:8091/_p/event` works too.

/** The Eventing REST port over plain HTTP. */
export const EVENTING_HTTP_PORT = 8096;
/** The Eventing REST port over TLS. */
export const EVENTING_HTTPS_PORT = 18096;

const URL_HINT =
  'Write the cluster as http://host:8096, https://host:18096 or host[:port] (http then).';

/**
 * The base URL without a trailing slash, with the Eventing port filled in when none is given.
 * Credentials in the URL are refused: URLs end up in messages and logs.
 *
 * @example
 * normalizeBaseUrl('cb.example.com'); // 'http://cb.example.com:8096'
 * normalizeBaseUrl('https://cb.example.com'); // 'https://cb.example.com:18096'
 */
export function normalizeBaseUrl(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new EventingDevError('CONFIG_INVALID', `"${text}" is not a cluster URL`, {
      hint: URL_HINT,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EventingDevError(
      'CONFIG_INVALID',
      `"${text}" uses ${url.protocol}, not http: or https:`,
      { hint: URL_HINT },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new EventingDevError('CONFIG_INVALID', 'The cluster URL must not hold credentials', {
      hint: 'Pass them with --username/--password or CB_REST_USERNAME / CB_REST_PASSWORD.',
    });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new EventingDevError('CONFIG_INVALID', `"${text}" has a query or fragment`, {
      hint: URL_HINT,
    });
  }
  // URL drops a port that is the scheme's default (80, 443), so look at what was written.
  const explicitPort = /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/?#:]*):(\d+)/i.test(withScheme);
  if (!explicitPort) {
    url.port = String(url.protocol === 'https:' ? EVENTING_HTTPS_PORT : EVENTING_HTTP_PORT);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** True for addresses of this machine, where `eventing-dev serve` usually runs. */
export function isLoopbackUrl(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
