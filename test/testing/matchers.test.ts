import { describe, expect, it } from 'vitest';
import { eventingMatchers } from '../../src/testing/index.ts';
import { assertionFailure } from '../helpers/assertion-failure.ts';
import { deployed } from '../helpers/emulator.ts';

expect.extend(eventingMatchers);

const COPY_AND_LOG = `
function OnUpdate(doc, meta) {
  dst[meta.id] = doc;
  log('copied', meta.id, { size: Object.keys(doc).length });
}`;

const failure = assertionFailure;

describe('toHaveDocument', () => {
  it('passes for a document that is there, and for one that contains the fields asked for', async () => {
    const { em } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', { name: 'Ada', address: { city: 'London', zip: 'N1' } });
    expect(em).toHaveDocument('dst', 'a');
    expect(em).toHaveDocument('dst', 'a', { address: { city: 'London' } });
    expect(em).not.toHaveDocument('dst', 'b');
    expect(em).not.toHaveDocument('dst', 'a', { name: 'Bob' });
  });

  it('says which keys the keyspace has when the document is missing', async () => {
    const { em } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', {});
    expect(failure(() => expect(em).toHaveDocument('dst', 'z'))).toBe(
      'expected dst to hold a document z, but it does not (keys: a)',
    );
  });

  it('shows the document when its fields differ', async () => {
    const { em } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', { name: 'Ada' });
    const message = failure(() => expect(em).toHaveDocument('dst', 'a', { name: 'Bob' }));
    expect(message).toContain('expected dst a to be a document containing');
    expect(message).toContain('"Bob"');
    expect(message).toContain('"Ada"');
  });

  it('compares arrays and scalars exactly', async () => {
    const { em } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', { tags: ['x', 'y'] });
    expect(em).not.toHaveDocument('dst', 'a', { tags: ['x'] });
    expect(em).toHaveDocument('dst', 'a', { tags: ['x', 'y'] });
  });
});

describe('toHaveLogged', () => {
  it('finds text as written and with its strings unquoted, or a pattern', async () => {
    const { em, fn } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', { x: 1 });
    expect(fn).toHaveLogged('"copied" "a"');
    expect(fn).toHaveLogged('copied a {"size":1}');
    expect(fn).toHaveLogged(/copied a \{"size":\d\}/);
    expect(fn).not.toHaveLogged('deleted');
  });

  it('unquotes strings with spaces and quotes in them, but not strings inside objects', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) { log('deleted everything of', meta.id, 'say "hi" {', { a: 'b c' }, ['d e']); }`,
    );
    await em.upsert('src', 'c1', {});
    expect(fn).toHaveLogged('deleted everything of c1 say "hi" { {"a":"b c"} ["d e"]');
  });

  it('lists the log when the line is not there', async () => {
    const { em, fn } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', {});
    expect(failure(() => expect(fn).toHaveLogged('removed a'))).toBe(
      `expected the log of fn to contain "removed a"; it has:\n  "copied" "a" {"size":0} `,
    );
  });
});

describe('toHaveStat', () => {
  it('reads counters by name and any statistic by path', async () => {
    const { em, fn } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', {});
    await em.upsert('src', 'b', {});
    expect(fn).toHaveStat('on_update_success', 2);
    expect(fn).toHaveStat('timeout_count', 0);
    expect(fn).toHaveStat('execution_stats.on_update_success', 2);
    expect(fn).not.toHaveStat('on_update_success', 1);
  });

  it('says what the value was, or that there is no such statistic', async () => {
    const { em, fn } = await deployed(COPY_AND_LOG);
    await em.upsert('src', 'a', {});
    expect(failure(() => expect(fn).toHaveStat('on_update_success', 3))).toBe(
      'expected on_update_success of fn to be 3, got 1',
    );
    expect(failure(() => expect(fn).toHaveStat('on_updat_success', 1))).toBe(
      'fn has no statistic on_updat_success',
    );
  });
});
