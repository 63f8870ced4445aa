/**
 * Synthetic portraits: a tiny stylised face drawn from a seed, never a photograph of
 * anyone. 48x60 pixels in 16 colours, a few hundred bytes of PNG, small enough to travel
 * inside a credential or a QR code. The pixels depend only on the seed and the hints;
 * the compressed bytes on the zlib that Node.js bundles.
 */
import { encodePalettePng } from './encode-png.ts'
import { createRandom, mix32 } from './random.ts'

export interface PortraitHints {
  /** ISO/IEC 5218: 1 male, 2 female; picks hair and beard styles. */
  sex?: number
  /** Whole years; greys the hair of older people and drops beards on children. */
  age?: number
}

type Rgb = readonly [number, number, number]

const width = 48
const height = 60

const backgrounds: readonly Rgb[] = [
  [0xdf, 0xe8, 0xf1],
  [0xe6, 0xee, 0xe0],
  [0xf1, 0xe6, 0xd8],
  [0xe9, 0xe0, 0xef],
  [0xe3, 0xe3, 0xe3],
  [0xd9, 0xec, 0xec],
]
const skins: readonly Rgb[] = [
  [0xf6, 0xd5, 0xbd],
  [0xf0, 0xc8, 0xa8],
  [0xe2, 0xb4, 0x8e],
  [0xd1, 0x9f, 0x7a],
  [0xb6, 0x85, 0x62],
  [0x8d, 0x5e, 0x42],
]
const hairs: readonly Rgb[] = [
  [0x2b, 0x20, 0x1a],
  [0x4a, 0x32, 0x24],
  [0x6b, 0x4a, 0x2f],
  [0x8c, 0x6a, 0x45],
  [0xc9, 0xa8, 0x6a],
  [0x8e, 0x3b, 0x22],
]
const greys: readonly Rgb[] = [
  [0x9a, 0x9a, 0x9a],
  [0xc4, 0xc4, 0xc0],
  [0xe4, 0xe2, 0xdc],
]
const clothes: readonly Rgb[] = [
  [0x2f, 0x4b, 0x7c],
  [0x3b, 0x6e, 0x4f],
  [0x7a, 0x2e, 0x3b],
  [0x44, 0x44, 0x4c],
  [0x8a, 0x6d, 0x3b],
  [0x5b, 0x4a, 0x8a],
]

function shade(rgb: Rgb, factor: number): Rgb {
  return [Math.floor(rgb[0] * factor), Math.floor(rgb[1] * factor), Math.floor(rgb[2] * factor)]
}

function inEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number): boolean {
  const dx = (x + 0.5 - cx) / rx
  const dy = (y + 0.5 - cy) / ry
  return dx * dx + dy * dy <= 1
}

// Palette slots.
const BG = 0
const SKIN = 1
const SKIN_SHADE = 2
const HAIR = 3
const EYE = 4
const LIP = 5
const CLOTH = 6
const CLOTH_SHADE = 7
const FRAME = 8
const WHITE = 9

/** The PNG portrait of a portrait seed. */
export function portraitOf(seed: number, hints: PortraitHints = {}): Uint8Array {
  const random = createRandom(mix32(seed ^ 0x5f3759df))
  const sex = hints.sex ?? (random.chance(0.5) ? 1 : 2)
  const age = hints.age ?? random.int(18, 80)
  const skin = random.pick(skins)
  const grey = age >= 60 || (age >= 45 && random.chance(0.3))
  const hair = grey ? random.pick(greys) : random.pick(hairs)
  const palette: Rgb[] = [
    random.pick(backgrounds),
    skin,
    shade(skin, 0.86),
    hair,
    [0x2a, 0x22, 0x20],
    shade([0xc0, 0x6a, 0x66], skin[0] / 255),
    random.pick(clothes),
    [0, 0, 0],
    [0x33, 0x33, 0x38],
    [0xfa, 0xfa, 0xfa],
  ]
  palette[CLOTH_SHADE] = shade(palette[CLOTH] ?? [0, 0, 0], 0.75)

  const child = age < 14
  const faceRx = random.int(11, 13) - (child ? 1 : 0)
  const faceRy = random.int(14, 16) - (child ? 1 : 0)
  const faceCy = 27
  const longHair = sex === 2 ? random.chance(0.8) : random.chance(0.05)
  const bald = sex === 1 && age > 40 && random.chance(0.25)
  const fringe = random.int(0, 3)
  const beard = sex === 1 && age >= 20 && random.chance(0.18)
  const glasses = random.chance(age > 50 ? 0.45 : 0.15)
  const smile = random.chance(0.6)
  const eyeDx = random.int(4, 6)

  const pixels = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c = BG
      if (longHair && inEllipse(x, y, 24, 30, faceRx + 5, faceRy + 9) && y < 50) c = HAIR
      if (inEllipse(x, y, 24, 64, 22, 15)) c = y < 52 ? CLOTH_SHADE : CLOTH
      if (x >= 20 && x < 28 && y >= 38 && y < 50) c = SKIN_SHADE
      if (inEllipse(x, y, 24, 50, 4, 3) && y >= 49) c = SKIN_SHADE
      if (inEllipse(x, y, 24 - faceRx, 28, 2.2, 3.2) || inEllipse(x, y, 24 + faceRx, 28, 2.2, 3.2)) c = SKIN_SHADE
      const face = inEllipse(x, y, 24, faceCy, faceRx, faceRy)
      if (face) c = SKIN
      const hairline = faceCy - faceRy + 6 + fringe
      // The hairline dips towards the temples.
      const temple = Math.abs(x + 0.5 - 24) * 0.35
      if (!bald && inEllipse(x, y, 24, faceCy - 3, faceRx + 2, faceRy + 1) && y < hairline + temple) c = HAIR
      if (bald && inEllipse(x, y, 24, faceCy - 3, faceRx + 2, faceRy + 1) && y < faceCy && !face) c = HAIR
      if (beard && face && y > faceCy + 4) c = HAIR
      pixels[y * width + x] = c
    }
  }
  const set = (x: number, y: number, c: number) => {
    if (x >= 0 && x < width && y >= 0 && y < height) pixels[y * width + x] = c
  }
  const eyeY = faceCy
  for (const side of [-1, 1]) {
    const ex = 24 + side * eyeDx
    set(ex - 1, eyeY, WHITE)
    set(ex, eyeY, EYE)
    set(ex - 1, eyeY + 1, EYE)
    set(ex, eyeY + 1, EYE)
    for (let i = -2; i <= 1; i++) set(ex + i, eyeY - 3, grey ? EYE : HAIR)
    if (glasses) {
      for (let i = -3; i <= 2; i++) {
        set(ex + i, eyeY - 2, FRAME)
        set(ex + i, eyeY + 3, FRAME)
      }
      for (let j = -2; j <= 3; j++) {
        set(ex - 3, eyeY + j, FRAME)
        set(ex + 2, eyeY + j, FRAME)
      }
    }
  }
  if (glasses) for (let i = 24 - eyeDx + 3; i <= 24 + eyeDx - 4; i++) set(i, eyeY - 1, FRAME)
  for (let j = 0; j < 3; j++) set(24, eyeY + 3 + j, SKIN_SHADE)
  const mouthY = faceCy + 8
  for (let i = -3; i <= 2; i++) set(24 + i, mouthY, LIP)
  if (smile) {
    set(24 - 4, mouthY - 1, LIP)
    set(24 + 3, mouthY - 1, LIP)
  }
  return encodePalettePng({ width, height, palette, pixels })
}
