// The qd-tree: a binary tree of cuts (atomic predicates taken from the
// workload) whose leaves are the partitions of a layout.
//
// - A point goes inside a cut when it satisfies it, outside otherwise, so
//   every leaf's description (the cuts on its path) is true of all its points.
// - A query goes to a side unless its atoms contradict that side
//   (predicates.ts `relate`); a leaf where every atom of a residual-free
//   filter is implied by the path is searched without a filter.
// - The builder is greedy and top-down: it expands the leaf whose best cut
//   lowers the workload's estimated cost (cost.ts) the most, until no cut
//   helps, the maximum number of leaves is reached, or every cut would leave
//   a side smaller than the minimum partition size. Counts come from a
//   uniform sample of the points, as bitsets, scaled to the collection.

import { fail } from '../../core/errors.js';
import { nextState, uniformOf } from '../../core/random.js';
import { parseFilter } from '../filter/ast.js';
import { BATCH_CHUNK, type CostModel } from '../plan/cost.js';
import { atomKey, normalizeFilter, relate, satisfies, type Atom, type CutSide, type NormalizedFilter } from './predicates.js';

/**
 * A node: a predicate cut, a vector-cluster cut (the point's nearest k-means
 * centroid is one of `clusters`), or a leaf.
 */
export type TreeNode =
  | { cut: Atom; raw: unknown; inside: TreeNode; outside: TreeNode }
  | { clusters: number[]; inside: TreeNode; outside: TreeNode }
  | { leaf: number };

/** A node of the tree as the API reports it. */
export type TreeNodeView =
  | { cut: string; inside: TreeNodeView; outside: TreeNodeView }
  | { partition: number; size: number };

/** The persisted form: cuts as filter conditions. */
export type TreeJson =
  | { cut: unknown; inside: TreeJson; outside: TreeJson }
  | { clusters: number[]; inside: TreeJson; outside: TreeJson }
  | { leaf: number };

export function treeToJson(node: TreeNode): TreeJson {
  if ('leaf' in node) return { leaf: node.leaf };
  if ('clusters' in node) return { clusters: node.clusters, inside: treeToJson(node.inside), outside: treeToJson(node.outside) };
  return { cut: node.raw, inside: treeToJson(node.inside), outside: treeToJson(node.outside) };
}

export function treeFromJson(json: TreeJson): TreeNode {
  if ('leaf' in json) {
    if (!Number.isInteger(json.leaf)) fail('INTERNAL', 'a leaf without a number');
    return { leaf: json.leaf };
  }
  if ('clusters' in json) return { clusters: json.clusters, inside: treeFromJson(json.inside), outside: treeFromJson(json.outside) };
  return { cut: cutFromRaw(json.cut), raw: json.cut, inside: treeFromJson(json.inside), outside: treeFromJson(json.outside) };
}

/** Whether any node cuts on vector clusters (routing then needs each point's nearest centroid). */
export function hasClusterCuts(node: TreeNode): boolean {
  if ('leaf' in node) return false;
  return 'clusters' in node || hasClusterCuts(node.inside) || hasClusterCuts(node.outside);
}

/** The filter condition a cut tests (also how cuts are persisted). */
export function rawOfAtom(a: Atom): unknown {
  const s = a.set;
  if (s.kind === 'values') return s.values.length === 1 ? { key: a.key, match: { value: s.values[0] } } : { key: a.key, match: { any: s.values } };
  const conv = (x: number): number | string => (s.domain === 'datetime' ? new Date(x).toISOString() : x);
  const range: Record<string, number | string> = {};
  if (s.lo !== -Infinity) range[s.loIncl ? 'gte' : 'gt'] = conv(s.lo);
  if (s.hi !== Infinity) range[s.hiIncl ? 'lte' : 'lt'] = conv(s.hi);
  return { key: a.key, range };
}

export function cutFromRaw(raw: unknown): Atom {
  const nf = normalizeFilter(parseFilter({ must: [raw] }, 'cut'));
  if (nf.atoms.length !== 1 || nf.residual) fail('INTERNAL', `not a cut: ${JSON.stringify(raw)}`);
  return nf.atoms[0];
}

export function leaves(node: TreeNode): number[] {
  return 'leaf' in node ? [node.leaf] : [...leaves(node.inside), ...leaves(node.outside)];
}

/** The leaf a point with this payload (and this nearest centroid, when the tree has cluster cuts) belongs to. */
export function routePoint(node: TreeNode, payload: unknown, cluster = -1): number {
  let n = node;
  while (!('leaf' in n)) {
    if ('clusters' in n) n = n.clusters.includes(cluster) ? n.inside : n.outside;
    else n = satisfies(payload, n.cut) ? n.inside : n.outside;
  }
  return n.leaf;
}

export interface RoutedLeaf {
  leaf: number;
  /** Every point of the leaf satisfies the filter. */
  implied: boolean;
}

/**
 * The leaves a query must visit, and in which of them its filter is implied.
 * At a cluster cut, a query visits the sides holding its `probe` nearest
 * clusters (approximate, as IVF indexes are), or both when `probe` is null (exact).
 */
export function routeQuery(node: TreeNode, nf: NormalizedFilter, singleValued: (key: string) => boolean, probe: ReadonlySet<number> | null = null): RoutedLeaf[] {
  const out: RoutedLeaf[] = [];
  const noFilter = nf.atoms.length === 0 && !nf.residual;
  const walk = (n: TreeNode, implied: readonly boolean[]): void => {
    if ('leaf' in n) {
      out.push({ leaf: n.leaf, implied: noFilter || (!nf.residual && implied.every(Boolean)) });
      return;
    }
    if ('clusters' in n) {
      const clusters = n.clusters;
      if (!probe || [...probe].some((c) => clusters.includes(c))) walk(n.inside, implied);
      if (!probe || [...probe].some((c) => !clusters.includes(c))) walk(n.outside, implied);
      return;
    }
    for (const inside of [true, false]) {
      const side: CutSide = { cut: n.cut, inside };
      let contradicted = false;
      const next = implied.slice();
      nf.atoms.forEach((a, i) => {
        const r = relate(side, a, singleValued);
        if (r === 'contradicted') contradicted = true;
        else if (r === 'implied') next[i] = true;
      });
      if (!contradicted) walk(inside ? n.inside : n.outside, next);
    }
  };
  walk(node, nf.atoms.map(() => false));
  return out;
}

export function describeCut(a: Atom, inside: boolean): string {
  const s = a.set;
  let text: string;
  if (s.kind === 'values') {
    text = s.values.length === 1 ? `${a.key} = ${JSON.stringify(String(s.values[0]))}` : `${a.key} IN (${s.values.map((v) => JSON.stringify(String(v))).join(', ')})`;
  } else {
    const conv = (x: number): string => (s.domain === 'datetime' ? new Date(x).toISOString() : String(x));
    text = `${a.key} in ${s.loIncl ? '[' : '('}${s.lo === -Infinity ? '-inf' : conv(s.lo)}, ${s.hi === Infinity ? 'inf' : conv(s.hi)}${s.hiIncl ? ']' : ')'}`;
  }
  return inside ? text : `NOT ${text}`;
}

/** Each leaf's description: the cuts on its path. */
export function describeLeaves(node: TreeNode): Map<number, string> {
  const out = new Map<number, string>();
  const walk = (n: TreeNode, path: string[]): void => {
    if ('leaf' in n) out.set(n.leaf, path.length ? path.join(' AND ') : 'all points');
    else {
      walk(n.inside, [...path, describeNode(n, true)]);
      walk(n.outside, [...path, describeNode(n, false)]);
    }
  };
  walk(node, []);
  return out;
}

function describeNode(n: Exclude<TreeNode, { leaf: number }>, inside: boolean): string {
  if ('clusters' in n) return `${inside ? '' : 'NOT '}centroid IN (${n.clusters.join(', ')})`;
  return describeCut(n.cut, inside);
}

export function viewTree(node: TreeNode, sizes: (leaf: number) => number): TreeNodeView {
  if ('leaf' in node) return { partition: node.leaf, size: sizes(node.leaf) };
  return { cut: describeNode(node, true), inside: viewTree(node.inside, sizes), outside: viewTree(node.outside, sizes) };
}

// ---- the builder -----------------------------------------------------------

/** One distinct filter of the workload with how often it was run and the sample points it matches. */
export interface WorkloadFilter {
  nf: NormalizedFilter;
  weight: number;
  bits: Uint32Array;
}

export interface BuildInput {
  /** Sample size (bits per bitset) and the number of points it stands for. */
  sampleSize: number;
  total: number;
  queries: WorkloadFilter[];
  /** Candidate cuts with the sample points each one holds for: predicates, or sets of vector clusters. */
  cuts: ({ atom: Atom; bits: Uint32Array } | { clusters: number[]; bits: Uint32Array })[];
  /** With cluster cuts: how many clusters there are and how many nearest ones a query probes. */
  clusters?: { count: number; probe: number };
  minSize: number;
  maxLeaves: number;
  flatMaxRows: number;
  /**
   * Flat partitions of at least `minRows` rows are clustered by their workers, and an
   * approximate query then scores only `rows` of them (its IVF probe target at the
   * collection's default ef): the cost of a visit there, whatever the partition's size.
   */
  probe?: { rows: number; minRows: number };
  cost: CostModel;
  /** A whole-collection index remains: a query costs at most what it costs there. */
  globalIndex?: boolean;
  singleValued(key: string): boolean;
  /** Called between units of work; may wait (to keep the event loop responsive) and throw to abort. */
  tick(): Promise<void>;
  progress(done: number, total: number): void;
}

interface QueryState {
  q: number;
  /** Which of its atoms the path implies. */
  implied: boolean[];
  /** How many of its atoms the path does not imply. */
  left: number;
  /** Probability that the query reaches the node (below cluster cuts, which it follows only for its probed clusters). */
  reach: number;
}

interface Pending {
  members: Uint32Array;
  count: number;
  queries: QueryState[];
  best?: { cut: number; gain: number; inside: Uint32Array; outside: Uint32Array; qIn: QueryState[]; qOut: QueryState[] };
  node: { leaf: number } | TreeNode;
  replace(n: TreeNode): void;
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function count(a: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += popcount(a[i]);
  return n;
}

function andCount(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i] & b[i];
    if (w !== 0) n += popcount(w);
  }
  return n;
}

function and(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

function andNot(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & ~b[i];
  return out;
}

/** Returns the tree (leaves numbered 0..n-1) and its estimated workload cost before and after. */
export interface BuiltTree {
  tree: TreeNode;
  leaves: number;
  cost: { before: number; after: number };
  /** The workload's estimated cost in each leaf's partition (what its worker will spend on it). */
  leafCosts: number[];
  /** The workload's estimated cost that routing sends to the whole-collection index (0 without one). */
  collectionCost: number;
}

export async function buildTree(input: BuildInput): Promise<BuiltTree> {
  const { sampleSize, total, queries, cuts, cost } = input;
  const scale = total / Math.max(1, sampleSize);
  const minSample = Math.max(1, Math.ceil(input.minSize / scale));
  const words = Math.ceil(sampleSize / 32);

  const all = new Uint32Array(words);
  for (let i = 0; i < sampleSize; i++) all[i >>> 5] |= 1 << (i & 31);

  const isImplied = (st: QueryState): boolean => {
    const nf = queries[st.q].nf;
    return (nf.atoms.length === 0 && !nf.residual) || (!nf.residual && st.implied.every(Boolean));
  };
  const filtered = queries.map((q) => q.nf.atoms.length > 0 || q.nf.residual);
  // What each query would cost on the whole-collection index (Infinity without one).
  const matchTotal = queries.map((q, i) => (filtered[i] ? count(q.bits) * scale : total));
  const globalCost = queries.map((_, i) => (input.globalIndex ? cost.global(total, matchTotal[i], filtered[i]) : Infinity));
  // In a batch, the queries of a chunk with the same filter share its rows (read once, scored together):
  // a filter that is a share s of the workload has about s * BATCH_CHUNK sharers in each chunk.
  const totalWeight = queries.reduce((sum, q) => sum + q.weight, 0);
  const sharers = queries.map((q) => (cost.mode === 'batch' ? Math.max(1, (q.weight * BATCH_CHUNK) / Math.max(1, totalWeight)) : 1));
  /**
   * A visiting query's cost in a node of n sample points of which m match it. With a
   * whole-collection index, a query pays in each partition at most its share (by
   * matching points) of what that index would cost it: routing sends it there when
   * the partitions cost more, so a split never has to pay for queries it does not help.
   */
  const queryCost = (st: QueryState, n: number, mSample: number): number => costAt(st.q, st.reach, isImplied(st), n, mSample);
  /** Query i's cost in a node of n sample points of which mSample match it, reached with probability `reach`. */
  const costAt = (i: number, reach: number, implied: boolean, n: number, mSample: number): number => {
    const { partition, collection } = costParts(i, reach, implied, n, mSample);
    return partition + collection;
  };
  /** A query's cost in a node, split by where routing runs it: in the node's partition or on the whole-collection index. */
  const costParts = (i: number, reach: number, implied: boolean, n: number, mSample: number): { partition: number; collection: number } => {
    const size = n * scale;
    const flat = size <= input.flatMaxRows;
    const m = implied ? size : mSample * scale;
    const frac = filtered[i] ? (matchTotal[i] > 0 ? m / matchTotal[i] : 0) : size / Math.max(1, total);
    const probe = flat && input.probe && size >= input.probe.minRows ? input.probe.rows : undefined;
    const own = cost.visit(size, m, implied, flat, true, probe, sharers[i]) + (implied || !filtered[i] ? 0 : cost.filter * frac);
    // (Without a whole-collection index its cost is Infinity, and Infinity * 0 would be NaN.)
    const w = queries[i].weight * reach;
    if (input.globalIndex && globalCost[i] * frac < own) return { partition: 0, collection: w * globalCost[i] * frac };
    return { partition: w * own, collection: 0 };
  };

  /**
   * The sample points of each visiting query that are in the node: a list of positions when
   * few (a selective filter), else a bitset. A cut's side then costs one pass over the list
   * (or one AND-count) per query instead of AND-ing bitsets twice.
   */
  type Matches = { list: Int32Array } | { bits: Uint32Array; n: number };
  const matchesIn = (members: Uint32Array, qs: QueryState[]): Matches[] => qs.map((st) => {
    const both = and(queries[st.q].bits, members);
    const n = count(both);
    if (n * 4 > words) return { bits: both, n };
    const list = new Int32Array(n);
    let x = 0;
    for (let w = 0; w < words; w++) {
      let v = both[w];
      while (v !== 0) {
        const t = v & -v;
        list[x++] = (w << 5) + (31 - Math.clz32(t));
        v ^= t;
      }
    }
    return { list };
  });
  const countInside = (mt: Matches, cutBits: Uint32Array): { inside: number; all: number } => {
    if ('bits' in mt) return { inside: andCount(mt.bits, cutBits), all: mt.n };
    let inside = 0;
    for (const pos of mt.list) inside += (cutBits[pos >>> 5] >>> (pos & 31)) & 1;
    return { inside, all: mt.list.length };
  };
  const sizeOf = (mt: Matches): number => ('bits' in mt ? mt.n : mt.list.length);

  // What each cut side says about each distinct atom of the workload, worked out once (the
  // greedy builder asks again at every node it evaluates): 0 unknown, 1 implied, 2 contradicted.
  const atomIds = new Map<string, number>();
  const distinctAtoms: Atom[] = [];
  const atomsOf = queries.map((q) => Int32Array.from(q.nf.atoms, (a) => {
    const key = (a.negated ? '!' : '') + atomKey(a);
    let id = atomIds.get(key);
    if (id === undefined) {
      id = distinctAtoms.length;
      atomIds.set(key, id);
      distinctAtoms.push(a);
    }
    return id;
  }));
  const relations = new Int8Array(cuts.length * 2 * distinctAtoms.length).fill(-1);
  const relationOf = (ci: number, inside: boolean, atom: number): number => {
    const at = (ci * 2 + (inside ? 0 : 1)) * distinctAtoms.length + atom;
    let r = relations[at];
    if (r < 0) {
      const c = cuts[ci];
      const rel = 'atom' in c ? relate({ cut: c.atom, inside }, distinctAtoms[atom], input.singleValued) : 'unknown';
      relations[at] = r = rel === 'implied' ? 1 : rel === 'contradicted' ? 2 : 0;
    }
    return r;
  };
  /** A query on one side of a cut: undefined when the side contradicts it, else whether its whole filter is then implied. */
  const sideOf = (st: QueryState, ci: number, inside: boolean): boolean | undefined => {
    const ids = atomsOf[st.q];
    let left = st.left;
    for (let i = 0; i < ids.length; i++) {
      const r = relationOf(ci, inside, ids[i]);
      if (r === 2) return undefined;
      if (r === 1 && !st.implied[i]) left--;
    }
    return !queries[st.q].nf.residual && left === 0;
  };

  /** How the queries visiting a node split over a cut's two sides (null where a side is skipped). */
  const splitQueries = (qs: QueryState[], ci: number): [(QueryState | null)[], (QueryState | null)[]] => {
    const c = cuts[ci];
    if ('clusters' in c) {
      const [pIn, pOut] = clusterReach(c.clusters.length);
      return [qs.map((st) => ({ ...st, reach: st.reach * pIn })), qs.map((st) => ({ ...st, reach: st.reach * pOut }))];
    }
    const sides: [(QueryState | null)[], (QueryState | null)[]] = [[], []];
    for (const [si, inside] of [[0, true], [1, false]] as const) {
      for (const st of qs) {
        const ids = atomsOf[st.q];
        let contradicted = false;
        let implied: boolean[] | undefined;
        for (let i = 0; i < ids.length; i++) {
          const r = relationOf(ci, inside, ids[i]);
          if (r === 2) contradicted = true;
          else if (r === 1 && !st.implied[i]) (implied ??= st.implied.slice())[i] = true;
        }
        sides[si].push(contradicted ? null : implied ? { q: st.q, implied, left: implied.filter((x) => !x).length, reach: st.reach } : st);
      }
    }
    return sides;
  };
  /** The chance that a query probes a cluster cut's inside and its outside: query vectors are not known (the log keeps filters only), so it probes `probe` of `count` clusters at random. */
  const clusterReach = (inside: number): [number, number] => {
    const { count: k, probe } = input.clusters!;
    return [Math.min(1, (probe * inside) / k), Math.min(1, (probe * (k - inside)) / k)];
  };

  const nodeCost = (members: Uint32Array, n: number, qs: QueryState[]): number => {
    const mt = matchesIn(members, qs);
    let c = 0;
    qs.forEach((st, j) => (c += queryCost(st, n, sizeOf(mt[j]))));
    return c;
  };

  const evaluate = async (p: Pending): Promise<void> => {
    const mt = matchesIn(p.members, p.queries);
    let base = 0;
    p.queries.forEach((st, j) => (base += queryCost(st, p.count, sizeOf(mt[j]))));
    let best: { cut: number; gain: number } | undefined;
    for (let ci = 0; ci < cuts.length; ci++) {
      const cut = cuts[ci];
      const nIn = andCount(cut.bits, p.members);
      const nOut = p.count - nIn;
      if (nIn < minSample || nOut < minSample) continue;
      let after = 0;
      const reach = 'clusters' in cut ? clusterReach(cut.clusters.length) : undefined;
      for (let j = 0; j < p.queries.length; j++) {
        const st = p.queries[j];
        const { inside, all } = countInside(mt[j], cut.bits);
        if (reach) {
          const implied = isImplied(st);
          after += costAt(st.q, st.reach * reach[0], implied, nIn, inside) + costAt(st.q, st.reach * reach[1], implied, nOut, all - inside);
          continue;
        }
        const impliedIn = sideOf(st, ci, true);
        if (impliedIn !== undefined) after += costAt(st.q, st.reach, impliedIn, nIn, inside);
        const impliedOut = sideOf(st, ci, false);
        if (impliedOut !== undefined) after += costAt(st.q, st.reach, impliedOut, nOut, all - inside);
      }
      const gain = base - after;
      if (gain > 0 && (!best || gain > best.gain)) best = { cut: ci, gain };
      if ((ci & 7) === 7) await input.tick();
    }
    // Splits that gain less than 0.1% of the node's cost are not worth a partition.
    if (!best || best.gain <= base * 0.001) {
      p.best = undefined;
      return;
    }
    const cut = cuts[best.cut];
    const [sIn, sOut] = splitQueries(p.queries, best.cut);
    p.best = {
      cut: best.cut, gain: best.gain, inside: and(p.members, cut.bits), outside: andNot(p.members, cut.bits),
      qIn: sIn.filter((x): x is QueryState => x !== null), qOut: sOut.filter((x): x is QueryState => x !== null),
    };
  };

  const rootQueries: QueryState[] = queries.map((q, i) => ({ q: i, implied: q.nf.atoms.map(() => false), left: q.nf.atoms.length, reach: 1 }));
  let tree: TreeNode = { leaf: 0 };
  const root: Pending = { members: all, count: sampleSize, queries: rootQueries, node: tree, replace: (n) => { tree = n; } };
  const before = nodeCost(all, sampleSize, rootQueries);
  const openNodes: Pending[] = [root];
  await evaluate(root);
  let leavesCount = 1;
  let after = before;
  input.progress(0, input.maxLeaves - 1);
  while (leavesCount < input.maxLeaves) {
    let bi = -1;
    for (let i = 0; i < openNodes.length; i++) if (openNodes[i].best && (bi < 0 || openNodes[i].best!.gain > openNodes[bi].best!.gain)) bi = i;
    if (bi < 0) break;
    const p = openNodes.splice(bi, 1)[0];
    const b = p.best!;
    after -= b.gain;
    const inLeaf = { leaf: -1 };
    const outLeaf = { leaf: -1 };
    const chosen = cuts[b.cut];
    const node: TreeNode = 'clusters' in chosen
      ? { clusters: chosen.clusters, inside: inLeaf, outside: outLeaf }
      : { cut: chosen.atom, raw: rawOfAtom(chosen.atom), inside: inLeaf, outside: outLeaf };
    p.replace(node);
    const left: Pending = { members: b.inside, count: andCount(b.inside, all), queries: b.qIn, node: inLeaf, replace: (n) => { node.inside = n; } };
    const right: Pending = { members: b.outside, count: andCount(b.outside, all), queries: b.qOut, node: outLeaf, replace: (n) => { node.outside = n; } };
    leavesCount++;
    input.progress(leavesCount - 1, input.maxLeaves - 1);
    for (const child of [left, right]) {
      if (leavesCount < input.maxLeaves) await evaluate(child);
      openNodes.push(child);
    }
  }
  // Number the leaves left to right, and compute the cost of the final tree.
  let next = 0;
  // The workload's estimated cost in each leaf: what a worker owning it will spend on the workload.
  // Work that routing sends to the whole-collection index instead counts apart (it runs on that index's worker).
  const leafCost = new Map<object, number>();
  let collectionCost = 0;
  for (const p of openNodes) {
    const mt = matchesIn(p.members, p.queries);
    let c = 0;
    p.queries.forEach((st, j) => {
      const parts = costParts(st.q, st.reach, isImplied(st), p.count, sizeOf(mt[j]));
      c += parts.partition;
      collectionCost += parts.collection;
    });
    leafCost.set(p.node, c);
  }
  const costs: number[] = [];
  const number = (n: TreeNode): TreeNode => {
    if (!('leaf' in n)) return { ...n, inside: number(n.inside), outside: number(n.outside) };
    costs.push(leafCost.get(n) ?? 0);
    return { leaf: next++ };
  };
  tree = number(tree);
  input.progress(input.maxLeaves - 1, input.maxLeaves - 1);
  return { tree, leaves: next, cost: { before, after }, leafCosts: costs, collectionCost };
}

/** Candidate cuts: the workload's distinct atoms (positive form), the most used first. */
export function candidateAtoms(queries: { nf: NormalizedFilter; weight: number }[], limit: number, indexed: (key: string) => boolean): Atom[] {
  const byKey = new Map<string, { atom: Atom; weight: number }>();
  for (const q of queries) {
    for (const a of q.nf.atoms) {
      if (!indexed(a.key)) continue;
      const positive: Atom = { ...a, negated: false };
      const k = atomKey(positive);
      const e = byKey.get(k);
      if (e) e.weight += q.weight;
      else byKey.set(k, { atom: positive, weight: q.weight });
    }
  }
  return [...byKey.values()].sort((a, b) => b.weight - a.weight).slice(0, limit).map((e) => e.atom);
}

/**
 * At most `max` of a workload's distinct filters (0 = all), drawn with replacement with
 * probability proportional to their weight; each draw weighs total / max, so every
 * filter's expected weight, and the estimated cost of any layout, stays what it was.
 * Seeded: the same workload gives the same layout.
 */
export function sampleFilters<T extends { weight: number }>(filters: T[], max: number): T[] {
  if (max <= 0 || filters.length <= max) return filters;
  const cumulative = new Float64Array(filters.length);
  let total = 0;
  filters.forEach((f, i) => (cumulative[i] = total += f.weight));
  const drawn = new Map<number, number>();
  let state = 0x2545f491;
  for (let d = 0; d < max; d++) {
    state = nextState(state);
    const x = uniformOf(state) * total;
    let lo = 0, hi = filters.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    drawn.set(lo, (drawn.get(lo) ?? 0) + 1);
  }
  return [...drawn].map(([i, n]) => ({ ...filters[i], weight: (n * total) / max }));
}

export { count as bitsetCount };
