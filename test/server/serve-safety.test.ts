import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/commands/serve.ts';
import {
  checkExposedCredentials,
  checkTlsPair,
  isLoopbackHost,
} from '../../src/server/serve-safety.ts';

// serve's safety rules: default credentials only on loopback, TLS files checked at start.

const cert = {
  path: 'cert.pem',
  pem: readFileSync(new URL('fixtures/localhost-cert.pem', import.meta.url)),
};
const key = {
  path: 'key.pem',
  pem: readFileSync(new URL('fixtures/localhost-key.pem', import.meta.url)),
};

describe('credentials', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(
      true,
    );
    expect(['0.0.0.0', '::', '192.168.1.2', 'example.com'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses the default credentials on an address others can reach, saying how to set them', () => {
    const defaults = { username: 'Administrator', password: 'password' };
    expect(() => checkExposedCredentials('127.0.0.1', defaults)).not.toThrow();
    expect(() => checkExposedCredentials('0.0.0.0', defaults)).toThrow(
      /would listen on 0\.0\.0\.0 with the default credentials/,
    );
    expect(() =>
      checkExposedCredentials('0.0.0.0', { username: 'dev', password: 's3cret-pass' }),
    ).not.toThrow();
  });

  it('serve refuses to start on 0.0.0.0 with the defaults, and warns about --password', async () => {
    const io = { out: () => undefined, err: () => undefined, exit: () => undefined };
    const context = { io, env: {}, cwd: process.cwd(), interactive: false };
    await expect(
      serveCommand({ host: '0.0.0.0', port: 0, transitionMs: 1 }, context, async () => undefined),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      hint: expect.stringContaining('CB_REST_PASSWORD'),
    });
    let err = '';
    let out = '';
    const seen = {
      out: (text: string) => {
        out += text;
      },
      err: (text: string) => {
        err += text;
      },
      exit: () => undefined,
    };
    await serveCommand(
      { host: '127.0.0.1', port: 0, transitionMs: 1, password: 'pw' },
      { ...context, io: seen },
      async () => undefined,
    );
    expect(err).toContain('warning: --password shows in the process list');
    expect(out).toContain('user Administrator;');
    out = '';
    await serveCommand(
      { host: '127.0.0.1', port: 0, transitionMs: 1 },
      { ...context, io: seen },
      async () => undefined,
    );
    expect(out).toContain('user Administrator / password (the defaults;');
  });
});

describe('TLS files', () => {
  it('accepts a certificate with its key', () => {
    expect(() => checkTlsPair(cert, key)).not.toThrow();
  });

  it('names the file at fault: not a certificate, not a key, a key of another certificate', () => {
    expect(() => checkTlsPair({ ...cert, pem: Buffer.from('nope') }, key)).toThrow(
      'cert.pem is not a PEM certificate',
    );
    expect(() => checkTlsPair(cert, { ...key, pem: Buffer.from('nope') })).toThrow(
      /key\.pem is not a PEM private key/,
    );
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(() => checkTlsPair(cert, { path: 'other.pem', pem: Buffer.from(other) })).toThrow(
      'other.pem is not the private key of the certificate cert.pem',
    );
  });
});
