// Loads hqdb's gRPC contract (proto/hqdb/v1/*.proto) at run time. The options
// here must match the `proto:gen` script in package.json, which generates the
// TypeScript types in proto/gen/ from the same files: snake_case field names,
// 64-bit integers as decimal strings (ids beyond 2^53 stay exact), enums as
// names, unset fields left undefined (so "unset" and "zero" differ), and a
// virtual field naming the member set in each oneof.

import { join } from 'node:path';
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';
import { PROJECT_ROOT } from '../../core/paths.js';

export const PROTO_DIR = join(PROJECT_ROOT, 'proto');
export const PROTO_FILES = ['hqdb/v1/common.proto', 'hqdb/v1/collections.proto', 'hqdb/v1/points.proto', 'hqdb/v1/layout.proto', 'hqdb/v1/workloads.proto'];

export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

let cached: PackageDefinition | undefined;

/** The package definition of every hqdb service (parsed once per process). */
export function hqdbPackageDefinition(): PackageDefinition {
  cached ??= loadSync(PROTO_FILES, LOADER_OPTIONS);
  return cached;
}
