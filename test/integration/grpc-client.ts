// A promise-based @grpc/grpc-js client for hqdb's gRPC services in tests,
// built from the same .proto files and loader options as the server.

import { credentials, loadPackageDefinition, Metadata, type CallOptions, type Client, type ClientUnaryCall, type requestCallback, type ServiceError } from '@grpc/grpc-js';
import type { ProtoGrpcType as CollectionsProto } from '../../proto/gen/collections.js';
import type { CollectionsClient } from '../../proto/gen/hqdb/v1/Collections.js';
import type { LayoutClient } from '../../proto/gen/hqdb/v1/Layout.js';
import type { PointsClient } from '../../proto/gen/hqdb/v1/Points.js';
import type { WorkloadsClient } from '../../proto/gen/hqdb/v1/Workloads.js';
import type { ProtoGrpcType as LayoutProto } from '../../proto/gen/layout.js';
import type { ProtoGrpcType as PointsProto } from '../../proto/gen/points.js';
import type { ProtoGrpcType as WorkloadsProto } from '../../proto/gen/workloads.js';
import { hqdbPackageDefinition } from '../../server/grpc/proto.js';

// The last overload of a generated method is (argument, callback): it names both types.
type ReqOf<F> = F extends (argument: infer A, callback: requestCallback<infer _R>) => ClientUnaryCall ? A : never;
type ResOf<F> = F extends (argument: infer _A, callback: requestCallback<infer R>) => ClientUnaryCall ? R : never;
type Promised<C> = { [K in keyof C as C[K] extends (...args: never[]) => ClientUnaryCall ? K : never]: (request: ReqOf<C[K]>, options?: CallOptions) => Promise<ResOf<C[K]>> };

function promised<C extends Client>(client: C): Promised<C> {
  return new Proxy({}, {
    get: (_target, method: string) => (request: unknown, options: CallOptions = {}) =>
      new Promise((resolve, reject) => {
        const fn = (client as unknown as Record<string, (r: unknown, m: Metadata, o: CallOptions, cb: (err: ServiceError | null, res: unknown) => void) => ClientUnaryCall>)[method];
        fn.call(client, request, new Metadata(), options, (err, res) => (err ? reject(err) : resolve(res)));
      }),
  }) as Promised<C>;
}

export interface GrpcClients {
  collections: Promised<CollectionsClient>;
  points: Promised<PointsClient>;
  /** The unary RPCs of hqdb.v1.Layout; the WatchBuild stream is on `raw.layout`. */
  layout: Promised<LayoutClient>;
  /** The unary RPCs of hqdb.v1.Workloads; the Submit, Results and Watch streams are on `raw.workloads`. */
  workloads: Promised<WorkloadsClient>;
  raw: { collections: CollectionsClient; points: PointsClient; layout: LayoutClient; workloads: WorkloadsClient };
  close(): void;
}

export function connect(port: number, options: Record<string, number> = {}): GrpcClients {
  const proto = loadPackageDefinition(hqdbPackageDefinition()) as unknown as CollectionsProto & PointsProto & LayoutProto & WorkloadsProto;
  const address = `127.0.0.1:${port}`;
  const collections = new proto.hqdb.v1.Collections(address, credentials.createInsecure(), options);
  const points = new proto.hqdb.v1.Points(address, credentials.createInsecure(), options);
  const layout = new proto.hqdb.v1.Layout(address, credentials.createInsecure(), options);
  const workloads = new proto.hqdb.v1.Workloads(address, credentials.createInsecure(), options);
  return {
    collections: promised(collections),
    points: promised(points),
    layout: promised(layout),
    workloads: promised(workloads),
    raw: { collections, points, layout, workloads },
    close() {
      collections.close();
      points.close();
      layout.close();
      workloads.close();
    },
  };
}

/** The status of a call that must fail (rejects the test when it succeeds). */
export async function failure(call: Promise<unknown>): Promise<{ code: number; hqdbCode: string | undefined; details: string }> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e as ServiceError,
  );
  if (!err) throw new Error('expected the call to fail, but it succeeded');
  const code = err.metadata?.get('hqdb-code')[0];
  return { code: err.code, hqdbCode: typeof code === 'string' ? code : undefined, details: err.details };
}
