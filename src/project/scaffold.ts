import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { isValidAppname } from '../definition/parse-definition.ts';
import { EventingDevError } from '../errors.ts';
import { ensureTestScript, TEST_SCRIPT, type TestScriptOutcome } from './package-test-script.ts';
import { findProjectRoot, loadProject, PROJECT_FILE } from './project-config.ts';

// `eventing-dev init`: a new project from nothing, or a new function folder in a project,
// from one of the templates shipped in the package's templates/ folder.

const templatesRoot = new URL('../../templates/', import.meta.url);

export function listTemplates(): string[] {
  return readdirSync(templatesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export interface ScaffoldResult {
  projectRoot: string;
  /** True when the project itself was created, not only the function. */
  createdProject: boolean;
  functionDir: string;
  files: string[];
  /** What became of package.json's "test" script, when the project was created. */
  testScript?: TestScriptOutcome;
}

/**
 * Adds a function folder from `template` to the project at or above `dir`, creating the
 * project (eventing-dev.json, package.json, jsconfig.json, .gitignore, and VS Code's launch
 * configuration for debugging the tests) when there is none.
 */
export function scaffold(
  dir: string,
  template: string,
  name = template,
  version = '0.1.0',
): ScaffoldResult {
  const templates = listTemplates();
  if (!templates.includes(template)) {
    throw new EventingDevError('ARGUMENT_INVALID', `Unknown template "${template}"`, {
      hint: `Templates: ${templates.join(', ')}.`,
    });
  }
  if (!isValidAppname(name)) {
    throw new EventingDevError('ARGUMENT_INVALID', `Invalid function name "${name}"`, {
      hint: 'A function name starts with a letter or digit and has only letters, digits, _ and - (at most 100).',
    });
  }
  const target = resolve(dir);
  const existing = findProjectRoot(target);
  const projectRoot = existing ?? target;
  const files: string[] = [];
  let testScript: TestScriptOutcome | undefined;
  if (!existing) {
    const created = createProject(projectRoot, version);
    files.push(...created.written);
    testScript = created.testScript;
  }
  const functionDir = join(loadProject(projectRoot).functionsDir, name);
  if (existsSync(functionDir)) {
    throw new EventingDevError(
      'FILE_EXISTS',
      `${relative(process.cwd(), functionDir) || functionDir} already exists`,
      {
        hint: 'Choose another --name for the new function.',
      },
    );
  }
  mkdirSync(functionDir, { recursive: true });
  const source = new URL(`${template}/`, templatesRoot);
  for (const file of readdirSync(source)) {
    const text = readFileSync(new URL(file, source), 'utf8').replaceAll('{{name}}', name);
    const path = join(functionDir, file.replaceAll('{{name}}', name));
    writeFileSync(path, text);
    files.push(path);
  }
  return {
    projectRoot,
    createdProject: !existing,
    functionDir,
    files,
    ...(testScript ? { testScript } : {}),
  };
}

function createProject(
  root: string,
  version: string,
): { written: string[]; testScript: TestScriptOutcome } {
  mkdirSync(root, { recursive: true });
  const written: string[] = [];
  const write = (file: string, content: string) => {
    const path = join(root, file);
    if (existsSync(path)) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  };
  write(
    PROJECT_FILE,
    json({
      functions: 'functions',
      clusters: { local: { url: 'http://127.0.0.1:8096', username: 'Administrator' } },
      environments: { local: { cluster: 'local' } },
    }),
  );
  const testScript = ensureTestScript(root, () =>
    json({
      name: packageName(basename(root)),
      private: true,
      type: 'module',
      scripts: { test: TEST_SCRIPT, check: 'eventing-dev check' },
      devDependencies: { 'eventing-dev': `^${version}` },
    }),
  );
  if (testScript.kind === 'created') written.push(join(root, 'package.json'));
  // Editors know the Eventing globals and each function's bindings; a handler.js starting with
  // `// @ts-check` is type-checked (not all are: inline SQL++ is not JavaScript).
  write(
    'jsconfig.json',
    json({
      compilerOptions: {
        checkJs: false,
        target: 'es2022',
        module: 'esnext',
        types: ['eventing-dev/types'],
      },
      include: ['functions/*/handler.js', 'functions/*/bindings.d.ts'],
    }),
  );
  write('.gitignore', 'node_modules/\n.eventing-dev/\ncoverage/\n');
  write(join('.vscode', 'launch.json'), json(VSCODE_LAUNCH));
  write(join('.vscode', 'tasks.json'), json(VSCODE_TASKS));
  return { written, testScript };
}

const DEBUG_TASK = 'eventing-dev: test --inspect-brk';

// VS Code: "Debug function tests" runs the tests with the handler isolates open to the
// debugger, waiting for it, then attaches; breakpoints in handler.js stop there.
const VSCODE_LAUNCH = {
  version: '0.2.0',
  configurations: [
    {
      name: 'Debug function tests',
      type: 'node',
      request: 'attach',
      address: '127.0.0.1',
      port: 9229,
      preLaunchTask: DEBUG_TASK,
      continueOnAttach: true,
    },
  ],
};

const VSCODE_TASKS = {
  version: '2.0.0',
  tasks: [
    {
      label: DEBUG_TASK,
      type: 'shell',
      command: 'npx eventing-dev test --inspect-brk',
      isBackground: true,
      // Ready to attach once the inspector says where it listens.
      problemMatcher: {
        owner: 'eventing-dev',
        pattern: { regexp: '^never-a-problem$' },
        background: { beginsPattern: 'eventing-dev', endsPattern: 'Debugger listening on' },
      },
    },
  ],
};

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function packageName(folder: string): string {
  return (
    folder
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'eventing-functions'
  );
}
