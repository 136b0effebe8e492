import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `npm pack` publishes, and what a user with a too-old Node sees first.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const checks = createRequire(import.meta.url)(join(repo, 'scripts/check-node.cjs')) as {
  nodeProblem: (version: string) => string | undefined;
};

function packedFiles(): Set<string> {
  // --ignore-scripts: the test run has built dist/ already (test/global-setup.ts).
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [packed] = JSON.parse(json) as Array<{ files: Array<{ path: string }> }>;
  return new Set(packed?.files.map((file) => file.path));
}

describe('the published package', () => {
  it('ships every source its maps point at, and the bin with its Node check', () => {
    const files = packedFiles();
    expect(files).toContain('bin/eventing-dev.js');
    expect(files).toContain('scripts/check-node.cjs');
    expect(files).toContain('dist/cli/main.js');
    expect([...files].filter((file) => file.startsWith('test/'))).toEqual([]);
    const maps = [...files].filter((file) => file.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(100);
    const missing = maps.flatMap((map) => {
      const { sources, sourceRoot = '' } = JSON.parse(readFileSync(join(repo, map), 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
      };
      return sources
        .map((source) => normalize(join(dirname(map), sourceRoot, source)))
        .filter((source) => !files.has(source));
    });
    expect(missing).toEqual([]);
  });
});

describe('installing on a Node older than 24', () => {
  it('checks the version before any dependency builds (preinstall runs before every install script)', () => {
    expect(manifest.scripts.preinstall).toBe('node scripts/check-node.cjs');
    // As an optional dependency, a failed isolated-vm build on an old Node does not stop the
    // install before a checkout's own preinstall can say what to do.
    expect(manifest.optionalDependencies?.['isolated-vm']).toBeDefined();
    expect(manifest.dependencies['isolated-vm']).toBeUndefined();
  });

  it('says in one line that Node 24 is needed and how to get it', () => {
    const line = checks.nodeProblem('v20.20.2');
    expect(line).toBe(
      'eventing-dev needs Node.js 24 or newer (this is Node.js v20.20.2): install Node.js 24 from https://nodejs.org (or `nvm install 24`), then run the command again.',
    );
    expect(checks.nodeProblem('v24.0.0')).toBeUndefined();
    expect(checks.nodeProblem('v26.1.0')).toBeUndefined();
  });

  const oldNode = ['/usr/bin/node', '/usr/local/bin/node', '/bin/node'].find((path) => {
    if (!existsSync(path)) return false;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    return checks.nodeProblem(version) !== undefined;
  });

  it.skipIf(oldNode === undefined)('prints only that line from the bin, exit 1', () => {
    const result = spawnSync(oldNode as string, [join(repo, 'bin/eventing-dev.js'), 'test'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^eventing-dev needs Node\.js 24 or newer \(this is Node\.js v\d/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
