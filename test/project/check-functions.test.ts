import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFunctions } from '../../src/project/check-functions.ts';

// The project's other functions count for the recursion rules of a function checked alone,
// as watch checks each save.

function folder(root: string, name: string, source: string, target: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'handler.js'), 'function OnUpdate(doc, meta) { dst[meta.id] = doc; }\n');
  writeFileSync(
    join(dir, 'function.json'),
    JSON.stringify({
      appname: name,
      depcfg: {
        source_bucket: source,
        metadata_bucket: 'meta',
        buckets: [{ alias: 'dst', bucket_name: target, access: 'rw' }],
      },
      settings: {},
    }),
  );
  return dir;
}

describe('checkFunctions alongside the rest of the project', () => {
  it('finds a write cycle through a function that is not itself checked', async () => {
    const root = mkdtempSync(join(tmpdir(), 'eventing-dev-alongside-'));
    const a = folder(root, 'a', 'one', 'two');
    const b = folder(root, 'b', 'two', 'one');
    const c = folder(root, 'c', 'three', 'four');
    const alone = await checkFunctions([a]);
    expect(alone.ok).toBe(true);
    const together = await checkFunctions([a], { alongside: [a, b, c] });
    expect(together.ok).toBe(false);
    expect(together.functions.map((check) => check.function)).toEqual(['a']);
    expect(together.recursion).toEqual([
      expect.objectContaining({ kind: 'inter_bucket_recursion', functions: ['a', 'b'] }),
    ]);
    // A cycle among the others only is theirs to report, not this function's.
    expect((await checkFunctions([c], { alongside: [a, b] })).ok).toBe(true);
  });
});
