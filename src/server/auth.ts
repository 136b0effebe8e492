import { createHash, timingSafeEqual } from 'node:crypto';

// HTTP Basic authentication, as the Eventing service asks for on every route (spec §6).
// fidelity: there is one user, the credentials serve was started with, and it may do
// everything: no RBAC, no 403.

/** The credentials serve accepts. */
export interface Credentials {
  username: string;
  password: string;
}

/** What serve accepts when nothing else is configured: Couchbase's customary local login. */
export const DEFAULT_CREDENTIALS: Readonly<Credentials> = Object.freeze({
  username: 'Administrator',
  password: 'password',
});

/**
 * Credentials from flags, else from CB_REST_USERNAME / CB_REST_PASSWORD, else the defaults.
 *
 * @example
 * resolveCredentials({}, process.env); // { username: 'Administrator', password: 'password' }
 */
export function resolveCredentials(
  flags: Partial<Credentials>,
  env: Record<string, string | undefined>,
): Credentials {
  // An empty variable counts as unset, as in the client (shells clear more easily than unset).
  return {
    username: flags.username ?? (env.CB_REST_USERNAME || undefined) ?? DEFAULT_CREDENTIALS.username,
    password: flags.password ?? (env.CB_REST_PASSWORD || undefined) ?? DEFAULT_CREDENTIALS.password,
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A check of an `Authorization` header against `credentials`. Compares digests in constant
 * time, so neither the length nor the content of the password leaks through timing.
 */
export function createBasicAuth(credentials: Credentials): (header: string | undefined) => boolean {
  const expectedUser = digest(credentials.username);
  const expectedPassword = digest(credentials.password);
  return (header) => {
    const match = header === undefined ? null : /^basic\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) return false;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), expectedUser);
    const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), expectedPassword);
    return userOk && passwordOk;
  };
}
