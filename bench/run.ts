// npm run bench: every benchmark of the project, one after another, figures to stdout. Each
// throughput figure is the median of three runs after a warm-up run.

import { appLogMemory } from './app-log-memory.ts';
import { curlThroughput, queryThroughput } from './curl-and-query.ts';
import { deployTimes } from './deploy-time.ts';
import { backfillThroughput, plainThroughput, upsertThroughput } from './onupdate-throughput.ts';
import { promoteTimes } from './promote.ts';
import { limitQueryMillis } from './query-limit.ts';
import {
  putThroughput,
  queryThroughput as queryServiceThroughput,
  statusLatency,
  statusLatencyWhileLooping,
} from './serve-http.ts';
import { coldTestRuns, freshEmulatorProperty } from './testing-speed.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function median(measure: () => number | Promise<number>): Promise<number> {
  await measure();
  const runs = [await measure(), await measure(), await measure()].sort((a, b) => a - b);
  return runs[1] as number;
}

async function main(): Promise<void> {
  console.log(`eventing-dev benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  const plain = await median(plainThroughput);
  const isolated = await median(() => backfillThroughput());
  const asyncEntry = await median(() => backfillThroughput('async'));
  const viaUpsert = await median(upsertThroughput);
  const share = ((isolated / plain) * 100).toFixed(0);
  console.log(
    '\nOnUpdate throughput, 100 000 mutations (handler reads its doc, writes it to a bucket binding)',
  );
  console.log(`  plain JavaScript, same process and store   ${fmt(plain)} mutations/s`);
  console.log(
    `  emulator, handler in its isolate           ${fmt(isolated)} mutations/s  (${share} % of plain)`,
  );
  console.log(`  emulator, isolate entered asynchronously   ${fmt(asyncEntry)} mutations/s`);
  console.log(
    `  emulator, 100 000 concurrent em.upsert     ${fmt(viaUpsert)} mutations/s  (test API included)`,
  );
  console.log('\nHandlers that call out once per mutation');
  console.log(`  one mocked curl() GET        ${fmt(await median(curlThroughput))} mutations/s`);
  console.log(`  one SQL++ SELECT by key      ${fmt(await median(queryThroughput))} mutations/s`);
  for (const documents of [1_000, 100_000]) {
    const ms = await median(() => limitQueryMillis(documents));
    console.log(
      `  SELECT * FROM ks LIMIT 2, ${fmt(documents)} documents in ks   ${ms.toFixed(3)} ms/mutation`,
    );
  }
  console.log('\neventing-dev serve over loopback HTTP (service in its own process)');
  const status = await statusLatency();
  console.log(
    `  GET /api/v1/status, 50 deployed functions   p50 ${status.p50.toFixed(2)} ms, p99 ${status.p99.toFixed(2)} ms`,
  );
  const looping = await statusLatencyWhileLooping();
  console.log(
    `  GET /api/v1/status, an OnUpdate looping forever   p50 ${looping.p50.toFixed(2)} ms, p99 ${looping.p99.toFixed(2)} ms`,
  );
  console.log(
    `  Data API PUTs, trivial OnUpdate, 32 in flight  ${fmt(await median(putThroughput))} /s`,
  );
  const small = await median(() => putThroughput(1_000));
  const large = await median(() => putThroughput(100_000));
  console.log(`  the same with --data-dir, 1 000 stored         ${fmt(small)} /s`);
  console.log(
    `  the same with --data-dir, 100 000 stored       ${fmt(large)} /s  (${((large / small) * 100).toFixed(0)} % of 1 000)`,
  );
  console.log(
    `  POST /query/service, SELECT by key, 32 in flight  ${fmt(await median(queryServiceThroughput))} /s`,
  );
  const loud = await appLogMemory();
  console.log(
    `  RSS after 12 functions x 100 log lines of 10 MB  ${loud.now.toFixed(0)} MiB (peak ${loud.peak.toFixed(0)} MiB), status then ${loud.statusMs.toFixed(1)} ms (${loud.deployed} deployed)`,
  );
  console.log('\neventing-dev test');
  const cold = coldTestRuns();
  console.log(
    `  basic template, cold, wall (5 fresh projects)   median ${(cold.median / 1000).toFixed(2)} s, max ${(cold.max / 1000).toFixed(2)} s`,
  );
  await freshEmulatorProperty(50);
  console.log(
    `  property of 1 000 runs, fresh emulator + deploy each   ${(await freshEmulatorProperty()).toFixed(2)} s`,
  );
  console.log('\neventing-dev promote of one new function to serve (1 ms transitions)');
  const promote = await promoteTimes();
  console.log(
    `  the command's own work          median ${promote.inProcess.median.toFixed(0)} ms, p90 ${promote.inProcess.p90.toFixed(0)} ms`,
  );
  console.log(
    `  the bin, spawn to exit          median ${promote.viaBin.median.toFixed(0)} ms, p90 ${promote.viaBin.p90.toFixed(0)} ms (two Node starts, one without its snapshot)`,
  );
  console.log('\nDeploy of a small function on a fresh emulator');
  for (const mode of ['warm', 'cold'] as const) {
    const t = await deployTimes(mode);
    console.log(
      `  ${mode}: median ${t.median.toFixed(2)} ms, p90 ${t.p90.toFixed(2)} ms, min ${t.min.toFixed(2)} ms`,
    );
  }
  console.log(await (await import('./cli-list.ts')).cliListReport());
  console.log(await (await import('./watch-latency.ts')).watchLatencyReport());
  console.log(await (await import('./debug-and-coverage.ts')).debugAndCoverageReport());
}

await main();
