// Draws the icon's layers into RGBA pixels without any image library: each shape is a signed distance
// function (negative inside), its edge anti-aliased from that distance, several samples per pixel so thin
// strokes keep their weight at 16 px.
import { CANVAS } from './icon-design.mjs';

const SAMPLES = 3; // per axis: 9 samples per pixel

/**
 * @param {ReadonlyArray<import('./icon-design.mjs').Layer>} layers
 * @param {number} size the width and height in pixels
 * @returns {Buffer} size × size pixels, RGBA, 8 bits per channel, not premultiplied
 */
export function rasterize(layers, size) {
  const unitsPerSample = CANVAS / size / SAMPLES;
  const painted = layers.map(({ shape, colour }) => ({ distance: distanceTo(shape), rgb: parseColour(colour) }));
  const out = Buffer.alloc(size * size * 4);
  // A pixel whose centre lies farther than this from an edge is wholly in or out of that shape (the distance
  // functions are exact), so only pixels on an edge pay for the samples.
  const reach = (CANVAS / size) * Math.SQRT1_2 + unitsPerSample;
  const cover = new Float64Array(painted.length); // per layer: 0 out, 1 in, NaN on an edge
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let l = 0; l < painted.length; l++) {
        const d = painted[l].distance((x + 0.5) * SAMPLES * unitsPerSample, (y + 0.5) * SAMPLES * unitsPerSample);
        cover[l] = d > reach ? 0 : d < -reach ? 1 : NaN;
      }
      // Premultiplied accumulation over all samples of this pixel.
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = (x * SAMPLES + sx + 0.5) * unitsPerSample;
          const py = (y * SAMPLES + sy + 0.5) * unitsPerSample;
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (let l = 0; l < painted.length; l++) {
            const { distance, rgb } = painted[l];
            const c = Number.isNaN(cover[l]) ? Math.min(1, Math.max(0, 0.5 - distance(px, py) / unitsPerSample)) : cover[l];
            if (c === 0) continue;
            cr = rgb[0] * c + cr * (1 - c);
            cg = rgb[1] * c + cg * (1 - c);
            cb = rgb[2] * c + cb * (1 - c);
            ca = c + ca * (1 - c);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const n = SAMPLES * SAMPLES;
      const i = (y * size + x) * 4;
      const alpha = a / n;
      out[i + 3] = Math.round(alpha * 255);
      if (alpha > 0) {
        out[i] = Math.round(r / n / alpha);
        out[i + 1] = Math.round(g / n / alpha);
        out[i + 2] = Math.round(b / n / alpha);
      }
    }
  }
  return out;
}

/**
 * @param {import('./icon-design.mjs').Shape} s
 * @returns {(x: number, y: number) => number} the signed distance from a point to the shape's edge
 */
function distanceTo(s) {
  switch (s.kind) {
    case 'roundRect': return (x, y) => {
      const inner = s.half - s.radius;
      const qx = Math.abs(x - s.cx) - inner;
      const qy = Math.abs(y - s.cy) - inner;
      return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.radius;
    };
    case 'disc': return (x, y) => Math.hypot(x - s.cx, y - s.cy) - s.r;
    case 'ring': return (x, y) => Math.abs(Math.hypot(x - s.cx, y - s.cy) - s.r) - s.width / 2;
    case 'stroke': return (x, y) => {
      let nearest = Infinity;
      for (let i = 1; i < s.points.length; i++) nearest = Math.min(nearest, segmentDistance(x, y, s.points[i - 1], s.points[i]));
      return nearest - s.width / 2; // round caps and joins, as the SVG's stroke-linecap/linejoin say
    };
    default: throw new Error(`Unknown shape ${JSON.stringify(s)}`);
  }
}

/** @param {number} x @param {number} y @param {readonly [number, number]} a @param {readonly [number, number]} b */
function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** @param {string} hex '#rrggbb' @returns {readonly [number, number, number]} */
function parseColour(hex) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Colours are #rrggbb, not ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
