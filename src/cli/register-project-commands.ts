import { type Command, Option } from 'commander';
import type { TestOptions } from './commands/test.ts';
import type { CliIo } from './program.ts';

// The commands of a function project that work without a cluster: test, init, pack, unpack
// and types. Each command's module is imported when it runs.

export function registerProjectCommands(
  program: Command,
  io: CliIo,
  vitestArgs: readonly string[],
): void {
  program
    .command('test')
    .description("run the project's function tests with vitest, offline, in real V8 isolates")
    .argument('[paths...]', 'only test files whose path contains one of these')
    .option('--watch', 'rerun the tests when files change')
    .addOption(
      new Option('--reporter <name>', 'how to report')
        .choices(['default', 'junit', 'json'])
        .default('default'),
    )
    .option('--output-file <file>', 'write the junit or json report here instead of to stdout')
    .addHelpText('after', '\nArguments after -- go to vitest, e.g. eventing-dev test -- --bail 1')
    .action(async (paths: string[], options: TestOptions) => {
      const { testCommand } = await import('./commands/test.ts');
      io.exit(await testCommand(paths, options, [...vitestArgs]));
    });

  program
    .command('init')
    .description('create a function project, or add a function to one, from a template')
    .argument('[dir]', 'the project folder', '.')
    .option('--template <name>', 'basic, enrich, timer, curl or cascade-delete', 'basic')
    .option('--name <fn>', 'the function name (default: the template name)')
    .action(async (dir: string, options: { template: string; name?: string }) => {
      const { initCommand } = await import('./commands/init.ts');
      io.exit(await initCommand(dir, options, io));
    });

  program
    .command('pack')
    .description(
      'write the single-file definition of a function folder, as the REST API and web UI import it',
    )
    .argument('<function>', 'a function of the project, or the path of a function folder')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (name: string, options: { output?: string }) => {
      const { packCommand } = await import('./commands/pack.ts');
      io.exit(await packCommand(name, options, io));
    });

  program
    .command('unpack')
    .description('split an exported definition file (one or many functions) into function folders')
    .argument('<export>', 'a file written by the web UI, GET /api/v1/export or eventing-dev pack')
    .option('--force', 'overwrite function folders that exist')
    .action(async (file: string, options: { force?: boolean }) => {
      const { unpackCommand } = await import('./commands/pack.ts');
      io.exit(await unpackCommand(file, options, io));
    });

  program
    .command('types')
    .description("write TypeScript declarations of a function's bindings next to its handler")
    .argument('[functions...]', 'functions of the project (default: all)')
    .action(async (names: string[]) => {
      const { typesCommand } = await import('./commands/types.ts');
      io.exit(await typesCommand(names, io));
    });
}
