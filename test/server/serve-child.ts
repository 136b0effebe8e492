// A child process running `eventing-dev serve` from the sources, so that a test can kill it
// with SIGKILL: node <SERVE_NODE_FLAGS> test/server/serve-child.ts --port 0 --data-dir <dir>
import { main } from '../../src/cli/main.ts';

await main(['node', 'eventing-dev', 'serve', ...process.argv.slice(2)]);
