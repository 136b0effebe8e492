import { describe, expect, it } from 'vitest';
import { eventingMatchers } from '../../src/testing/index.ts';
import { assertionFailure as failure } from '../helpers/assertion-failure.ts';
import { deployed } from '../helpers/emulator.ts';

expect.extend(eventingMatchers);

const COPY = `function OnUpdate(doc, meta) { dst[meta.id] = doc; log('copied', meta.id); }`;
const SPEC = {
  name: 'copy',
  source: 'bulk.data.source',
  buckets: { dst: 'bulk.data.target', lookup: { keyspace: 'ref', access: 'r' as const } },
  urls: { api: 'https://api.example.com' },
  constants: { LIMIT: '10' },
};

describe('when a function received no events', () => {
  it('says so in a failed expectation about the function, with what it listens to', async () => {
    const { em, fn } = await deployed(COPY, SPEC);
    await em.upsert('source', 'a', {});
    const listens =
      'copy (deployed) listens to bulk.data.source; bindings: dst → bulk.data.target (read-write), lookup → ref._default._default (read-only), api → https://api.example.com (URL), LIMIT = 10 (constant)';
    expect(failure(() => expect(fn).toHaveLogged('copied a'))).toBe(
      `expected the log of copy to contain "copied a"; it has:\n  (nothing)\n\ncopy received no events. Did the test write to its source keyspace?\n  ${listens}`,
    );
    expect(failure(() => expect(fn).toHaveStat('on_update_success', 1))).toContain(
      `copy received no events. Did the test write to its source keyspace?\n  ${listens}`,
    );
    expect(failure(() => expect(em).toHaveDocument('bulk.data.target', 'a'))).toContain(
      `No function received an event. Did the test write to their source keyspaces?\n  ${listens}`,
    );
  });

  it('adds nothing once the function has received an event', async () => {
    const { em, fn } = await deployed(COPY, SPEC);
    await em.upsert('bulk.data.source', 'a', {});
    expect(failure(() => expect(fn).toHaveLogged('copied b'))).not.toContain('no events');
    expect(failure(() => expect(em).toHaveDocument('bulk.data.target', 'b'))).not.toContain(
      'No function received',
    );
  });
});
