// Loaded by the vitest preset in every test file's worker: when `eventing-dev test --inspect`
// runs, opens the worker's handler isolates to debuggers (once per worker), and with
// `--inspect-brk` holds the tests until a debugger has attached and said to run.
import { beforeAll } from 'vitest';
import { enableInspector } from '../runtime/isolate/inspector/inspector-hub.ts';
import {
  describeInspector,
  type InspectorAddress,
  startInspectorServer,
} from '../server/inspector/inspector-server.ts';
import { INSPECT_VARIABLE } from './inspect-options.ts';

const wanted = process.env[INSPECT_VARIABLE];
const started = Symbol.for('eventing-dev.inspector-started');
const worker = globalThis as { [started]?: true };

if (wanted) {
  const { address, wait } = JSON.parse(wanted) as { address: InspectorAddress; wait: boolean };
  beforeAll(async () => {
    if (!worker[started]) {
      worker[started] = true;
      const server = await startInspectorServer(address);
      process.stderr.write(describeInspector(server));
    }
    if (wait) await enableInspector().waitForDebugger();
  }, 0);
}
