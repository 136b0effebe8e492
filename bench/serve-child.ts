// The local service in a process of its own for the serve benchmarks, so that the client's work
// does not share the server's event loop: prints `listening on <url>`, stops on SIGTERM.
// node --no-node-snapshot --memory-saver-mode bench/serve-child.ts [dataDir] (serve's flags)
import { startLocalService } from '../src/server/serve.ts';

const dataDir = process.argv[2];
const running = await startLocalService({
  port: 0,
  transitionMs: 10,
  ...(dataDir ? { dataDir } : {}),
});
process.stdout.write(`listening on ${running.url}\n`);
process.once('SIGTERM', () => void running.close());
