/**
 * Draws the app icon (build/icon.png, 512×512 RGBA) with a tiny PNG encoder,
 * so no image tool or network is needed: a teal rounded square with three
 * stacked boxes and an amber dot — a stockroom with one thing running low.
 *   npx tsx scripts/make-icon.ts [out.png] [size]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

type RGBA = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (row-major) → PNG bytes. */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Shapes in a 0..1 coordinate space; the last one containing a point wins. */
type Shape = { inside(x: number, y: number): boolean; color: RGBA };

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number, color: RGBA): Shape {
  return {
    color,
    inside(x, y) {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
      const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
      return dx * dx + dy * dy <= r * r;
    },
  };
}

function circle(cx: number, cy: number, r: number, color: RGBA): Shape {
  return { color, inside: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r };
}

const TEAL: RGBA = [15, 118, 110, 255];
const BOX: RGBA = [250, 245, 235, 255];
const TAPE: RGBA = [214, 196, 160, 255];
const AMBER: RGBA = [245, 158, 11, 255];
const RING: RGBA = [255, 255, 255, 255];

const SHAPES: Shape[] = [
  roundedRect(0.04, 0.04, 0.96, 0.96, 0.2, TEAL),
  // two boxes at the bottom, one on top
  roundedRect(0.18, 0.52, 0.49, 0.8, 0.03, BOX),
  roundedRect(0.51, 0.52, 0.82, 0.8, 0.03, BOX),
  roundedRect(0.345, 0.24, 0.655, 0.5, 0.03, BOX),
  // tape strips
  roundedRect(0.31, 0.52, 0.36, 0.62, 0.005, TAPE),
  roundedRect(0.64, 0.52, 0.69, 0.62, 0.005, TAPE),
  roundedRect(0.475, 0.24, 0.525, 0.34, 0.005, TAPE),
  // the alert dot, ringed so it reads on any background
  circle(0.78, 0.24, 0.11, RING),
  circle(0.78, 0.24, 0.085, AMBER),
];

export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const S = 4; // 4×4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          for (let i = SHAPES.length - 1; i >= 0; i--) {
            const shape = SHAPES[i]!;
            if (shape.inside(x, y)) {
              const [cr, cg, cb, ca] = shape.color;
              r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
      }
      pixels[o + 3] = Math.round(a / (S * S));
    }
  }
  return pixels;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const out = process.argv[2] ?? path.join(root, 'build', 'icon.png');
  const size = Number(process.argv[3] ?? 512);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, encodePng(size, size, drawIcon(size)));
  console.log(`wrote ${path.relative(process.cwd(), out)} (${size}×${size})`);
}
