import type { WaitProgress } from '../../client/wait-for-status.ts';
import type { CommandContext } from '../command-context.ts';

// The progress indicator of lifecycle waits, on standard error so that standard output stays
// data. On a terminal one line is redrawn in place (spinner, state, seconds); elsewhere (CI
// logs, pipes) each change of state is one line.

const FRAMES = ['|', '/', '-', '\\'];

/** Draws a wait's progress; `clear()` removes the line before the command prints its result. */
export interface Progress {
  update(progress: WaitProgress): void;
  clear(): void;
}

/** A progress indicator for `context`; silent with `--json` unless standard error is a terminal. */
export function createProgress(context: CommandContext, json: boolean): Progress {
  const write = context.io.err;
  if (context.interactive) {
    let drawn = false;
    return {
      update(p) {
        const frame = FRAMES[p.polls % FRAMES.length];
        const seconds = (p.elapsedMs / 1000).toFixed(1);
        write(`\r\x1b[2K${frame} ${p.name}: ${p.status}, waiting for ${p.target} (${seconds} s)`);
        drawn = true;
      },
      clear() {
        if (drawn) write('\r\x1b[2K');
        drawn = false;
      },
    };
  }
  if (json) return { update() {}, clear() {} };
  let last = '';
  return {
    update(p) {
      if (p.status === last || p.status === p.target) return;
      last = p.status;
      write(`${p.name}: ${p.status}…\n`);
    },
    clear() {
      last = '';
    },
  };
}
