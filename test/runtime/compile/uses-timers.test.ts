import { describe, expect, it } from 'vitest';
import { usesTimers } from '../../../src/runtime/compile/uses-timers.ts';

const inHandler = (body: string) => `function OnUpdate(doc, meta) {\n  ${body}\n}`;

describe('usesTimers', () => {
  it.each([
    ['a direct call', 'createTimer(cb, when, meta.id);'],
    ['spaces before the parenthesis', 'createTimer  (cb, when, meta.id);'],
    ['a line break before the parenthesis', 'createTimer\n\t(cb, when, meta.id);'],
    ['a member call (no word boundary on the server)', 'timers.createTimer(cb);'],
    ['a longer name ending in createTimer', 'mycreateTimer(cb);'],
  ])('is true for %s', (_what, body) => {
    expect(usesTimers(inHandler(body))).toBe(true);
  });

  it.each([
    ['no timer at all', 'log(doc);'],
    ['a call in a line comment', '// createTimer(cb, when, meta.id);'],
    ['a call in a block comment', '/* createTimer(cb) */'],
    ['a call in a string', "log('createTimer(cb)');"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: handler source text, not a template
    ['a call in a template expression', 'log(`${createTimer(cb, when, meta.id)}`);'],
    ['an alias without a call', 'var t = createTimer; t(cb, when, meta.id);'],
    ['a call with a non-ASCII space, not [[:space:]] in Go', 'createTimer\u00a0(cb);'],
    ['an escaped name', 'create\\u0054imer(cb);'],
  ])('is false for %s', (_what, body) => {
    expect(usesTimers(inHandler(body))).toBe(false);
  });
});
