/**
 * A minimal PNG encoder (ISO/IEC 15948) for small palette images: signature, IHDR,
 * PLTE, one IDAT of zlib-deflated scanlines, IEND, each chunk with its CRC-32.
 */
import { crc32, deflateSync } from 'node:zlib'

export interface PaletteImage {
  width: number
  height: number
  /** RGB triples, at most 16 (4-bit indexes). */
  palette: readonly (readonly [number, number, number])[]
  /** One palette index per pixel, row by row. */
  pixels: Uint8Array
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** Encodes a 4-bit palette image as PNG bytes. */
export function encodePalettePng(image: PaletteImage): Uint8Array {
  const { width, height, palette, pixels } = image
  if (palette.length === 0 || palette.length > 16) throw new RangeError('a 4-bit palette has 1 to 16 colours')
  if (pixels.length !== width * height) throw new RangeError('pixel count does not match the size')
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([4, 3, 0, 0, 0], 8) // bit depth 4, colour type 3 (palette), deflate, no filter method, no interlace
  const plte = new Uint8Array(palette.length * 3)
  palette.forEach((rgb, i) => {
    plte.set(rgb, i * 3)
  })
  const stride = Math.ceil(width / 2)
  const raw = new Uint8Array((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1)
    raw[row] = 0 // filter type None
    for (let x = 0; x < width; x++) {
      const index = (pixels[y * width + x] ?? 0) & 0x0f
      raw[row + 1 + (x >> 1)] = (raw[row + 1 + (x >> 1)] ?? 0) | (x % 2 === 0 ? index << 4 : index)
    }
  }
  const parts = [
    new Uint8Array(signature),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
