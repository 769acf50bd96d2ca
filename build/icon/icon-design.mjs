// The Taskomatic icon, drawn once as data: a clock (the schedule) with a green check (the task done) on the
// app's accent blue. The SVG and every PNG are made from these layers, so they cannot drift apart.

/** The canvas the design is drawn on; every coordinate below is in these units. */
export const CANVAS = 1024;

const ACCENT = '#2563eb'; // --accent of renderer/src/styles/app.css
const WHITE = '#ffffff';
const GREEN = '#16a34a';

/**
 * @typedef {{ kind: 'roundRect', cx: number, cy: number, half: number, radius: number }
 *   | { kind: 'disc', cx: number, cy: number, r: number }
 *   | { kind: 'ring', cx: number, cy: number, r: number, width: number }
 *   | { kind: 'stroke', points: ReadonlyArray<readonly [number, number]>, width: number }} Shape
 * @typedef {{ readonly shape: Shape, readonly colour: string }} Layer
 */

/** @type {ReadonlyArray<Layer>} Back to front, filling the canvas but for a 64-unit margin. */
const FULL = Object.freeze([
  { shape: { kind: 'roundRect', cx: 512, cy: 512, half: 448, radius: 192 }, colour: ACCENT },
  { shape: { kind: 'ring', cx: 480, cy: 480, r: 270, width: 64 }, colour: WHITE },
  { shape: { kind: 'stroke', points: [[480, 480], [480, 290]], width: 56 }, colour: WHITE },
  { shape: { kind: 'stroke', points: [[480, 480], [620, 480]], width: 56 }, colour: WHITE },
  // A disc of the background colour cuts the clock's ring so the badge reads as lying on top of it.
  { shape: { kind: 'disc', cx: 730, cy: 730, r: 168 }, colour: ACCENT },
  { shape: { kind: 'disc', cx: 730, cy: 730, r: 132 }, colour: GREEN },
  { shape: { kind: 'stroke', points: [[668, 734], [712, 778], [796, 690]], width: 40 }, colour: WHITE },
]);

/**
 * The layers for a platform. macOS icons keep Apple's grid (the tile is 824 of 1024 units, centred, the rest
 * transparent so the Dock's shadow fits); Linux and Windows use the tile nearly edge to edge.
 * @param {'mac' | 'default'} variant
 * @returns {ReadonlyArray<Layer>}
 */
export function iconLayers(variant) {
  return variant === 'mac' ? FULL.map((layer) => scaleLayer(layer, 824 / 896)) : FULL;
}

/** @param {Layer} layer @param {number} k @returns {Layer} */
function scaleLayer(layer, k) {
  const at = (/** @type {number} */ v) => round(CANVAS / 2 + (v - CANVAS / 2) * k);
  const s = layer.shape;
  switch (s.kind) {
    case 'roundRect': return { ...layer, shape: { ...s, cx: at(s.cx), cy: at(s.cy), half: round(s.half * k), radius: round(s.radius * k) } };
    case 'disc': return { ...layer, shape: { ...s, cx: at(s.cx), cy: at(s.cy), r: round(s.r * k) } };
    case 'ring': return { ...layer, shape: { ...s, cx: at(s.cx), cy: at(s.cy), r: round(s.r * k), width: round(s.width * k) } };
    case 'stroke': return { ...layer, shape: { ...s, points: s.points.map(([x, y]) => [at(x), at(y)]), width: round(s.width * k) } };
    default: throw new Error(`Unknown shape ${JSON.stringify(s)}`);
  }
}

const round = (/** @type {number} */ v) => Math.round(v * 100) / 100;

/**
 * The layers as an SVG document (the scalable icon Linux desktops use, and the design's readable form).
 * @param {ReadonlyArray<Layer>} layers
 * @returns {string}
 */
export function toSvg(layers) {
  const body = layers.map(({ shape: s, colour }) => {
    switch (s.kind) {
      case 'roundRect': return `<rect x="${s.cx - s.half}" y="${s.cy - s.half}" width="${2 * s.half}" height="${2 * s.half}" rx="${s.radius}" fill="${colour}"/>`;
      case 'disc': return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${colour}"/>`;
      case 'ring': return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="none" stroke="${colour}" stroke-width="${s.width}"/>`;
      case 'stroke': return `<polyline points="${s.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${colour}" stroke-width="${s.width}" stroke-linecap="round" stroke-linejoin="round"/>`;
      default: throw new Error(`Unknown shape ${JSON.stringify(s)}`);
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CANVAS}" height="${CANVAS}" viewBox="0 0 ${CANVAS} ${CANVAS}">`,
    '  <title>Taskomatic</title>',
    ...body.map((line) => `  ${line}`),
    '</svg>',
    '',
  ].join('\n');
}
