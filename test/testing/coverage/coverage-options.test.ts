import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../../src/project/project-config.ts';

describe('the coverage settings of eventing-dev.json', () => {
  it('takes reporters, a reports folder and thresholds named as in vitest', () => {
    const config = parseProjectConfig(
      JSON.stringify({
        coverage: { reporter: ['text'], reportsDirectory: 'cov', thresholds: { branches: 75 } },
      }),
    );
    expect(config.coverage).toEqual({
      reporter: ['text'],
      reportsDirectory: 'cov',
      thresholds: { branches: 75 },
    });
  });

  it('lists every wrong setting with its path', () => {
    const text = JSON.stringify({
      coverage: { reporters: ['text'], thresholds: { line: 80, functions: 120 } },
    });
    expect(() => parseProjectConfig(text)).toThrow(
      expect.objectContaining({
        problems: [
          {
            path: 'coverage.reporters',
            message: 'is not a coverage setting (reporter, reportsDirectory, thresholds)',
          },
          {
            path: 'coverage.thresholds.line',
            message: 'is not a measure (lines, branches, functions, statements)',
          },
          {
            path: 'coverage.thresholds.functions',
            message: 'must be a percentage from 0 to 100',
          },
        ],
      }),
    );
  });
});
