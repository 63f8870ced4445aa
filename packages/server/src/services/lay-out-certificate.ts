import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import type { CertificateContent } from '@polis/services'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'

const require = createRequire(import.meta.url)
// DejaVu covers Cyrillic, Latin and Estonian letters; the standard PDF fonts cover none of Cyrillic.
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined
/** DejaVu Sans, regular and bold, for the platform's PDFs (read once). */
export const fontFiles = () => {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  }
  return fonts
}

const a4 = [595.28, 841.89] as const
const margin = 50
const width = a4[0] - 2 * margin
const grey = rgb(0.35, 0.35, 0.35)

/** Breaks a text into lines that fit `maxWidth` at `size`, at spaces where it can. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    const tried = line ? `${line} ${word}` : word
    if (font.widthOfTextAtSize(tried, size) <= maxWidth || !line) line = tried
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines.length > 0 ? lines : ['']
}

/**
 * Lays a certificate out as a PDF (A4, in Ukrainian with English beside it): the
 * country and title, the person it is about, each section as a table or its statement,
 * and where to verify the seal. The PDF is then sealed, so it is final here.
 */
export async function layOutCertificate(
  content: CertificateContent,
  options: { country: string; verifyUrl: string },
): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false })
  document.registerFontkit(fontkit)
  const files = fontFiles()
  const regular = await document.embedFont(files.regular, { subset: true })
  const bold = await document.embedFont(files.bold, { subset: true })
  document.setTitle(`${content.title.uk} / ${content.title.en}`)
  document.setProducer('Polis')
  document.setCreationDate(new Date(content.issuedAt))
  document.setModificationDate(new Date(content.issuedAt))
  let page: PDFPage = document.addPage([...a4])
  let y = a4[1] - margin
  const room = (needed: number) => {
    if (y - needed >= margin) return
    page = document.addPage([...a4])
    y = a4[1] - margin
  }
  const write = (
    text: string,
    o: { size?: number; font?: PDFFont; x?: number; maxWidth?: number; colour?: typeof grey } = {},
  ) => {
    const size = o.size ?? 10
    const font = o.font ?? regular
    for (const line of wrap(text, font, size, o.maxWidth ?? width)) {
      room(size * 1.4)
      page.drawText(line, { x: o.x ?? margin, y: y - size, size, font, color: o.colour ?? rgb(0, 0, 0) })
      y -= size * 1.4
    }
  }
  write(options.country, { size: 10, colour: grey })
  y -= 6
  write(content.title.uk, { size: 17, font: bold })
  write(content.title.en, { size: 11, colour: grey })
  y -= 12
  const label = (uk: string, en: string) => `${uk} / ${en}`
  const holder: Array<[string, string]> = [
    [label('Прізвище, ім’я, по батькові', 'Name'), content.holder.name],
    [label('Дата народження', 'Date of birth'), content.holder.birthDate],
    [label('Податковий номер', 'Tax number'), content.holder.taxNumber],
  ]
  for (const [name, value] of holder) {
    const top = y
    write(name, { size: 9, colour: grey, maxWidth: 200 })
    const below = y
    y = top
    write(value, { size: 10, x: margin + 210, maxWidth: width - 210 })
    y = Math.min(y, below) - 2
  }
  for (const section of content.sections) {
    y -= 14
    room(40)
    write(section.heading.uk, { size: 12, font: bold })
    write(section.heading.en, { size: 9, colour: grey })
    y -= 4
    if (section.rows.length === 0) {
      write(section.empty.uk, { size: 10 })
      write(section.empty.en, { size: 9, colour: grey })
      continue
    }
    const columnWidth = width / section.columns.length
    const row = (cells: string[], font: PDFFont, size: number) => {
      const wrapped = cells.map((cell) => wrap(cell, font, size, columnWidth - 6))
      const height = Math.max(...wrapped.map((lines) => lines.length)) * size * 1.35 + 4
      room(height)
      wrapped.forEach((lines, i) => {
        lines.forEach((line, l) => {
          page.drawText(line, { x: margin + i * columnWidth, y: y - size - l * size * 1.35, size, font })
        })
      })
      y -= height
      page.drawLine({
        start: { x: margin, y: y + 2 },
        end: { x: margin + width, y: y + 2 },
        thickness: 0.3,
        color: grey,
      })
    }
    row(
      section.columns.map((c) => label(c.uk, c.en)),
      bold,
      8,
    )
    for (const cells of section.rows) row(cells, regular, 9)
  }
  y -= 20
  write(label(`Сформовано ${content.issuedAt.slice(0, 10)}`, `issued on ${content.issuedAt.slice(0, 10)}`), {
    size: 9,
    colour: grey,
  })
  write(`${label('Заява', 'Application')}: ${content.applicationId}`, { size: 9, colour: grey })
  write(
    label(
      `Засвідчено електронною печаткою; перевірка: ${options.verifyUrl}`,
      `sealed electronically; verify at ${options.verifyUrl}`,
    ),
    { size: 9, colour: grey },
  )
  return document.save({ useObjectStreams: false })
}
