import { describe, expect, it } from 'vitest';
import { parsePath } from '../../../src/emulator/query/expression-parser.ts';
import type { Scope } from '../../../src/emulator/query/expressions.ts';
import { TokenCursor } from '../../../src/emulator/query/token-cursor.ts';
import { pathSteps, setPath, unsetPath } from '../../../src/emulator/query/update-paths.ts';
import { scopeOf } from './memory-query-store.ts';
import { parseExpr, queryError } from './parse-helpers.ts';

const scope: Scope = scopeOf(
  { alias: 'u', document: { i: 1 }, meta: { id: 'k', cas: '1', expiration: 0, flags: 0 } },
  { field: 'f' },
);
const steps = (text: string) => pathSteps(parsePath(new TokenCursor(text)), 'u', scope);

describe('SET and UNSET paths', () => {
  it.each([
    ['name', ['name']],
    ['u.name', ['name']],
    ['u.address.city', ['address', 'city']],
    ['tags[0]', ['tags', 0]],
    ['u.tags[-1].label', ['tags', -1, 'label']],
    ['u[$field]', ['f']],
    ['u.list[u.i + 1]', ['list', 2]],
    ['other.u', ['other', 'u']],
  ])('%s steps through %j', (text, expected) => {
    expect(steps(text)).toEqual(expected);
  });

  it('has nothing to do for a position that is not a whole number or a name', () => {
    expect(steps('tags[1.5]')).toBeUndefined();
    expect(steps('tags[NULL].x')).toBeUndefined();
  });

  it('refuses the whole document, META() and non-paths', () => {
    expect(queryError(() => steps('u')).unsupported).toBe('SET or UNSET of the whole document');
    expect(queryError(() => steps('META().expiration')).unsupported).toBe(
      'SET or UNSET of META() fields (document expiration)',
    );
    expect(queryError(() => pathSteps(parseExpr('a + 1'), 'u', scope)).code).toBe(3100);
  });
});

describe('setting and unsetting', () => {
  it('sets fields whose parent exists, and nothing under an absent parent', () => {
    const document: Record<string, unknown> = { a: 1, b: {} };
    setPath(document, ['a'], 2);
    setPath(document, ['b', 'c'], true);
    setPath(document, ['x', 'y'], true);
    setPath(document, ['__proto__'], 'safe');
    expect(document).toEqual(JSON.parse('{"a": 2, "b": {"c": true}, "__proto__": "safe"}'));
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
  });

  it('sets a copy, so later changes to the source do not show through', () => {
    const document = { a: { b: 1 } } as Record<string, { b: number }>;
    setPath(document, ['copy'], document.a);
    setPath(document, ['a', 'b'], 2);
    expect(document).toEqual({ a: { b: 2 }, copy: { b: 1 } });
  });

  it('sets array positions inside the array only', () => {
    const document = { list: [1, 2, 3] };
    setPath(document, ['list', 0], 'first');
    setPath(document, ['list', -1], 'last');
    setPath(document, ['list', 9], 'beyond');
    expect(document).toEqual({ list: ['first', 2, 'last'] });
  });

  it('does nothing through a non-object, and removes a field set to MISSING', () => {
    const document = { a: 'text', b: 1 };
    setPath(document, ['a', 'x'], 1);
    setPath(document, ['b'], undefined);
    setPath(document, [], 1);
    expect(document).toEqual({ a: 'text' });
  });

  it('unsets fields and array elements that exist', () => {
    const document = { a: { b: 1, c: 2 }, list: [1, 2, 3] };
    unsetPath(document, ['a', 'b']);
    unsetPath(document, ['list', -1]);
    unsetPath(document, ['list', 7]);
    unsetPath(document, ['missing', 'deep']);
    expect(document).toEqual({ a: { c: 2 }, list: [1, 2] });
  });
});
