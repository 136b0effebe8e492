import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../src/definition/load-definition.ts';
import { parseDefinition } from '../../src/definition/parse-definition.ts';
import { loadProject } from '../../src/project/project-config.ts';
import { listTemplates, scaffold } from '../../src/project/scaffold.ts';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'eventing-dev-init-')), 'shop');

describe('scaffold', () => {
  it('offers the five templates', () => {
    expect(listTemplates()).toEqual(['basic', 'cascade-delete', 'curl', 'enrich', 'timer']);
  });

  it('creates a project around the first function', () => {
    const root = fresh();
    const result = scaffold(root, 'basic', 'greet', '1.2.3');
    expect(result.createdProject).toBe(true);
    expect(result.functionDir).toBe(join(root, 'functions', 'greet'));
    expect(readdirSync(root).sort()).toEqual([
      '.gitignore',
      '.vscode',
      'eventing-dev.json',
      'functions',
      'jsconfig.json',
      'package.json',
    ]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'shop',
      type: 'module',
      scripts: { test: 'eventing-dev test' },
      devDependencies: { 'eventing-dev': '^1.2.3' },
    });
    expect(loadProject(root).config.clusters.local?.url).toBe('http://127.0.0.1:8096');
    expect(readdirSync(result.functionDir).sort()).toEqual([
      'README.md',
      'function.json',
      'greet.test.js',
      'handler.js',
    ]);
  });

  it('writes a VS Code configuration that debugs the tests with handler breakpoints', () => {
    const root = fresh();
    scaffold(root, 'basic', 'greet');
    const launch = JSON.parse(readFileSync(join(root, '.vscode', 'launch.json'), 'utf8'));
    const tasks = JSON.parse(readFileSync(join(root, '.vscode', 'tasks.json'), 'utf8'));
    const [debug] = launch.configurations;
    expect(debug).toMatchObject({ name: 'Debug function tests', request: 'attach', port: 9229 });
    const task = tasks.tasks.find((t: { label: string }) => t.label === debug.preLaunchTask);
    expect(task.command).toBe('npx eventing-dev test --inspect-brk');
    // VS Code attaches once the task prints the line the inspector starts with.
    expect('Debugger listening on ws://127.0.0.1:9229/x').toMatch(
      new RegExp(task.problemMatcher.background.endsPattern),
    );
  });

  it.each(listTemplates())('fills in the function name of the %s template', async (template) => {
    const { functionDir } = scaffold(fresh(), template, 'my_fn');
    const { definition } = await loadDefinition(functionDir);
    expect(parseDefinition(definition).definition.appname).toBe('my_fn');
    const test = readFileSync(join(functionDir, 'my_fn.test.js'), 'utf8');
    expect(test).not.toContain('{{name}}');
    expect(readFileSync(join(functionDir, 'README.md'), 'utf8')).not.toContain('{{name}}');
  });

  it('adds a function to the project above the folder it is run in, leaving the project alone', () => {
    const root = fresh();
    scaffold(root, 'basic', 'first');
    const inside = join(root, 'functions', 'first');
    const result = scaffold(inside, 'timer', 'second');
    expect(result.createdProject).toBe(false);
    expect(result.projectRoot).toBe(root);
    expect(result.functionDir).toBe(join(root, 'functions', 'second'));
    expect(result.files.every((file) => file.startsWith(result.functionDir))).toBe(true);
  });

  it('refuses to overwrite a function folder', () => {
    const root = fresh();
    scaffold(root, 'basic', 'greet');
    expect(() => scaffold(root, 'enrich', 'greet')).toThrow(
      expect.objectContaining({ code: 'FILE_EXISTS', hint: expect.stringContaining('--name') }),
    );
    expect(existsSync(join(root, 'functions', 'greet', 'greet.test.js'))).toBe(true);
  });

  it('names the templates when the one asked for does not exist', () => {
    expect(() => scaffold(fresh(), 'crud')).toThrow(
      expect.objectContaining({
        code: 'ARGUMENT_INVALID',
        hint: expect.stringContaining('basic, cascade-delete, curl, enrich, timer'),
      }),
    );
  });

  it('refuses a function name the server would refuse, before writing anything', () => {
    const root = fresh();
    mkdirSync(root);
    expect(() => scaffold(root, 'basic', '../evil')).toThrow(/Invalid function name/);
    expect(readdirSync(root)).toEqual([]);
  });
});
