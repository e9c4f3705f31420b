// Draws a manifest's jobs as a DAG: dagre lays the nodes out left to right from their dependsOn edges, and the
// drawing is plain SVG. Each node links to its job and carries its key and state as data attributes.

import { graphlib, layout } from '../vendor/dagre/dagre.esm.js';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_HEIGHT = 48;

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** Wide enough for the key (bold 14px) and the type and state line (12px) with a margin either side. */
function nodeWidth(job) {
  return Math.ceil(Math.max(120, 24 + Math.max(9.4 * job.key.length, 7.4 * (job.type.length + 12))));
}

/**
 * Recolours an existing drawing in place when the manifest's jobs are still the same (their states changed), so
 * focus and scroll position survive live updates; false when it must be drawn anew.
 */
export function updateGraph(drawing, manifest) {
  if (!drawing) return false;
  const nodes = new Map([...drawing.querySelectorAll('.node')].map(node => [node.dataset.key, node]));
  if (nodes.size !== manifest.jobs.length || !manifest.jobs.every(job => nodes.has(job.key))) return false;
  for (const job of manifest.jobs) {
    const node = nodes.get(job.key);
    if (node.dataset.state === job.state) continue;
    node.setAttribute('class', `node state-${job.state}`);
    node.dataset.state = job.state;
    node.setAttribute('aria-label', `${job.key}, ${job.type}, ${job.state}`);
    node.querySelector('title').textContent = `${job.key}: ${job.type}, ${job.state}`;
    node.querySelector('.node-detail').textContent = `${job.type} · ${job.state}`;
  }
  return true;
}

/** A new SVG of the manifest's jobs, laid out by dagre. */
export function drawGraph(manifest) {
  const graph = new graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, marginx: 12, marginy: 12 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const job of manifest.jobs) {
    graph.setNode(job.key, { width: nodeWidth(job), height: NODE_HEIGHT, job });
  }
  for (const job of manifest.jobs) {
    for (const upstream of job.dependsOn || []) graph.setEdge(upstream, job.key);
  }
  layout(graph);
  const { width, height } = graph.graph();

  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8,
    markerHeight: 8, orient: 'auto-start-reverse' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  const edges = graph.edges().map(({ v, w }) => {
    const points = graph.edge(v, w).points;
    const d = points.map((point, index) => `${index ? 'L' : 'M'}${point.x.toFixed(1)},${point.y.toFixed(1)}`)
      .join(' ');
    return svg('path', { d, class: 'edge', 'marker-end': 'url(#arrow)', 'data-from': v, 'data-to': w });
  });
  const nodes = graph.nodes().map(key => {
    const { x, y, width: w, height: hgt, job } = graph.node(key);
    const title = svg('title');
    title.textContent = `${job.key}: ${job.type}, ${job.state}`;
    const name = svg('text', { x: x - w / 2 + 10, y: y - 4, class: 'node-key' });
    name.textContent = job.key;
    const detail = svg('text', { x: x - w / 2 + 10, y: y + 14, class: 'node-detail' });
    detail.textContent = `${job.type} · ${job.state}`;
    return svg('a', { href: `#/jobs/${job.id}`, class: `node state-${job.state}`, 'data-key': job.key,
      'data-state': job.state, 'aria-label': `${job.key}, ${job.type}, ${job.state}` },
    title,
    svg('rect', { x: x - w / 2, y: y - hgt / 2, width: w, height: hgt, rx: 6 }),
    name, detail);
  });
  return svg('svg', { class: 'dag', id: 'manifest-graph', width, height, viewBox: `0 0 ${width} ${height}`,
    role: 'group', 'aria-label': `Dependency graph of ${manifest.jobs.length} jobs` },
  svg('defs', {}, marker), svg('g', { class: 'edges' }, ...edges), svg('g', { class: 'nodes' }, ...nodes));
}
