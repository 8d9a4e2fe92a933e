// esbuild inlines only the `version` field of the manifest into dist/cli.js.
import { version } from '../../../package.json';

export const VERSION: string = version;
