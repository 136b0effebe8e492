import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/parse-definition.ts';
import { bareDefinition } from './spec-example.ts';

const NAME_RULE =
  'Function name can only start with characters in range A-Z, a-z, 0-9 and can only contain characters in range A-Z, a-z, 0-9, underscore and hyphen';

function problemsOf(input: unknown) {
  const result = validateDefinition(input);
  if (result.ok) throw new Error('expected the definition to be invalid');
  return result.problems;
}

function withField(key: string, value: unknown) {
  return { ...bareDefinition(), [key]: value };
}

describe('input forms', () => {
  it('reports a JSON syntax error at (json) with the parser message', () => {
    let parserMessage = '';
    try {
      JSON.parse('{"appname":');
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(problemsOf('{"appname":')).toEqual([{ path: '(json)', message: parserMessage }]);
  });

  it('tells the user to deploy the functions of a longer export one at a time', () => {
    expect(problemsOf([bareDefinition(), bareDefinition()])).toEqual([
      {
        path: '(root)',
        message: 'expected one function definition, got an array of 2; deploy them one at a time',
      },
    ]);
  });

  it('rejects an empty array', () => {
    expect(problemsOf([])).toEqual([
      { path: '(root)', message: 'expected one function definition, got an empty array' },
    ]);
  });

  it.each([null, 42, '"text"', ['x']])('rejects %j, which is not a definition object', (input) => {
    expect(problemsOf(input)).toEqual([
      { path: '(root)', message: 'must be a function definition object' },
    ]);
  });
});

describe('appname and appcode', () => {
  it.each(['fn1', '1fn', 'A-b_c', 'x'.repeat(100)])('accepts appname %s', (appname) => {
    expect(validateDefinition(withField('appname', appname)).ok).toBe(true);
  });

  it.each([
    ['-fn', NAME_RULE],
    ['_fn', NAME_RULE],
    ['fn.1', NAME_RULE],
    ['fn 1', NAME_RULE],
    ['x'.repeat(101), 'Function name length must be less than 100'],
    ['.'.repeat(101), 'Function name length must be less than 100'],
    ['', 'must not be empty'],
    [7, 'must be a string'],
  ])('rejects appname %j: %s', (appname, message) => {
    expect(problemsOf(withField('appname', appname))).toEqual([{ path: 'appname', message }]);
  });

  it.each([
    ['', 'must not be empty'],
    [null, 'must be a string'],
  ])('rejects appcode %j: %s', (appcode, message) => {
    expect(problemsOf(withField('appcode', appcode))).toEqual([{ path: 'appcode', message }]);
  });
});

describe('function_scope and server-owned fields', () => {
  it.each([
    [{ bucket: '', scope: 's' }, 'function_scope.bucket', 'must not be empty'],
    [{ bucket: 'b' }, 'function_scope.scope', 'is required'],
    ['*', 'function_scope', 'must be an object'],
  ])('rejects function_scope %j', (scope, path, message) => {
    expect(problemsOf(withField('function_scope', scope))).toEqual([{ path, message }]);
  });

  it.each([
    ['version', 7, 'must be a string'],
    ['enforce_schema', 'false', 'must be a boolean'],
    ['handleruuid', -1, 'must be an unsigned 32-bit integer'],
    ['handleruuid', 4294967296, 'must be an unsigned 32-bit integer'],
    ['handleruuid', 1.5, 'must be an unsigned 32-bit integer'],
    ['function_instance_id', 5, 'must be a string'],
  ])('rejects %s %j', (key, value, message) => {
    expect(problemsOf(withField(key, value))).toEqual([{ path: key, message }]);
  });

  it('reports problems from settings at settings paths', () => {
    expect(problemsOf(withField('settings', { execution_timeout: 0 }))).toEqual([
      { path: 'settings.execution_timeout', message: 'value should be greater than or equal to 1' },
    ]);
  });
});
