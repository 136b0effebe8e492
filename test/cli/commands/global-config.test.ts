import { describe, expect, it } from 'vitest';
import {
  configDeleteCommand,
  configGetCommand,
  configSetCommand,
} from '../../../src/cli/commands/global-config.ts';
import { capture } from '../cli-harness.ts';
import { withLog } from '../served-functions.ts';

// `eventing-dev logs|stats|config|list` in process, against serve; and how a command picks its
// cluster and credentials.

describe('config', () => {
  it('prints, sets and deletes the service settings', async () => {
    const { flags, client } = await withLog(0);
    const get = capture();
    expect(await configGetCommand(flags, get.context)).toBe(0);
    expect(get.captured.out).toMatch(/^SETTING +VALUE\n(?:.*\n)*enable_debugger +false\n/);
    const set = capture();
    expect(await configSetCommand(['enable_debugger=true'], flags, set.context)).toBe(0);
    expect(set.captured.out).toBe('Saved enable_debugger=true\n');
    expect(await client.getGlobalConfig()).toMatchObject({ enable_debugger: true });
    const scoped = capture();
    await configSetCommand(
      ['enable_curl=false'],
      { ...flags, bucket: 'travel', json: true },
      scoped.context,
    );
    expect(JSON.parse(scoped.captured.out)).toEqual({
      sent: { enable_curl: false },
      info: 'Config saved for travel/*',
      restart: false,
    });
    const removed = capture();
    expect(await configDeleteCommand({ ...flags, bucket: 'travel' }, removed.context)).toBe(0);
    expect(removed.captured.out).toBe('Config deleted for travel/*\n');
    const global = capture();
    expect(await configDeleteCommand(flags, global.context)).toBe(2);
  });
});
