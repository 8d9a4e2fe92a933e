import { randomBytes } from 'node:crypto';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `target` with `text` atomically: a temporary file in the same folder (so the rename stays on one
 * file system) with the original's mode, flushed, then renamed over it. Readers see the old or the new
 * file, never a half-written one. `target` must be the resolved path so a symlink is not replaced.
 */
export async function writeAtomic(target: string, text: string): Promise<void> {
  const mode = (await stat(target)).mode & 0o7777;
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.harden-tmp`);
  try {
    const handle = await open(tmp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(tmp, mode); // open()'s mode is filtered by the umask
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
