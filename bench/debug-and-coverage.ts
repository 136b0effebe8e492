import {
  disableInspector,
  enableInspector,
} from '../src/runtime/isolate/inspector/inspector-hub.ts';
import { backfillThroughput } from './onupdate-throughput.ts';
import { coldTestRuns } from './testing-speed.ts';

// What debugging and coverage cost: `eventing-dev test --coverage` against a plain run of the
// basic template (alternated, so both see the same machine), and OnUpdate throughput with the
// handler isolates open to debuggers but none attached, against the same without.

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function median(measure: () => Promise<number>): Promise<number> {
  await measure();
  const runs = [await measure(), await measure(), await measure()].sort((a, b) => a - b);
  return runs[1] as number;
}

export async function debugAndCoverageReport(): Promise<string> {
  const plain: number[] = [];
  const covered: number[] = [];
  for (let i = 0; i < 5; i++) {
    plain.push(coldTestRuns(1).median);
    covered.push(coldTestRuns(1, ['--coverage']).median);
  }
  const mid = (samples: number[]) => [...samples].sort((a, b) => a - b)[2] as number;
  const without = await median(() => backfillThroughput());
  enableInspector();
  const open = await median(() => backfillThroughput());
  disableInspector();
  return [
    '\nDebugging and coverage of handler code',
    `  eventing-dev test, basic template, cold: ${(mid(plain) / 1000).toFixed(2)} s; with --coverage ${(mid(covered) / 1000).toFixed(2)} s (${(mid(covered) / mid(plain)).toFixed(2)}×)`,
    `  OnUpdate, isolates open to debuggers, none attached: ${fmt(open)} mutations/s (${((open / without) * 100).toFixed(0)} % of ${fmt(without)} without)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await debugAndCoverageReport());
