/** A problem with the command line or a config file: reported as one `harden: <message>` line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The first line of an error's message, without Node's advice sentences. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim();
}
