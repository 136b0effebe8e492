import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../src/server/serve-safety.ts';
import { closeServices, serve } from './serve-harness.ts';

// DNS rebinding: a page can point a name it controls at 127.0.0.1 and have the browser send it
// requests; they carry that name in Host, so serve answers only the names that are its own.

afterEach(closeServices);

describe('the Host of a request', () => {
  it('is answered for IP addresses, localhost and the address serve was told to use', () => {
    const policy = { listenHost: 'devbox.lan' };
    for (const host of [
      '127.0.0.1:8096',
      '[::1]:8096',
      '10.0.0.5',
      'localhost:8096',
      'devbox.lan',
    ]) {
      expect(isAllowedHost(host, policy), host).toBe(true);
    }
    expect(isAllowedHost('rebind.attacker.example:8096', policy)).toBe(false);
    expect(isAllowedHost('app.localhost', policy)).toBe(true);
  });

  it('is answered for the names given with --allow-host', () => {
    const policy = { listenHost: '127.0.0.1', allowHosts: ['couchbase.test'] };
    expect(isAllowedHost('COUCHBASE.test:8096', policy)).toBe(true);
    expect(isAllowedHost('other.test:8096', policy)).toBe(false);
  });

  it('refuses any other name with 403 and how to allow it, on every route', async () => {
    const { call } = await serve();
    const refused = await call('GET', '/api/v1/status', {
      headers: { host: 'rebind.attacker.example:8096' },
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('--allow-host rebind.attacker.example');
    const pools = await call('GET', '/pools', { headers: { host: 'rebind.attacker.example' } });
    expect(pools.status).toBe(403);
    expect((await call('GET', '/api/v1/status')).status).toBe(200);
  });

  it('answers a name allowed with --allow-host', async () => {
    const { call } = await serve({ allowHosts: ['couchbase.test'] });
    const answer = await call('GET', '/api/v1/status', {
      headers: { host: 'couchbase.test:8096' },
    });
    expect(answer.status).toBe(200);
  });
});
