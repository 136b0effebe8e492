import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/project/promote-diff.ts';

describe('describeChanges', () => {
  it('shows the appcode as a unified diff from the cluster to the local file', () => {
    const lines = describeChanges([
      {
        part: 'appcode',
        key: 'appcode',
        before: 'function OnUpdate(doc, meta) {\n  dst[meta.id] = doc;\n}\n',
        after: 'function OnUpdate(doc, meta) {\n  dst[meta.id] = { v: 2 };\n}\n',
      },
    ]);
    expect(lines).toEqual([
      '--- cluster',
      '+++ local',
      '@@ -1,3 +1,3 @@',
      ' function OnUpdate(doc, meta) {',
      '-  dst[meta.id] = doc;',
      '+  dst[meta.id] = { v: 2 };',
      ' }',
    ]);
  });

  it('shows settings and keyspaces as before → after', () => {
    expect(
      describeChanges([
        { part: 'setting', key: 'worker_count', before: 1, after: 4 },
        { part: 'setting', key: 'description', before: undefined, after: 'x' },
        { part: 'keyspace', key: 'source', before: 'a._default._default', after: 'b.s.c' },
      ]),
    ).toEqual([
      'setting worker_count: 1 → 4',
      'setting description: unset → "x"',
      'source keyspace: a._default._default → b.s.c',
    ]);
  });

  it('lists bindings removed and added, and never a secret', () => {
    const url = (hostname: string, bearer_key: string) => ({
      hostname,
      value: 'api',
      auth_type: 'bearer',
      username: '',
      password: '',
      bearer_key,
      allow_cookies: false,
      validate_ssl_certificate: true,
    });
    const lines = describeChanges([
      {
        part: 'binding',
        key: 'curl',
        before: [url('https://a.test', 'old-secret')],
        after: [url('https://b.test', 'new-secret')],
      },
      {
        part: 'binding',
        key: 'curl',
        before: [url('https://a.test', 'one')],
        after: [url('https://a.test', 'two')],
      },
    ]);
    expect(lines).toEqual([
      '- URL binding api = https://a.test, bearer, secret set',
      '+ URL binding api = https://b.test, bearer, secret set',
      '~ curl bindings: a credential changed',
    ]);
    for (const secret of ['old-secret', 'new-secret', 'one', 'two'])
      expect(lines.join('\n')).not.toContain(secret);
  });
});
