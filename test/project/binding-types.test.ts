import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import { bindingDeclarations } from '../../src/project/binding-types.ts';

const keyspace = (bucket: string) => ({
  bucket_name: bucket,
  scope_name: '_default',
  collection_name: '_default',
});

const { definition } = parseDefinition({
  appname: 'typed',
  appcode: '// typed',
  depcfg: {
    source_bucket: 'src',
    metadata_bucket: 'meta',
    buckets: [
      { alias: 'dst', ...keyspace('dst'), access: 'rw' },
      { alias: 'lookup', ...keyspace('ref'), access: 'r' },
    ],
    curl: [
      {
        hostname: 'https://api.example.com',
        value: 'api',
        auth_type: 'no-auth',
        allow_cookies: false,
        validate_ssl_certificate: true,
      },
    ],
    constants: [
      { value: 'LIMITS', literal: '{"max": 3, "tags": ["a", 1], "on": true, "none": null}' },
      { value: 'GREETING', literal: '"hello */ there"' },
      { value: 'DOUBLE', literal: '(x) => x * 2' },
    ],
  },
});

describe('bindingDeclarations', () => {
  const text = bindingDeclarations(definition);

  it('declares bucket bindings by their access', () => {
    expect(text).toContain('declare const dst: EventingBucketBinding;');
    expect(text).toContain('declare const lookup: EventingReadonlyBucketBinding;');
    expect(text).toContain('/** Read-only: ref._default._default */');
  });

  it('declares URL bindings', () => {
    expect(text).toContain('declare const api: EventingUrlBinding;');
  });

  it('types JSON constants by their value, and anything else as any', () => {
    expect(text).toContain(
      'declare const LIMITS: { "max": number; "tags": Array<string | number>; "on": boolean; "none": null; [key: string]: number | Array<string | number> | boolean | null | undefined };',
    );
    expect(text).toContain('declare const GREETING: string;');
    expect(text).toContain('declare const DOUBLE: any;');
  });

  it('keeps a constant from closing its doc comment early', () => {
    expect(text).toContain('/** "hello * / there" */');
  });

  it('refers to the Eventing globals of the package', () => {
    expect(text).toContain('/// <reference types="eventing-dev/types" />');
  });
});
