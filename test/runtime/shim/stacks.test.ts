import { describe, expect, it } from 'vitest';
import { deployed, logged } from '../../helpers/emulator.ts';

// The server calls handlers from C++, so every stack a handler or its app log sees ends at the
// handler's own frames; eventing-dev's dispatch loop must not show (spec runtime §2.4).

describe('stacks seen by handler code', () => {
  it('end at the handler, with no frames of eventing-dev', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  helper();
}
function helper() {
  log(new Error('where').stack);
}`);
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      `${JSON.stringify('Error: where\n    at helper (fn.js:5:7)\n    at OnUpdate (fn.js:2:3)')} `,
    ]);
  });

  it('end at the handler for timer callbacks and Eventing errors too', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  createTimer(Later, new Date(Date.now() + 1000), 'r', {});
}
function Later(context) {
  log(new KVError('x').stack);
}`);
    await em.upsert('src', 'k', {});
    await em.advance('1s');
    expect(logged(fn)).toEqual([`${JSON.stringify('Error\n    at Later (fn.js:5:7)')} `]);
  });

  it('leave eventing-dev out of the exception record of the app log', async () => {
    const { em, fn } = await deployed(`function OnUpdate(doc, meta) {
  throw new KVError({ name: 'LCB_ERR_TIMEOUT' });
}`);
    await em.upsert('src', 'k', {});
    expect(fn.logs.join('\n')).not.toContain('eventing-dev');
    const record = JSON.parse(logged(fn)[0] ?? '');
    expect(JSON.parse(record.exception)).toMatchObject({
      message: { name: 'LCB_ERR_TIMEOUT' },
      stack: 'Error\n    at OnUpdate (fn.js:2:9)',
    });
  });
});

describe('a write through a read-only binding', () => {
  it('throws the server’s EventingError: its message, and a stack made at the assignment', async () => {
    const { em, fn } = await deployed(
      `function OnUpdate(doc, meta) {
  try {
    ro[meta.id] = doc;
  } catch (e) {
    log(e instanceof EventingError, String(e), Object.keys(e), e.stack);
  }
}`,
      { buckets: { ro: { keyspace: 'dst', access: 'r' } } },
    );
    await em.upsert('src', 'k', {});
    expect(logged(fn)).toEqual([
      `true "Error: Writing to source bucket is forbidden" ["message","stack"] ${JSON.stringify('Error\n    at OnUpdate (fn.js:3:17)')} `,
    ]);
  });
});
