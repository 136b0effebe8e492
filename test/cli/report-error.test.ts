import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.ts';
import { EventingDevError } from '../../src/errors.ts';

function reported(error: unknown) {
  let text = '';
  const code = reportError(error, (line) => {
    text += line;
  });
  return { code, text };
}

describe('reportError', () => {
  it('prints a tool error and its hint; usage errors exit 2, the rest 1', () => {
    const usage = new EventingDevError('CONFIG_INVALID', 'No environment "prod"', {
      hint: 'Environments: dev.',
    });
    expect(reported(usage)).toEqual({
      code: 2,
      text: 'error: No environment "prod"\nhint: Environments: dev.\n',
    });
    expect(reported(new EventingDevError('API_ERROR', 'refused')).code).toBe(1);
  });

  it('turns file-system errors into the path, what is wrong and a hint, without a stack', () => {
    const error = (code: string, path?: string) =>
      Object.assign(new Error(`${code}: something, open '${path}'`), { code, path });
    expect(reported(error('ENOENT', '/p/x.json'))).toEqual({
      code: 1,
      text: 'error: /p/x.json does not exist\nhint: Check the path (relative paths start in the current folder).\n',
    });
    expect(reported(error('EACCES', '/p/x.json')).text).toBe(
      'error: /p/x.json cannot be used: permission denied\nhint: Check its permissions, or choose another path.\n',
    );
    expect(reported(error('EISDIR')).text).toBe(
      "error: EISDIR: something, open 'undefined'\nhint: Give the path of a file.\n",
    );
  });

  it('prints anything else with its stack, for a report', () => {
    const { code, text } = reported(new TypeError('boom'));
    expect(code).toBe(1);
    expect(text).toMatch(/^error: TypeError: boom\n {4}at /);
  });
});
