import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (!process.argv.slice(2).some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write('Usage: harden-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
  process.exit(2);
}

// A bug in a timer callback must not take the editor's diagnostics down with it; the client restarts a
// dead server, but a live one keeps the open documents. stderr reaches the client's output channel.
process.on('uncaughtException', (e) => process.stderr.write(`harden: uncaught exception: ${e.stack ?? e}\n`));
process.on('unhandledRejection', (e) =>
  process.stderr.write(`harden: unhandled rejection: ${e instanceof Error ? e.stack : String(e)}\n`),
);

startServer(createConnection());
