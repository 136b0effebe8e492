import { describe, expect, it } from 'vitest';
import {
  hasIsolateNodeFlags,
  ISOLATE_NODE_FLAGS,
} from '../../../src/runtime/isolate/node-flags.ts';

describe('Node flags for isolates', () => {
  it('are passed to this test worker by the vitest configuration', () => {
    for (const flag of ISOLATE_NODE_FLAGS) expect(process.execArgv).toContain(flag);
  });

  it('include --no-node-snapshot, which isolated-vm requires on Node >= 20', () => {
    expect(ISOLATE_NODE_FLAGS).toContain('--no-node-snapshot');
  });

  it('count when given on the command line or in NODE_OPTIONS', () => {
    expect(hasIsolateNodeFlags(['--no-node-snapshot'], '')).toBe(true);
    expect(hasIsolateNodeFlags([], '--max-old-space-size=100 --no-node-snapshot')).toBe(true);
    expect(hasIsolateNodeFlags(['--inspect'], '--trace-warnings')).toBe(false);
  });
});
