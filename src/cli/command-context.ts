import type { EventingClientOptions } from '../client/function-routes.ts';
import type { ExitCode } from './exit-codes.ts';

/** Where commands print and how they report their exit code. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  exit: (code: ExitCode) => void;
}

/** How a command asks a yes/no question; absent when nobody can answer. */
export type Confirm = (question: string) => Promise<boolean>;

/**
 * What every command receives: where it prints, the environment and folder it works in (the
 * project is the one of `cwd`), and what the client to a cluster is made of. The CLI passes
 * the process's; tests pass their own and run commands in process.
 */
export interface CommandContext {
  io: CliIo;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Standard error is a terminal: progress is drawn in place, colours are allowed. */
  interactive: boolean;
  /** Standard output is a terminal: test runs may print in colour there. */
  colors?: boolean;
  /** Waits between polls of `logs --follow` and of status waits (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
  /** Ends long-running commands (the CLI aborts it on Ctrl-C). */
  signal?: AbortSignal;
  /** Extra client options: a MockAgent dispatcher in tests. */
  client?: Partial<EventingClientOptions>;
  /** Asks before a command changes a cluster (promote); absent without a terminal. */
  confirm?: Confirm;
}

/** A command as the program runs it: given the context, it answers with an exit code. */
export type CommandRun = (context: CommandContext) => Promise<ExitCode>;

/** Runs a command with a fresh context and reports its exit code. */
export type Runner = (command: CommandRun, options?: { cancellable?: boolean }) => Promise<void>;
