import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { EventingDevError } from '../../errors.ts';

// One serve per data directory: a second one would write over the first one's changes.

const LOCK_FILE = 'serve.lock';

/** Takes the directory's lock; resolves to a function that releases it. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const release = () => unlink(path).catch(() => undefined);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (isAlive(owner)) {
      throw new EventingDevError(
        'CONFIG_INVALID',
        `The data directory ${dir} is in use by process ${owner}`,
        { hint: 'Stop the other eventing-dev serve, or give this one another --data-dir.' },
      );
    }
    // Left behind by a process that was killed: take the directory over.
    await release();
  }
  throw new EventingDevError('CONFIG_INVALID', `Cannot lock the data directory ${dir}`, {
    hint: `Remove ${path} if no eventing-dev serve is running.`,
  });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
