import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeDetail } from '../../client/eventing-api-error.ts';
import { formatLocation } from '../../client/function-location.ts';
import { EventingDevError } from '../../errors.ts';
import type { CommandContext } from '../command-context.ts';
import type { ConnectionFlags } from '../connection/cluster-connection.ts';
import { withCodeFrame } from '../connection/explain-error.ts';
import {
  type JsonFlag,
  locationOf,
  type ScopeFlags,
  scopeOption,
  withClient,
} from '../connection/with-client.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { toJson } from '../output/table.ts';
import { readUserFile } from '../read-user-file.ts';

// `eventing-dev appcode get|set <fn> [file]`: the function's JavaScript as it is, through
// /api/v1/functions/{name}/appcode (raw text both ways, never JSON-escaped).

type Flags = ConnectionFlags & ScopeFlags & JsonFlag;

/** Where `appcode set` reads from when no file is given: standard input. */
export type ReadInput = () => Promise<string>;

/** `appcode get <fn> [file]`: to standard output, or into `file`. */
export async function appcodeGetCommand(
  name: string,
  file: string | undefined,
  flags: Flags,
  context: CommandContext,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const appcode = await client.getAppcode(location.name, scopeOption(location));
      const where = formatLocation(location);
      if (file) {
        await writeFile(resolve(context.cwd, file), appcode);
        context.io.out(
          flags.json
            ? toJson({ name: where, file, bytes: Buffer.byteLength(appcode) })
            : `Wrote the appcode of ${where} to ${file} (${Buffer.byteLength(appcode)} bytes)\n`,
        );
      } else {
        context.io.out(flags.json ? toJson({ name: where, appcode }) : appcode);
      }
      return EXIT.ok;
    },
    name,
  );
}

/** `appcode set <fn> [file]`: from `file`, or standard input when it is absent or `-`. */
export async function appcodeSetCommand(
  name: string,
  file: string | undefined,
  flags: Flags,
  context: CommandContext,
  readStdin: ReadInput = readStandardInput,
): Promise<ExitCode> {
  return withClient(
    context,
    flags,
    async (client) => {
      const location = locationOf(name, flags);
      const appcode =
        file === undefined || file === '-' ? await readStdin() : await readCode(context, file);
      if (appcode.trim() === '') {
        throw new EventingDevError('CONFIG_INVALID', 'The appcode is empty', {
          hint: 'Give the handler file: eventing-dev appcode set <fn> handler.js',
        });
      }
      const answer = await client
        .setAppcode(location.name, appcode, scopeOption(location))
        .catch((error: unknown) => {
          throw withCodeFrame(error, appcode, file === undefined || file === '-' ? 'stdin' : file);
        });
      const where = formatLocation(location);
      const warning = describeDetail(answer.warning_info);
      if (flags.json) {
        const bytes = Buffer.byteLength(appcode);
        context.io.out(
          toJson({
            name: where,
            bytes,
            info: answer.info ?? null,
            warnings: answer.warning_info ?? null,
          }),
        );
      } else {
        context.io.out(`Stored the appcode of ${where} (${Buffer.byteLength(appcode)} bytes)\n`);
        if (warning) context.io.err(`warning: ${warning}\n`);
      }
      return EXIT.ok;
    },
    name,
  );
}

async function readCode(context: CommandContext, file: string): Promise<string> {
  // A missing file, a folder or a permission problem is reported as such, in one line.
  return readUserFile(context.cwd, file);
}

async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new EventingDevError(
      'CONFIG_INVALID',
      'No appcode file given and standard input is a terminal',
      {
        hint: 'Give the file: eventing-dev appcode set <fn> handler.js (or pipe the code in).',
      },
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
