// Starting and stopping the server process: configuration, logger, engine,
// the HTTP and gRPC listeners, readiness, and graceful shutdown on SIGINT/SIGTERM
// (stop accepting, finish in-flight requests, snapshot indexes, close SQLite).

import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config, type DeepPartial } from '../core/config.js';
import { createLogger, type Logger } from '../core/logger.js';
import { Engine } from '../engine/engine.js';
import { buildApp, type AppState } from './app.js';
import { startGrpc, type GrpcListener } from './grpc/server.js';

export interface RunningServer {
  app: FastifyInstance;
  engine: Engine;
  config: Config;
  logger: Logger;
  /** Base URL of the HTTP listener, e.g. http://127.0.0.1:6333 */
  url: string;
  /** The port the gRPC listener is bound to (the real one when the config asked for 0). */
  grpcPort: number;
  close(): Promise<void>;
}

export async function startServer(overrides: DeepPartial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const config = loadConfig(env, overrides);
  const logger = createLogger(config.log.level);
  const engine = await Engine.open(config, logger);
  const app = buildApp({ engine, config, logger });
  const state = (app as unknown as { hqdbState: AppState }).hqdbState;
  let grpc: GrpcListener | undefined;
  try {
    await app.listen({ host: config.service.host, port: config.service.http_port });
    grpc = await startGrpc(engine, config, logger);
  } catch (err) {
    await app.close();
    await engine.close();
    throw err;
  }
  const grpcListener = grpc;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.service.http_port;
  const host = config.service.host === '0.0.0.0' || config.service.host === '::' ? '127.0.0.1' : config.service.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The ready line is written at any level but `silent`: scripts and tests wait for it.
  const announce = config.log.level === 'silent' ? logger : logger.child({}, { level: 'info' });
  announce.info({ http: `${config.service.host}:${port}`, grpc: `${config.service.host}:${grpcListener.port}`, url, data: config.storage.path }, 'hqdb ready');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      state.closing = true;
      await Promise.all([app.close(), grpcListener.close()]);
      await engine.close();
      logger.info('hqdb stopped');
    })();
    return closing;
  };
  return { app, engine, config, logger, url, grpcPort: grpcListener.port, close };
}

/** Runs the server until a signal asks it to stop. */
export async function runServer(overrides: DeepPartial<Config> = {}): Promise<void> {
  const server = await startServer(overrides);
  const { logger } = server;
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));
  let signals = 0;
  const stop = (signal: string): void => {
    if (++signals > 1) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
