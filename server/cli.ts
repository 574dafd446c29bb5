// The `hqdb` command line. `serve` starts the server; options override the
// HQDB__* environment variables. `workload ...` is a client of a running
// server (cli-workload.ts).

import { Command, InvalidArgumentError } from 'commander';
import { isHqdbError } from '../core/errors.js';
import type { Config, DeepPartial } from '../core/config.js';
import { workloadCommand } from './cli-workload.js';
import { runServer } from './main.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

export function buildCli(): Command {
  const program = new Command('hqdb').description('hqdb: a vector database for hybrid queries').showHelpAfterError();
  program
    .command('serve')
    .description('start the server (configuration from HQDB__SECTION__KEY environment variables, overridden by these options)')
    .option('--host <host>', 'address to listen on (HQDB__SERVICE__HOST)')
    .option('--port <port>', 'HTTP port (HQDB__SERVICE__HTTP_PORT)', port)
    .option('--grpc-port <port>', 'gRPC port (HQDB__SERVICE__GRPC_PORT)', port)
    .option('--data <dir>', 'data directory (HQDB__STORAGE__PATH)')
    .option('--log-level <level>', 'log level (HQDB__LOG__LEVEL)')
    .action(async (opts: { host?: string; port?: number; grpcPort?: number; data?: string; logLevel?: Config['log']['level'] }) => {
      const overrides: DeepPartial<Config> = {
        service: { host: opts.host, http_port: opts.port, grpc_port: opts.grpcPort },
        storage: { path: opts.data },
        log: { level: opts.logLevel },
      };
      await runServer(overrides);
    });
  program.addCommand(workloadCommand());
  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    const message = isHqdbError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`hqdb: ${message}\n`);
    process.exit(1);
  });
