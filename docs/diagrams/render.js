#!/usr/bin/env node
// Renders ../../bpmn/*.bpmn to ../<name>.png the way Camunda Modeler draws them: bpmn-js (the
// library inside Modeler) in headless Chromium, cropped to the diagram with a margin, white background,
// 1.5x device scale. Also prints a layout check (overlapping shapes, labels on edges or shapes,
// edges through shapes) for each diagram, with element ids.
//
//   (cd docs/diagrams && npm ci && node render.js)            # every model
//   node render.js lead-intake quote-approval                  # some of them
//
// Chromium: /usr/bin/chromium, or CHROMIUM_PATH=/path/to/chrome. Nothing is downloaded.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

const BPMN_DIR = path.resolve(__dirname, '..', '..', 'bpmn');
const OUT_DIR = path.resolve(__dirname, '..');
const PAGE = pathToFileURL(path.join(__dirname, 'viewer.html')).href;
const MARGIN = 24; // px around the diagram's bounding box
const WATERMARK_BAND = 36; // px below the diagram for the bpmn.io mark (bottom right), so it covers nothing
const SCALE = 1.5;

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error('No Chromium found; install it (apt-get install chromium) or set CHROMIUM_PATH');
  }
  return found;
}

function selectedModels(args) {
  const all = fs.readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn')).sort()
    .map((f) => f.replace(/\.bpmn$/, ''));
  if (args.length === 0) return all;
  const unknown = args.filter((a) => !all.includes(a.replace(/\.bpmn$/, '')));
  if (unknown.length) throw new Error(`No such model in bpmn/: ${unknown.join(', ')}`);
  return args.map((a) => a.replace(/\.bpmn$/, ''));
}

// Runs in the page after import: geometric checks on what bpmn-js actually drew.
function layoutCheck() {
  const registry = window.viewer.get('elementRegistry');
  const canvas = window.viewer.get('canvas');
  const root = canvas.getRootElement();
  const all = registry.getAll().filter((e) => e !== root);
  const isLabel = (e) => e.type === 'label';
  const isEdge = (e) => !!e.waypoints;
  const shapes = all.filter((e) => !isLabel(e) && !isEdge(e));
  const edges = all.filter(isEdge);
  const isContainer = (e) => e.type === 'bpmn:SubProcess' || e.type === 'bpmn:Transaction'
    || e.type === 'bpmn:AdHocSubProcess' || e.type === 'bpmn:Participant' || e.type === 'bpmn:Lane';
  const rect = (e) => ({ x: e.x, y: e.y, w: e.width, h: e.height });
  const shrink = (r, d) => ({ x: r.x + d, y: r.y + d, w: r.w - 2 * d, h: r.h - 2 * d });
  const intersects = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const contains = (outer, inner) => inner.x >= outer.x && inner.y >= outer.y
    && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
  const isAncestor = (a, b) => { for (let p = b.parent; p; p = p.parent) if (p === a) return true; return false; };
  const name = (e) => (e.businessObject && e.businessObject.id) || e.id;

  // Liang-Barsky: does segment p-q pass through rectangle r?
  function segHitsRect(p, q, r) {
    let t0 = 0; let t1 = 1;
    const dx = q.x - p.x; const dy = q.y - p.y;
    const checks = [[-dx, p.x - r.x], [dx, r.x + r.w - p.x], [-dy, p.y - r.y], [dy, r.y + r.h - p.y]];
    for (const [pp, qq] of checks) {
      if (pp === 0) { if (qq < 0) return false; continue; }
      const t = qq / pp;
      if (pp < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return t1 - t0 > 1e-6;
  }
  // the drawn outline: diamonds for gateways, circles for events, rectangles otherwise
  const outline = (e) => (/Gateway$/.test(e.type) ? 'diamond' : /Event$/.test(e.type) ? 'circle' : 'rect');
  function shapeHitsBox(s, box, inset) {
    const r = shrink(rect(s), inset);
    if (!intersects(box, r)) return false;
    const kind = outline(s);
    if (kind === 'rect') return true;
    const cx = r.x + r.w / 2; const cy = r.y + r.h / 2;
    const dx = Math.abs(Math.min(Math.max(cx, box.x), box.x + box.w) - cx) / (r.w / 2);
    const dy = Math.abs(Math.min(Math.max(cy, box.y), box.y + box.h) - cy) / (r.h / 2);
    return kind === 'diamond' ? dx + dy < 1 : dx * dx + dy * dy < 1;
  }
  function segHitsShape(p, q, s, inset) {
    if (outline(s) === 'rect') return segHitsRect(p, q, shrink(rect(s), inset));
    const n = Math.ceil(Math.hypot(q.x - p.x, q.y - p.y));
    for (let i = 0; i <= n; i++) {
      const x = p.x + ((q.x - p.x) * i) / Math.max(n, 1); const y = p.y + ((q.y - p.y) * i) / Math.max(n, 1);
      if (shapeHitsBox(s, { x, y, w: 0, h: 0 }, inset)) return true;
    }
    return false;
  }
  const segments = (edge) => edge.waypoints.slice(1).map((q, i) => [edge.waypoints[i], q]);

  // external labels: the text as drawn, not the DI box
  function labelBox(label) {
    const text = registry.getGraphics(label).querySelector('.djs-visual text');
    if (!text || !text.textContent.trim()) return null;
    const b = text.getBBox();
    return { x: label.x + b.x, y: label.y + b.y, w: b.width, h: b.height };
  }
  const labels = all.filter(isLabel).map((l) => ({ l, box: labelBox(l) })).filter((x) => x.box);

  const problems = [];
  // 1. shapes on shapes (a shape inside its container and a boundary event on its host are fine)
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const a = shapes[i]; const b = shapes[j];
      if (isAncestor(a, b) || isAncestor(b, a) || a.host === b || b.host === a) continue;
      if (intersects(shrink(rect(a), 1), shrink(rect(b), 1))
        && shapeHitsBox(a, shrink(rect(b), 1), 1) && shapeHitsBox(b, shrink(rect(a), 1), 1)) {
        problems.push(`shapes overlap: ${name(a)} / ${name(b)}`);
      }
    }
  }
  // 2. labels on shapes, labels, edges
  for (let i = 0; i < labels.length; i++) {
    const { l, box } = labels[i];
    const owner = l.labelTarget;
    for (const s of shapes) {
      if (s.host === owner) continue;
      const r = rect(s);
      if (isContainer(s) && contains(r, box)) continue;
      if (shapeHitsBox(s, shrink(box, 1), 0)) {
        problems.push(s === owner ? `label of ${name(owner)} on its own shape` : `label of ${name(owner)} on shape ${name(s)}`);
      }
    }
    for (let j = i + 1; j < labels.length; j++) {
      if (intersects(box, labels[j].box)) {
        problems.push(`labels overlap: ${name(owner)} / ${name(labels[j].l.labelTarget)}`);
      }
    }
    for (const e of edges) {
      if (segments(e).some(([p, q]) => segHitsRect(p, q, shrink(box, 1)))) {
        problems.push(`label of ${name(owner)} on edge ${name(e)}${e === owner ? ' (its own)' : ''}`);
      }
    }
  }
  // 3. edges through shapes other than their own source and target
  for (const e of edges) {
    for (const s of shapes) {
      if (s === e.source || s === e.target) continue;
      const r = rect(s);
      const hit = isContainer(s)
        ? segments(e).some(([p, q]) => segHitsRect(p, q, r)
          && !(contains(r, { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(q.x - p.x), h: Math.abs(q.y - p.y) })))
          && !(isAncestor(s, e.source) && isAncestor(s, e.target))
        : segments(e).some(([p, q]) => segHitsShape(p, q, s, 2));
      if (hit) problems.push(`edge ${name(e)} crosses shape ${name(s)}`);
    }
  }
  // 4. edges drawn on top of each other (collinear overlapping segments)
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i]; const b = edges[j];
      let shared = 0;
      for (const [p, q] of segments(a)) {
        for (const [u, v] of segments(b)) {
          if (p.y === q.y && u.y === v.y && p.y === u.y) {
            shared = Math.max(shared, Math.min(Math.max(p.x, q.x), Math.max(u.x, v.x)) - Math.max(Math.min(p.x, q.x), Math.min(u.x, v.x)));
          } else if (p.x === q.x && u.x === v.x && p.x === u.x) {
            shared = Math.max(shared, Math.min(Math.max(p.y, q.y), Math.max(u.y, v.y)) - Math.max(Math.min(p.y, q.y), Math.min(u.y, v.y)));
          }
        }
      }
      if (shared > 4) {
        const note = a.target === b.target ? ' (same target)' : a.source === b.source ? ' (same source)' : '';
        problems.push(`edges overlap for ${Math.round(shared)}px: ${name(a)} / ${name(b)}${note}`);
      }
    }
  }
  return problems;
}

async function render(page, model) {
  const xml = fs.readFileSync(path.join(BPMN_DIR, `${model}.bpmn`), 'utf8');
  await page.setViewport({ width: 800, height: 600, deviceScaleFactor: SCALE });
  await page.goto(PAGE, { waitUntil: 'load' });
  const imported = await page.evaluate(async (text) => {
    try {
      const { warnings } = await window.viewer.importXML(text);
      return { warnings: warnings.map((w) => w.message) };
    } catch (err) {
      return { error: err.message, warnings: (err.warnings || []).map((w) => w.message) };
    }
  }, xml);
  if (imported.error) throw new Error(`${model}: import failed: ${imported.error}`);
  const { inner } = await page.evaluate(() => {
    const canvas = window.viewer.get('canvas');
    canvas.zoom(1);
    return { inner: canvas.viewbox().inner };
  });
  const width = Math.ceil(inner.width + 2 * MARGIN);
  const height = Math.ceil(inner.height + 2 * MARGIN + WATERMARK_BAND);
  await page.setViewport({ width, height, deviceScaleFactor: SCALE });
  await page.evaluate((box) => {
    const canvas = window.viewer.get('canvas');
    canvas.resized();
    canvas.viewbox(box);
  }, { x: Math.floor(inner.x - MARGIN), y: Math.floor(inner.y - MARGIN), width, height });
  // let the frame (and the watermark image) settle before the screenshot
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode().catch(() => {})))
    .then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  const out = path.join(OUT_DIR, `${model}.png`);
  await page.screenshot({ path: out, type: 'png', omitBackground: false });
  const problems = await page.evaluate(layoutCheck);
  return { out, width, height, warnings: imported.warnings, problems };
}

async function main() {
  const models = selectedModels(process.argv.slice(2));
  const args = ['--hide-scrollbars', '--font-render-hinting=none'];
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args });
  let failed = false;
  try {
    const page = await browser.newPage();
    page.on('pageerror', (err) => { console.error(`page error: ${err.message}`); failed = true; });
    for (const model of models) {
      const r = await render(page, model);
      console.log(`${path.relative(process.cwd(), r.out)}  ${Math.round(r.width * SCALE)}x${Math.round(r.height * SCALE)}`);
      for (const w of r.warnings) { console.log(`  import warning: ${w}`); failed = true; }
      for (const p of r.problems) console.log(`  layout: ${p}`);
    }
  } finally {
    await browser.close();
  }
  if (failed) process.exitCode = 1;
}

main().catch((err) => { console.error(err.message || err); process.exit(1); });
