#!/usr/bin/env node
import checks from '../scripts/check-node.cjs';

// Said before the CLI loads: on an older Node its modules would fail with less helpful errors.
const problem = checks.nodeProblem(process.version);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  const { main } = await import('../dist/cli/main.js');
  await main(process.argv);
}
