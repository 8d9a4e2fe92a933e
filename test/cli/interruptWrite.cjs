// Preload (`node --require`) for test/cli/fixInterrupted.test.ts: interrupts `--fix`'s atomic write of a
// `*.harden-tmp` file as HARDEN_INTERRUPT says: `mid-write` (the process dies with half the text written),
// `before-rename` (dies with the temporary file complete), `write-fails` (the disk is full).
'use strict';
const fsp = require('node:fs/promises');

const how = process.env.HARDEN_INTERRUPT;
const isTemp = (p) => String(p).endsWith('.harden-tmp');
const die = () => process.kill(process.pid, 'SIGKILL');

const open = fsp.open;
fsp.open = async function (path, ...rest) {
  const handle = await open.call(this, path, ...rest);
  if (!isTemp(path)) return handle;
  const writeFile = handle.writeFile.bind(handle);
  handle.writeFile = async (data, options) => {
    if (how === 'write-fails')
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    if (how === 'mid-write') {
      const text = String(data);
      await writeFile(text.slice(0, text.length >> 1), options);
      await handle.sync();
      die();
      await new Promise(() => {});
    }
    return writeFile(data, options);
  };
  return handle;
};

const rename = fsp.rename;
fsp.rename = async function (from, to) {
  if (how === 'before-rename' && isTemp(from)) {
    die();
    await new Promise(() => {});
  }
  return rename.call(this, from, to);
};
