import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const IDLE_MS = 1000;

/**
 * V8 keeps the heap it has grown to. Linting argo-cd's install.yaml (1.9 MB) takes the server from ~70 MB to
 * ~150 MB resident, and that stays after the document is closed although the live heap is back near 25 MB
 * (`npm run bench`, item 5; the per-document caches are released on close). One full collection once the server
 * has been idle for a second after a large lint or a close returns most of it to the system.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private readonly gc = exposeGc();

  /** Collects after IDLE_MS without another call (typing in a large file postpones it). */
  soon(): void {
    if (!this.gc) return;
    clearTimeout(this.timer);
    // Two collections a moment apart: V8 frees pages as it compacts, and the first one leaves fragmented pages.
    this.timer = setTimeout(() => {
      this.gc?.();
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.gc?.();
      }, IDLE_MS);
      this.timer.unref();
    }, IDLE_MS);
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * `gc` without starting Node with --expose-gc (editors launch `harden-language-server --stdio` as they see fit): the
 * flag is set at run time and the function taken from a new context, which installs it (as Jest's leak detector does).
 */
function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
