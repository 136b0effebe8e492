import { describe, expect, it } from 'vitest';
import { parseDefinition, validateDefinition } from '../../src/definition/parse-definition.ts';
import { DEFAULT_SETTINGS } from '../../src/definition/settings.ts';
import { EventingDevError } from '../../src/errors.ts';
import { bareDefinition, SPEC_EXAMPLE_TEXT, specExample } from './spec-example.ts';

function problemsOf(input: unknown) {
  const result = validateDefinition(input);
  if (result.ok) throw new Error('expected the definition to be invalid');
  return result.problems;
}

describe('parseDefinition: valid definitions', () => {
  it('parses the minimal definition of spec §4.5 and fills the defaults', () => {
    const { definition, warnings } = parseDefinition(specExample());
    expect(warnings).toEqual([]);
    expect(definition).toStrictEqual({
      appname: 'fn1',
      appcode: "function OnUpdate(doc, meta) { log('id', meta.id); }",
      depcfg: {
        source_bucket: 'src',
        source_scope: '_default',
        source_collection: '_default',
        metadata_bucket: 'meta',
        metadata_scope: '_default',
        metadata_collection: '_default',
        buckets: [
          {
            alias: 'dst',
            bucket_name: 'dst',
            scope_name: '_default',
            collection_name: '_default',
            access: 'rw',
          },
        ],
        curl: [
          {
            hostname: 'https://example.com/api',
            value: 'api',
            auth_type: 'basic',
            username: 'u',
            password: 'p',
            bearer_key: '',
            allow_cookies: true,
            validate_ssl_certificate: true,
          },
        ],
        constants: [{ value: 'LIMIT', literal: '100' }],
      },
      settings: { ...DEFAULT_SETTINGS, handler_headers: ["'use strict';"], handler_footers: [] },
      version: 'evt-7.6.0-0000-ee',
      function_scope: { bucket: '*', scope: '*' },
    });
  });

  it('parses JSON text', () => {
    expect(parseDefinition(SPEC_EXAMPLE_TEXT).definition).toEqual(
      parseDefinition(specExample()).definition,
    );
  });

  it('parses the one-element array of the export format, as object or text', () => {
    const expected = parseDefinition(specExample()).definition;
    expect(parseDefinition([specExample()]).definition).toEqual(expected);
    expect(parseDefinition(`[${SPEC_EXAMPLE_TEXT}]`).definition).toEqual(expected);
  });

  it('fills settings, bindings and function_scope when they are missing', () => {
    const { definition } = parseDefinition(bareDefinition());
    expect(definition.settings).toStrictEqual({ ...DEFAULT_SETTINGS });
    expect(definition.depcfg.buckets).toEqual([]);
    expect(definition.function_scope).toEqual({ bucket: '*', scope: '*' });
    expect(definition).not.toHaveProperty('version');
  });

  it('keeps the server-owned fields when given', () => {
    const input = {
      ...bareDefinition(),
      enforce_schema: false,
      handleruuid: 4294967295,
      function_instance_id: 'abc',
      function_scope: { bucket: 'travel', scope: 'inventory' },
    };
    expect(parseDefinition(input).definition).toMatchObject({
      enforce_schema: false,
      handleruuid: 4294967295,
      function_instance_id: 'abc',
      function_scope: { bucket: 'travel', scope: 'inventory' },
    });
  });

  it('ignores unknown top-level keys, as the server does', () => {
    const { definition } = parseDefinition({ ...bareDefinition(), metainfo: {}, owner: 'x' });
    expect(definition).not.toHaveProperty('metainfo');
    expect(definition).not.toHaveProperty('owner');
  });

  it('returns a fresh object and leaves the input untouched', () => {
    const input = specExample();
    const before = structuredClone(input);
    const { definition } = parseDefinition(input);
    expect(input).toEqual(before);
    expect(definition.depcfg).not.toBe(input.depcfg);
    expect(definition.depcfg.buckets[0]).not.toBe(input.depcfg.buckets[0]);
    expect(definition.function_scope).not.toBe(input.function_scope);
  });

  it('returns settings warnings with a valid definition', () => {
    const result = validateDefinition({
      ...bareDefinition(),
      settings: { user_prefix: 'eventing' },
    });
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        {
          path: 'settings.user_prefix',
          message: '7.x-only setting, ignored by Couchbase Server 8.x',
        },
      ],
    });
  });
});

describe('parseDefinition: invalid definitions', () => {
  it('throws DEFINITION_INVALID listing every problem at once', () => {
    const input = specExample();
    input.appname = 'bad name';
    input.depcfg.buckets[0].alias = 'select';
    input.depcfg.curl[0].auth_type = 'oauth';
    input.settings.execution_timeout = 0;
    let caught: unknown;
    try {
      parseDefinition(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventingDevError);
    const error = caught as EventingDevError;
    expect(error.code).toBe('DEFINITION_INVALID');
    expect(error.hint).toBe(
      'Fix each problem listed (paths point into the definition JSON) and try again.',
    );
    expect(error.problems.map((p) => p.path)).toEqual([
      'appname',
      'depcfg.buckets[0].alias',
      'depcfg.curl[0].auth_type',
      'settings.execution_timeout',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Function definition is invalid',
      '  appname: Function name can only start with characters in range A-Z, a-z, 0-9 and can only contain characters in range A-Z, a-z, 0-9, underscore and hyphen',
      '  depcfg.buckets[0].alias: must not be a N1QL reserved word',
      '  depcfg.curl[0].auth_type: Invalid auth type',
      '  settings.execution_timeout: value should be greater than or equal to 1',
    ]);
  });

  it('reports warnings alongside problems', () => {
    const result = validateDefinition({ appname: 'fn1', settings: { foo: 1 } });
    expect(result.warnings).toEqual([
      { path: 'settings.foo', message: 'unknown setting, ignored by Couchbase Server 8.x' },
    ]);
  });

  it('reports every missing required field of an empty object', () => {
    expect(problemsOf({})).toEqual([
      { path: 'appname', message: 'is required' },
      { path: 'appcode', message: 'is required' },
      { path: 'depcfg', message: 'is required' },
    ]);
  });
});
