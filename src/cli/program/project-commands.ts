import { type Command, Option } from 'commander';
import type { Runner } from '../command-context.ts';
import type { CheckCommandOptions } from '../commands/check.ts';
import type { TestOptions } from '../commands/test.ts';

// The commands of a function project that work without a cluster: check, test, init, pack,
// unpack and types. Each command's module is imported when it runs.

export function registerProjectCommands(
  program: Command,
  run: Runner,
  vitestArgs: readonly string[],
): void {
  program
    .command('check')
    .description(
      'validate functions and load their handlers in a real isolate, then check them together for recursion, offline',
    )
    .argument(
      '[function...]',
      "functions of the project, definition .json files as Couchbase exports them, or function folders (default: the project's functions)",
    )
    .option('--json', 'print the results as JSON')
    .option(
      '--allow-interbucket-recursion',
      'do not report write cycles, as on a cluster whose allow_interbucket_recursion is true',
    )
    .action((files: string[], options: CheckCommandOptions) =>
      run(async (context) => {
        const { checkCommand } = await import('../commands/check.ts');
        return checkCommand(files, options, context);
      }),
    );

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
    .option(
      '--coverage',
      'report which lines, branches and functions of each handler.js the tests run (text, lcov and html in coverage/)',
    )
    .option(
      '--inspect [host:port]',
      'let Chrome DevTools or VS Code debug handler code (default 127.0.0.1:9229)',
    )
    .option('--inspect-brk [host:port]', 'as --inspect, and wait for a debugger before testing')
    .addHelpText('after', '\nArguments after -- go to vitest, e.g. eventing-dev test -- --bail 1')
    .action((paths: string[], options: TestOptions) =>
      run(async (context) => {
        const { testCommand } = await import('../commands/test.ts');
        return testCommand(paths, options, [...vitestArgs], context);
      }),
    );

  program
    .command('init')
    .description('create a function project, or add a function to one, from a template')
    .argument('[dir]', 'the project folder', '.')
    .option('--template <name>', 'basic, enrich, timer, curl or cascade-delete', 'basic')
    .option('--name <fn>', 'the function name (default: the template name)')
    .action((dir: string, options: { template: string; name?: string }) =>
      run(async (context) => {
        const { initCommand } = await import('../commands/init.ts');
        return initCommand(dir, options, context);
      }),
    );

  program
    .command('pack')
    .description(
      'write the single-file definition of a function folder, as the REST API and web UI import it',
    )
    .argument('<function>', 'a function of the project, or the path of a function folder')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--force', "replace the -o file if it exists (never the function folder's own files)")
    .action((name: string, options: { output?: string; force?: boolean }) =>
      run(async (context) => {
        const { packCommand } = await import('../commands/pack.ts');
        return packCommand(name, options, context);
      }),
    );

  program
    .command('unpack')
    .description('split an exported definition file (one or many functions) into function folders')
    .argument('<export>', 'a file written by the web UI, GET /api/v1/export or eventing-dev pack')
    .option('--force', 'overwrite function folders that exist')
    .action((file: string, options: { force?: boolean }) =>
      run(async (context) => {
        const { unpackCommand } = await import('../commands/pack.ts');
        return unpackCommand(file, options, context);
      }),
    );

  program
    .command('types')
    .description("write TypeScript declarations of a function's bindings next to its handler")
    .argument('[functions...]', 'functions of the project (default: all)')
    .action((names: string[]) =>
      run(async (context) => {
        const { typesCommand } = await import('../commands/types.ts');
        return typesCommand(names, context);
      }),
    );
}
