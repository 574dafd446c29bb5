// QPS against recall@k, one line per system (a point for exact systems),
// rendered to SVG headlessly with Vega (a bench peer). Without Vega the plot is
// skipped with a message; the JSON and Markdown reports do not depend on it.

import { importPeer } from '../lib/peers.js';
import type { RunResult } from '../runner/result.js';

interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
}

export function plotSpec(r: RunResult): Record<string, unknown> {
  const points = r.systems.flatMap((s) => {
    // A system that rejected some queries is plotted on the ones it answered: say so in its label.
    const system = s.sweep.some((p) => p.unsupported > 0) ? `${s.system} (answered queries only)` : s.system;
    return s.sweep.filter((p) => Number.isFinite(p.qps) && Number.isFinite(p.recall)).map((p) => ({ system, recall: p.recall, qps: p.qps, param: p.param }));
  });
  const minRecall = Math.min(0.5, ...points.map((p) => p.recall));
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    width: 640,
    height: 400,
    padding: 10,
    title: { text: `${r.suite}: QPS vs recall@${r.workload.k} (sweep subset, ${r.dataset.name})` },
    data: [
      { name: 'points', values: points },
      { name: 'target', values: [{ recall: r.workload.target }] },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: [Math.floor(minRecall * 20) / 20, 1], range: 'width', zero: false },
      { name: 'y', type: 'log', domain: { data: 'points', field: 'qps' }, range: 'height', nice: true },
      { name: 'color', type: 'ordinal', domain: { data: 'points', field: 'system' }, range: 'category' },
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: `recall@${r.workload.k}`, grid: true },
      { orient: 'left', scale: 'y', title: 'queries per second (log)', grid: true },
    ],
    legends: [{ fill: 'color', stroke: 'color', title: 'system', orient: 'top-left', labelLimit: 400 }],
    marks: [
      {
        type: 'rule',
        from: { data: 'target' },
        encode: { enter: { x: { scale: 'x', field: 'recall' }, y: { value: 0 }, y2: { signal: 'height' }, stroke: { value: '#999' }, strokeDash: { value: [4, 4] } } },
      },
      {
        type: 'group',
        from: { facet: { name: 'series', data: 'points', groupby: 'system' } },
        marks: [
          {
            type: 'line',
            from: { data: 'series' },
            sort: { field: 'datum.param' },
            encode: { enter: { x: { scale: 'x', field: 'recall' }, y: { scale: 'y', field: 'qps' }, stroke: { scale: 'color', field: 'system' }, strokeWidth: { value: 2 } } },
          },
          {
            type: 'symbol',
            from: { data: 'series' },
            encode: { enter: { x: { scale: 'x', field: 'recall' }, y: { scale: 'y', field: 'qps' }, fill: { scale: 'color', field: 'system' }, size: { value: 40 } } },
          },
        ],
      },
    ],
  };
}

/** The SVG text, or undefined (with the reason) when Vega is not installed. */
export async function renderPlot(r: RunResult): Promise<{ svg?: string; skipped?: string }> {
  let vega: VegaModule;
  try {
    vega = await importPeer<VegaModule>('vega');
  } catch (err) {
    return { skipped: err instanceof Error ? err.message : String(err) };
  }
  const view = new vega.View(vega.parse(plotSpec(r)), { renderer: 'none' });
  try {
    return { svg: await view.toSVG() };
  } finally {
    view.finalize();
  }
}
