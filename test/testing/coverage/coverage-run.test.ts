import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.ts';

const fixture = new URL('../fixtures/coverage-project', import.meta.url).pathname;

function copyOfFixture(config?: unknown): string {
  const cwd = mkdtempSync(join(tmpdir(), 'eventing-dev-coverage-'));
  cpSync(fixture, cwd, { recursive: true });
  if (config) writeFileSync(join(cwd, 'eventing-dev.json'), JSON.stringify(config));
  return cwd;
}

/** The lcov records of one file: `FNH` → '1', `DA:5` → '0', ... */
function lcovOf(cwd: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of readFileSync(join(cwd, 'coverage', 'lcov.info'), 'utf8').split('\n')) {
    const [tag, rest] = line.split(/:(.*)/s);
    if (!tag || rest === undefined) continue;
    if (tag === 'DA') {
      const [lineNumber, count] = rest.split(',');
      fields.set(`DA:${lineNumber}`, count as string);
    } else fields.set(tag, rest);
  }
  return fields;
}

// Each test runs the real bin, which starts vitest: seconds, more on a busy machine.
describe('eventing-dev test --coverage', { timeout: 60_000 }, () => {
  it('measures the lines, branches and functions of handler.js that the tests run', () => {
    const cwd = copyOfFixture();
    const result = runCli(['test', '--coverage'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const lcov = lcovOf(cwd);
    expect(lcov.get('SF')).toBe('functions/grader/handler.js');
    // OnUpdate ran; OnDelete and neverCalled did not.
    expect([lcov.get('FNF'), lcov.get('FNH')]).toEqual(['3', '1']);
    expect(lcov.get('FNDA:1,OnUpdate') ?? lcov.get('FNDA')).toBeDefined();
    // The passing branch (line 3) ran, the failing one (line 5) did not.
    expect(lcov.get('DA:3')).toBe('1');
    expect(lcov.get('DA:5')).toBe('0');
    expect(lcov.get('DA:10')).toBe('0');
    expect([lcov.get('BRF'), lcov.get('BRH')]).toEqual(['2', '1']);
    // The appcode's lines, no more: handler headers and footers are not the user's.
    expect(lcov.get('LF')).toBe('19');
    expect(result.stdout).toMatch(/handler\.js\s*\|\s*57\.89/);
    expect(readFileSync(join(cwd, 'coverage', 'index.html'), 'utf8')).toContain('handler.js');
  });

  it('leaves lines marked with an ignore comment out of the uncovered ones', () => {
    const cwd = copyOfFixture();
    expect(runCli(['test', '--coverage'], { cwd }).code).toBe(0);
    const lcov = lcovOf(cwd);
    // Lines 15–17 only run on an impossible branch; `/* c8 ignore next 3 */` excuses them.
    expect(['15', '16', '17'].map((line) => lcov.get(`DA:${line}`))).toEqual(['1', '1', '1']);
  });

  it('fails the run when coverage falls short of a threshold in eventing-dev.json', () => {
    const cwd = copyOfFixture({ coverage: { thresholds: { functions: 80, lines: 50 } } });
    const result = runCli(['test', '--coverage'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Coverage for functions (33.33%) does not meet the threshold (80%) in handler code',
    );
    expect(result.stderr).not.toContain('Coverage for lines');
  });

  it("joins vitest's own coverage of the test code in the same reports", () => {
    const cwd = copyOfFixture();
    mkdirSync(join(cwd, 'lib'));
    writeFileSync(
      join(cwd, 'lib', 'grade.js'),
      'export function grade(score) {\n  return score >= 50 ? "pass" : "fail";\n}\n',
    );
    writeFileSync(
      join(cwd, 'functions', 'grader', 'grade.test.js'),
      `import { expect, it } from 'vitest';\nimport { grade } from '../../lib/grade.js';\nit('grades', () => expect(grade(80)).toBe('pass'));\n`,
    );
    const result = runCli(['test', '--coverage', '--', '--coverage.enabled'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const files = readFileSync(join(cwd, 'coverage', 'lcov.info'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('SF:'));
    expect(files.sort()).toEqual(['SF:functions/grader/handler.js', 'SF:lib/grade.js']);
  });

  it('fails a threshold when the tests ran no handler.js at all', () => {
    const cwd = copyOfFixture({ coverage: { thresholds: { lines: 10 } } });
    const test = join(cwd, 'functions', 'grader', 'grader.test.js');
    writeFileSync(test, "import { expect, it } from 'vitest';\nit('runs nothing', () => expect(1).toBe(1));\n");
    const result = runCli(['test', '--coverage'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'No handler.js was run by the tests, so coverage for lines cannot meet its threshold',
    );
  });

  it('writes the reporters asked for, where asked', () => {
    const cwd = copyOfFixture({ coverage: { reporter: ['json'], reportsDirectory: 'out' } });
    expect(runCli(['test', '--coverage'], { cwd }).code).toBe(0);
    const json = JSON.parse(readFileSync(join(cwd, 'out', 'coverage-final.json'), 'utf8'));
    expect(Object.keys(json)).toEqual([join(cwd, 'functions/grader/handler.js')]);
  });
});
