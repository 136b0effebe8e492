import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { EventingDevError } from '../errors.ts';
import { type Credentials, DEFAULT_CREDENTIALS } from './auth.ts';

// What keeps serve safe to leave running on a laptop: the well-known default credentials only
// on loopback, and TLS files checked at start, each problem in one line naming the file.

/** True for the interfaces of this machine alone. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * Refuses Couchbase's customary local login on an address others can reach.
 * @throws EventingDevError `CONFIG_INVALID` saying how to set other credentials.
 */
export function checkExposedCredentials(host: string, credentials: Credentials): void {
  if (isLoopbackHost(host)) return;
  const usesDefault =
    credentials.username === DEFAULT_CREDENTIALS.username ||
    credentials.password === DEFAULT_CREDENTIALS.password;
  if (!usesDefault) return;
  throw new EventingDevError(
    'CONFIG_INVALID',
    `serve would listen on ${host} with the default credentials (${DEFAULT_CREDENTIALS.username} / ${DEFAULT_CREDENTIALS.password}), which anyone who reaches it knows`,
    {
      hint: 'Set CB_REST_USERNAME and CB_REST_PASSWORD to other values, or listen on 127.0.0.1.',
    },
  );
}

/**
 * Checks that a PEM certificate and key parse and belong together.
 * @throws EventingDevError `CONFIG_INVALID` naming the file at fault.
 */
export function checkTlsPair(
  cert: { path: string; pem: Buffer },
  key: { path: string; pem: Buffer },
): void {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert.pem);
  } catch {
    throw tlsProblem(`${cert.path} is not a PEM certificate`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.pem);
  } catch {
    throw tlsProblem(`${key.path} is not a PEM private key (or it is encrypted)`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw tlsProblem(`${key.path} is not the private key of the certificate ${cert.path}`);
  }
}

function tlsProblem(message: string): EventingDevError {
  return new EventingDevError('CONFIG_INVALID', message, {
    hint: 'Give --tls-cert the PEM certificate and --tls-key its unencrypted PEM private key.',
  });
}

/** Which `Host` headers a local server answers (protection against DNS rebinding). */
export interface HostPolicy {
  /** The address the server was told to listen on. */
  listenHost: string;
  /** More host names to answer for (`--allow-host`). */
  allowHosts?: readonly string[];
}

/**
 * Whether a request's `Host` may be answered. A web page can make a browser send requests to a
 * name it controls that resolves to 127.0.0.1 (DNS rebinding); such requests carry that name,
 * so only IP addresses, `localhost`, the address serve was told to use and the names allowed
 * with --allow-host are answered.
 *
 * @example
 * isAllowedHost('127.0.0.1:8096', { listenHost: '127.0.0.1' }) // true
 * isAllowedHost('attacker.example:8096', { listenHost: '127.0.0.1' }) // false
 */
export function isAllowedHost(header: string | undefined, policy: HostPolicy): boolean {
  if (header === undefined || header === '') return true;
  const name = hostNameOf(header).toLowerCase();
  if (isIpAddress(name) || name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === policy.listenHost.toLowerCase()) return true;
  return (policy.allowHosts ?? []).some((allowed) => allowed.toLowerCase() === name);
}

/** What a refused `Host` is told; `remedy` says what to do instead. */
export function refusedHostMessage(
  header: string,
  remedy = `Start eventing-dev serve with --allow-host ${hostNameOf(header)} to answer them.`,
): string {
  return `Requests for the host name "${hostNameOf(header)}" are refused (a protection against DNS rebinding). ${remedy}`;
}

function hostNameOf(header: string): string {
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  const colon = header.lastIndexOf(':');
  return colon === -1 ? header : header.slice(0, colon);
}

function isIpAddress(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}
