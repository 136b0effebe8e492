// Session cookies for bindings with `allow_cookies` (spec runtime §6.4): accepted from
// Set-Cookie and replayed on later requests of the same handler invocation to the same binding.
// The server uses libcurl's cookie engine; this follows RFC 6265's storage and matching rules,
// which that engine implements.

/**
 * One invocation's cookies for one binding. Keys are `domain\tpath\tname`; values are lines in
 * the Netscape cookie-file format libcurl itself writes
 * (`domain  subdomains  path  secure  expires  name  value`, tab-separated, expires in epoch
 * seconds, 0 for a session cookie), so a jar can be inspected with familiar tools.
 */
export type CookieJar = Map<string, string>;

/** The parts of a request URL cookies are matched on. */
export interface CookieUrl {
  protocol: string;
  hostname: string;
  pathname: string;
}

interface StoredCookie {
  domain: string;
  includeSubdomains: boolean;
  path: string;
  secure: boolean;
  /** Epoch seconds; 0 for a cookie that lives as long as the jar. */
  expires: number;
  name: string;
  value: string;
}

/**
 * Stores the cookies of `Set-Cookie` values received from `url`. A cookie whose Max-Age is zero
 * or less, or whose Expires is in the past, removes the stored one. `nowMs` comes from the
 * injected clock; without it Expires dates are ignored (the jar only lives for one invocation).
 *
 * @example
 * storeCookies(jar, new URL('http://h/login'), ['sid=1; Path=/'], clock.now());
 */
export function storeCookies(
  jar: CookieJar,
  url: CookieUrl,
  setCookies: readonly string[],
  nowMs?: number,
): void {
  for (const header of setCookies) {
    const cookie = parseSetCookie(header, url, nowMs);
    if (!cookie) continue;
    const key = `${cookie.domain}\t${cookie.path}\t${cookie.name}`;
    if (isExpired(cookie, nowMs)) jar.delete(key);
    else jar.set(key, toLine(cookie));
  }
}

/**
 * The `Cookie` header value for a request to `url`: every live cookie whose domain, path and
 * secure flag match, longest path first. Undefined when none match.
 *
 * @example
 * cookieHeader(jar, new URL('http://h/account')); // 'sid=1'
 */
export function cookieHeader(jar: CookieJar, url: CookieUrl, nowMs?: number): string | undefined {
  const host = url.hostname.toLowerCase();
  const matching = [...jar.values()]
    .map(fromLine)
    .filter((cookie): cookie is StoredCookie => cookie !== undefined)
    .filter(
      (cookie) =>
        domainMatches(host, cookie) &&
        pathMatches(url.pathname || '/', cookie.path) &&
        (!cookie.secure || url.protocol === 'https:') &&
        !isExpired(cookie, nowMs),
    )
    .sort((a, b) => b.path.length - a.path.length);
  if (matching.length === 0) return undefined;
  return matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

function parseSetCookie(header: string, url: CookieUrl, nowMs?: number): StoredCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  const name = eq === -1 ? '' : pair.slice(0, eq).trim();
  if (name === '' || /[\t\r\n]/.test(pair)) return undefined;
  const host = url.hostname.toLowerCase();
  const cookie: StoredCookie = {
    domain: host,
    includeSubdomains: false,
    path: defaultPath(url.pathname),
    secure: false,
    expires: 0,
    name,
    value: pair.slice(eq + 1).trim(),
  };
  let maxAge: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : attribute.slice(at + 1).trim();
    if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (!applyAttribute(cookie, [key, value], { host, nowMs })) return undefined;
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3). Zero or less means "delete now".
  if (maxAge !== undefined) {
    const seconds = nowMs === undefined ? 0 : Math.floor(nowMs / 1000) + maxAge;
    cookie.expires = maxAge <= 0 ? -1 : seconds;
  }
  return cookie;
}

// False when the attribute makes the whole cookie unacceptable. Unknown attributes are ignored.
function applyAttribute(
  cookie: StoredCookie,
  [key, value]: [string, string],
  { host, nowMs }: { host: string; nowMs: number | undefined },
): boolean {
  switch (key) {
    case 'secure':
      cookie.secure = true;
      return true;
    case 'path':
      if (value.startsWith('/')) cookie.path = value;
      return true;
    case 'expires':
      if (nowMs !== undefined) cookie.expires = expiresFrom(value, cookie.expires);
      return true;
    case 'domain': {
      if (value === '') return true;
      const domain = value.replace(/^\./, '').toLowerCase();
      // A server may only widen a cookie to a domain it is itself part of.
      if (host !== domain && !host.endsWith(`.${domain}`)) return false;
      cookie.domain = domain;
      cookie.includeSubdomains = true;
      return true;
    }
    default:
      return true;
  }
}

function expiresFrom(text: string, fallback: number): number {
  const ms = Date.parse(text);
  // Clamped to 1 so an epoch-zero date still reads as "expired" rather than "session".
  return Number.isNaN(ms) ? fallback : Math.max(1, Math.floor(ms / 1000));
}

function isExpired(cookie: StoredCookie, nowMs?: number): boolean {
  if (cookie.expires < 0) return true;
  if (cookie.expires === 0 || nowMs === undefined) return false;
  return cookie.expires * 1000 <= nowMs;
}

function domainMatches(host: string, cookie: StoredCookie): boolean {
  if (host === cookie.domain) return true;
  return cookie.includeSubdomains && host.endsWith(`.${cookie.domain}`);
}

// RFC 6265 §5.1.4: equal, or a prefix ending at a `/` boundary.
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

// RFC 6265 §5.1.4: the request path up to, not including, its last `/`; `/` when that is empty.
function defaultPath(pathname: string): string {
  const last = pathname.lastIndexOf('/');
  return last <= 0 ? '/' : pathname.slice(0, last);
}

function toLine(cookie: StoredCookie): string {
  const domain = cookie.includeSubdomains ? `.${cookie.domain}` : cookie.domain;
  const flag = (value: boolean) => (value ? 'TRUE' : 'FALSE');
  return [
    domain,
    flag(cookie.includeSubdomains),
    cookie.path,
    flag(cookie.secure),
    String(cookie.expires),
    cookie.name,
    cookie.value,
  ].join('\t');
}

function fromLine(line: string): StoredCookie | undefined {
  const [domain, subdomains, path, secure, expires, name, ...value] = line.split('\t');
  if (domain === undefined || path === undefined || name === undefined) return undefined;
  return {
    domain: domain.replace(/^\./, ''),
    includeSubdomains: subdomains === 'TRUE',
    path,
    secure: secure === 'TRUE',
    expires: Number(expires) || 0,
    name,
    value: value.join('\t'),
  };
}
