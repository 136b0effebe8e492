import { describe, expect, it } from 'vitest';
import { reexecWithIsolateFlags } from '../../src/cli/isolate-flags.ts';

describe('re-executing the CLI with the isolate flags', () => {
  it('is not needed by commands that create no isolates', () => {
    expect(reexecWithIsolateFlags(['node', 'eventing-dev', '--version'])).toBeUndefined();
    expect(reexecWithIsolateFlags(['node', 'eventing-dev', 'help'])).toBeUndefined();
  });

  it('is not needed when the process already has the flags (this test worker has them)', () => {
    expect(reexecWithIsolateFlags(['node', 'eventing-dev', 'check', 'x.json'])).toBeUndefined();
  });
});
