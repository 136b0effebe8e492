import { describe, expect, it } from 'vitest';
import type { AliasUse } from '../../src/definition/aliases.ts';
import { readUrlBinding } from '../../src/definition/bindings.ts';
import type { Problem } from '../../src/errors.ts';

const AT = 'depcfg.curl[0]';
const SCHEME =
  'URL starts with invalid scheme type. Please ensure URL starts with http:// or https://';

function url(raw: Record<string, unknown>) {
  const problems: Problem[] = [];
  const aliases: AliasUse[] = [];
  const binding = readUrlBinding(raw, AT, problems, aliases);
  return { binding, problems, aliases };
}

const noAuth = { hostname: 'https://example.com/api', value: 'api', auth_type: 'no-auth' };

describe('URL bindings', () => {
  it('fills empty credentials and false flags', () => {
    expect(url(noAuth)).toEqual({
      binding: {
        hostname: 'https://example.com/api',
        value: 'api',
        auth_type: 'no-auth',
        username: '',
        password: '',
        bearer_key: '',
        allow_cookies: false,
        validate_ssl_certificate: false,
      },
      problems: [],
      aliases: [{ alias: 'api', path: 'depcfg.curl[0].value' }],
    });
  });

  it('keeps the flags when given', () => {
    const { binding } = url({ ...noAuth, allow_cookies: true, validate_ssl_certificate: true });
    expect(binding).toMatchObject({ allow_cookies: true, validate_ssl_certificate: true });
  });

  it.each(['allow_cookies', 'validate_ssl_certificate'])('rejects a non-boolean %s', (key) => {
    expect(url({ ...noAuth, [key]: 'yes' }).problems).toEqual([
      { path: `depcfg.curl[0].${key}`, message: 'must be a boolean' },
    ]);
  });

  it.each(['ftp://example.com', 'example.com', 'HTTPS://example.com', '//example.com'])(
    'rejects hostname %s for its scheme',
    (hostname) => {
      expect(url({ ...noAuth, hostname }).problems).toEqual([
        { path: 'depcfg.curl[0].hostname', message: SCHEME },
      ]);
    },
  );

  it.each(['http://', 'http://exa mple.com', 'http://[::1'])(
    'rejects hostname %s that does not parse as a URL',
    (hostname) => {
      expect(url({ ...noAuth, hostname }).problems).toEqual([
        { path: 'depcfg.curl[0].hostname', message: 'must be a valid URL' },
      ]);
    },
  );

  it('requires hostname', () => {
    expect(url({ value: 'api', auth_type: 'no-auth' }).problems).toEqual([
      { path: 'depcfg.curl[0].hostname', message: 'is required' },
    ]);
  });

  it.each(['oauth', 'BASIC', 3])('rejects auth_type %j', (auth_type) => {
    expect(url({ ...noAuth, auth_type }).problems).toEqual([
      { path: 'depcfg.curl[0].auth_type', message: 'Invalid auth type' },
    ]);
  });

  it('requires auth_type', () => {
    expect(url({ hostname: 'http://h', value: 'api' }).problems).toEqual([
      { path: 'depcfg.curl[0].auth_type', message: 'is required' },
    ]);
  });

  it.each(['basic', 'digest'])('%s needs username and password', (auth_type) => {
    expect(url({ ...noAuth, auth_type, password: '' }).problems).toEqual([
      { path: 'depcfg.curl[0].username', message: 'is required' },
      { path: 'depcfg.curl[0].password', message: 'must not be empty' },
    ]);
  });

  it('accepts basic with username and password', () => {
    const { binding, problems } = url({
      ...noAuth,
      auth_type: 'basic',
      username: 'u',
      password: 'p',
    });
    expect(problems).toEqual([]);
    expect(binding).toMatchObject({ auth_type: 'basic', username: 'u', password: 'p' });
  });

  it('bearer needs bearer_key, not a username', () => {
    expect(url({ ...noAuth, auth_type: 'bearer' }).problems).toEqual([
      { path: 'depcfg.curl[0].bearer_key', message: 'is required' },
    ]);
    expect(url({ ...noAuth, auth_type: 'bearer', bearer_key: 'k' }).binding?.bearer_key).toBe('k');
  });

  it('still type-checks credentials an auth type does not need', () => {
    expect(url({ ...noAuth, username: 5 }).problems).toEqual([
      { path: 'depcfg.curl[0].username', message: 'must be a string' },
    ]);
  });

  it('checks the alias in value', () => {
    expect(url({ ...noAuth, value: 'my-api' }).problems).toEqual([
      {
        path: 'depcfg.curl[0].value',
        message: 'must be a valid JavaScript identifier of 1 to 64 characters',
      },
    ]);
  });
});
