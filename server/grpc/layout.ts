// The hqdb.v1.Layout service: start a layout build, report the layout, and
// stream a build's progress. The handlers call the engine functions REST calls
// (server/routes/layout.ts) and translate the views into messages.

import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engine/engine.js';
import type { BuildView, LayoutBuildRequest, LayoutStatus as EngineLayoutStatus, LayoutView, PartitionView } from '../../engine/layout/types.js';
import type { TreeNodeView } from '../../engine/layout/qd-tree.js';
import type { BuildInfo } from '../../proto/gen/hqdb/v1/BuildInfo.js';
import type { BuildLayoutRequest__Output } from '../../proto/gen/hqdb/v1/BuildLayoutRequest.js';
import type { LayoutHandlers } from '../../proto/gen/hqdb/v1/Layout.js';
import type { LayoutInfo } from '../../proto/gen/hqdb/v1/LayoutInfo.js';
import type { LayoutStatus } from '../../proto/gen/hqdb/v1/LayoutStatus.js';
import type { PartitionInfo } from '../../proto/gen/hqdb/v1/PartitionInfo.js';
import type { TreeNode } from '../../proto/gen/hqdb/v1/TreeNode.js';
import { queriesIn } from './convert.js';
import { serverStream, unary } from './unary.js';

/** How often WatchBuild reports a running build's progress. */
const WATCH_INTERVAL_MS = 250;

const STATUS_OUT: Record<EngineLayoutStatus, LayoutStatus> = { none: 'LAYOUT_NONE', building: 'LAYOUT_BUILDING', ready: 'LAYOUT_READY', failed: 'LAYOUT_FAILED' };

function buildRequestIn(r: BuildLayoutRequest__Output): LayoutBuildRequest {
  return {
    source: r.source === 'log' ? 'log' : r.source === 'workload' ? { workload: r.workload ?? '' } : undefined,
    // Explicit workloads need filters only, so a query may leave its target unset.
    queries: r.queries && r.queries.length > 0 ? queriesIn(r.collection_name, r.queries, false) : undefined,
    min_partition_size: r.min_partition_size,
    max_partitions: r.max_partitions,
    vector_cuts: r.vector_cuts,
    clusters: r.clusters,
    global_index: r.global_index,
    graphs: r.graphs,
  };
}

function buildOut(b: BuildView): BuildInfo {
  return {
    id: b.id,
    status: STATUS_OUT[b.status],
    done: b.progress.done,
    total: b.progress.total,
    ...(b.error === undefined ? {} : { error: b.error }),
    started_at: b.started_at,
    ...(b.finished_at === undefined ? {} : { finished_at: b.finished_at }),
    seconds: b.seconds,
    ...(b.workload ? { workload: b.workload } : {}),
  };
}

function partitionOut(p: PartitionView): PartitionInfo {
  return {
    id: p.id,
    size: String(p.size),
    description: p.description,
    index: p.index === 'hnsw' ? 'HNSW' : 'FLAT',
    ...(p.index === 'hnsw' ? { params: p.params } : {}),
    hits: String(p.hits),
    worker: p.worker,
  };
}

function treeOut(node: TreeNodeView): TreeNode {
  if ('cut' in node) return { cut: { predicate: node.cut, inside: treeOut(node.inside), outside: treeOut(node.outside) } };
  return { leaf: { partition: node.partition, size: String(node.size) } };
}

function layoutOut(v: LayoutView): LayoutInfo {
  return {
    status: STATUS_OUT[v.status],
    ...(v.build ? { build: buildOut(v.build) } : {}),
    partitions: v.partitions.map(partitionOut),
    ...(v.tree ? { tree: treeOut(v.tree) } : {}),
    ...(v.global_index ? { global_index: partitionOut(v.global_index) } : {}),
  };
}

export function layoutService(engine: Engine, _config: Config, log: Logger): LayoutHandlers {
  const collection = (name: string | undefined) => engine.collection(name ?? '');
  return {
    Build: unary(log, 'Layout/Build', (r) => {
      const started = collection(r.collection_name).startLayoutBuild(buildRequestIn(r));
      return { id: started.id, status: STATUS_OUT[started.status] };
    }),

    Get: unary(log, 'Layout/Get', (r) => layoutOut(collection(r.collection_name).layoutView())),

    WatchBuild: serverStream(log, 'Layout/WatchBuild', async (r, write, alive) => {
      const c = collection(r.collection_name);
      // The build has ended when the engine says so, not when a view first stops saying
      // "building"; with no build running this resolves before the first tick.
      const end = c.waitLayoutBuild().then(() => true, () => true);
      for (let wait = 0; ; wait = WATCH_INTERVAL_MS) {
        const ended = await Promise.race([end, delay(wait, false)]);
        alive();
        const view = c.layoutView();
        await write({ status: STATUS_OUT[view.status], ...(view.build ? { build: buildOut(view.build) } : {}), ended });
        if (ended) return;
      }
    }),
  };
}
