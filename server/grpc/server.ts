// The gRPC listener: hqdb.v1.Collections, Points, Layout and Workloads, the standard
// grpc.health.v1.Health service, and server reflection (for grpcurl-style
// tools). Message size limits come from service.grpc_max_message_mb; grpc-js
// answers larger messages with RESOURCE_EXHAUSTED before any handler runs.

import { Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { loadSync } from '@grpc/proto-loader';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engine/engine.js';
import { collectionsService } from './collections.js';
import { layoutService } from './layout.js';
import { pointsService } from './points.js';
import { decodingSafely } from './unary.js';
import { workloadsService } from './workloads.js';
import { hqdbPackageDefinition, LOADER_OPTIONS } from './proto.js';

export const SERVICES = ['hqdb.v1.Collections', 'hqdb.v1.Points', 'hqdb.v1.Layout', 'hqdb.v1.Workloads'] as const;

/** How long close() lets in-flight calls finish before cutting them off. */
const SHUTDOWN_GRACE_MS = 5_000;

export interface GrpcListener {
  /** The bound port (the real one when the config asked for 0). */
  port: number;
  close(): Promise<void>;
}

export async function startGrpc(engine: Engine, config: Config, log: Logger): Promise<GrpcListener> {
  const bytes = Math.floor(config.service.grpc_max_message_mb * 1024 * 1024);
  const server = new Server({ 'grpc.max_receive_message_length': bytes, 'grpc.max_send_message_length': bytes });
  const pkg = hqdbPackageDefinition();
  // Streams that wait for a job end when closing begins, or closing would wait for
  // jobs that only the engine, closed after this listener, can stop.
  const stopping = new AbortController();
  server.addService(decodingSafely(pkg['hqdb.v1.Collections'] as ServiceDefinition), collectionsService(engine, config, log));
  server.addService(decodingSafely(pkg['hqdb.v1.Points'] as ServiceDefinition), pointsService(engine, config, log));
  server.addService(decodingSafely(pkg['hqdb.v1.Layout'] as ServiceDefinition), layoutService(engine, config, log));
  server.addService(decodingSafely(pkg['hqdb.v1.Workloads'] as ServiceDefinition), workloadsService(engine, config, log, stopping.signal));
  const health = new HealthImplementation({ '': 'SERVING', ...Object.fromEntries(SERVICES.map((s) => [s, 'SERVING'])) });
  health.addToServer(server);
  // Reflection lists the health service too, so tools discover everything the port serves.
  new ReflectionService({ ...pkg, ...loadSync(healthProtoPath, LOADER_OPTIONS) }).addToServer(server);

  const host = config.service.host.includes(':') ? `[${config.service.host}]` : config.service.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${config.service.grpc_port}`, ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      stopping.abort();
      health.setStatus('', 'NOT_SERVING');
      for (const s of SERVICES) health.setStatus(s, 'NOT_SERVING');
      const timer = setTimeout(() => {
        log.warn({ grace_ms: SHUTDOWN_GRACE_MS }, 'grpc calls still running at shutdown; cancelling them');
        server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return closing;
  };
  return { port, close };
}
