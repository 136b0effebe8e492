// npm run bench: every benchmark of the project, one after another, figures to stdout.
import { deployTimes } from './deploy-time.ts';
import { emulatorThroughput, plainThroughput } from './onupdate-throughput.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  console.log(`eventing-dev benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  plainThroughput(); // warm-up
  const plain = plainThroughput();
  const sync = await emulatorThroughput('sync');
  const isolated = await emulatorThroughput();
  const asyncEntry = await emulatorThroughput('async');
  console.log('\nOnUpdate throughput, 100 000 mutations (read doc, write to a bucket binding)');
  console.log(`  plain JavaScript, same process     ${fmt(plain)} mutations/s`);
  console.log(
    `  emulator (isolate, chosen entry)   ${fmt(isolated)} mutations/s  (${((isolated / plain) * 100).toFixed(0)} % of plain)`,
  );
  console.log(`  emulator, synchronous entry        ${fmt(sync)} mutations/s`);
  console.log(`  emulator, asynchronous entry       ${fmt(asyncEntry)} mutations/s`);
  const deploy = await deployTimes();
  console.log('\nDeploy of a small function (fresh emulator each time)');
  console.log(
    `  median ${deploy.median.toFixed(2)} ms, p90 ${deploy.p90.toFixed(2)} ms, min ${deploy.min.toFixed(2)} ms`,
  );
}

await main();
