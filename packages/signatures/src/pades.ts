import { PolisError } from '@polis/kernel'
import * as asn1js from 'asn1js'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFInvalidObject, PDFName, PDFNumber, PDFString } from 'pdf-lib'
import { sha256 } from './cms.ts'

/** Room for the CMS signature in the PDF: the signature, two certificates and a time-stamp fit in under 6 KB. */
const contentsBytes = 12 * 1024
/** Ten digits a number: any PDF up to 9.9 GB. */
const rangePlaceholder = '/ByteRange [0 ********** ********** **********]'
/** ISO 32000-1, section 12.7.2: SigFlags 1 (signatures exist) and 2 (append only). */
const signaturesExistAppendOnly = 3
/** ISO 32000-1, section 12.5.3: a widget that prints. */
const printFlag = 4

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')

function notPdf(detail: string, cause?: unknown): PolisError {
  return new PolisError('ERR_MALFORMED', { detail, cause })
}

/** Whether the bytes start as a PDF does. */
export function isPdf(bytes: Uint8Array): boolean {
  return latin1(bytes.subarray(0, 1024)).includes('%PDF-')
}

/** A PDF ready to be signed: the signature's place reserved and the bytes it will cover hashed. */
export interface PreparedPdf {
  pdf: Uint8Array
  /** SHA-256 of every byte but the signature's place: the CMS message digest. */
  digest: Uint8Array
}

/** PDF text strings as UTF-16 with a byte-order mark, so Cyrillic and Estonian names survive. */
const text = (value: string) => PDFHexString.fromText(value)

/**
 * Reserves a signature in a PDF (ETSI EN 319 142-1, PAdES baseline): an invisible
 * signature field whose dictionary has /SubFilter /ETSI.CAdES.detached, the signer's
 * name, the reason and the time, and /Contents zeroed for the CMS to come; then fills
 * in /ByteRange and hashes what it covers. A PDF that is already signed is refused:
 * writing it anew would break the signatures it has.
 */
export async function preparePdf(options: {
  pdf: Uint8Array
  signerName: string
  reason: string
  location: string
  signingTime: Date
}): Promise<PreparedPdf> {
  if (!isPdf(options.pdf)) throw notPdf('the file is not a PDF')
  if (latin1(options.pdf).includes('/ByteRange')) {
    throw new PolisError('ERR_UNSUPPORTED_FORMAT', {
      detail: 'the PDF is signed already; sign it with a detached signature instead',
    })
  }
  let document: PDFDocument
  try {
    document = await PDFDocument.load(options.pdf, { updateMetadata: false })
  } catch (cause) {
    throw notPdf('the PDF cannot be read', cause)
  }
  const page = document.getPages()[0]
  if (!page) throw notPdf('the PDF has no page')
  const { context } = document
  // The dictionary is written as bytes of our own so that its placeholders stay where we
  // find them (and out of any compressed object stream).
  const dictionary = [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /ETSI.CAdES.detached',
    rangePlaceholder,
    `/Contents <${'0'.repeat(contentsBytes * 2)}>`,
    `/M ${PDFString.fromDate(options.signingTime).toString()}`,
    `/Name ${text(options.signerName).toString()}`,
    `/Reason ${text(options.reason).toString()}`,
    `/Location ${text(options.location).toString()}`,
    '>>',
  ].join('\n')
  const signature = context.register(PDFInvalidObject.of(new Uint8Array(Buffer.from(dictionary, 'latin1'))))
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: signature,
      T: text(`Signature ${options.signingTime.getTime().toString(36)}`),
      F: printFlag,
      P: page.ref,
    }),
  )
  const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? context.obj([])
  annotations.push(widget)
  page.node.set(PDFName.of('Annots'), annotations)
  let form = document.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  if (!form) {
    form = context.obj({ Fields: [] })
    document.catalog.set(PDFName.of('AcroForm'), context.register(form))
  }
  form.set(PDFName.of('SigFlags'), PDFNumber.of(signaturesExistAppendOnly))
  const fields = form.lookupMaybe(PDFName.of('Fields'), PDFArray) ?? context.obj([])
  fields.push(widget)
  form.set(PDFName.of('Fields'), fields)

  const pdf = Buffer.from(await document.save({ useObjectStreams: false, updateFieldAppearances: false }))
  const rangeAt = pdf.lastIndexOf(rangePlaceholder)
  const contentsAt = pdf.indexOf('/Contents <', rangeAt) + '/Contents '.length
  const contentsEnd = pdf.indexOf('>', contentsAt) + 1
  const ranges = [0, contentsAt, contentsEnd, pdf.length - contentsEnd]
  const filled = `/ByteRange [${ranges.join(' ')}]`.padEnd(rangePlaceholder.length, ' ')
  pdf.write(filled, rangeAt, 'latin1')
  const digest = sha256(Buffer.concat([pdf.subarray(0, contentsAt), pdf.subarray(contentsEnd)]))
  return { pdf: new Uint8Array(pdf), digest }
}

/** Puts the CMS signature in the place `preparePdf` reserved. */
export function embedPdfSignature(prepared: Uint8Array, cms: Uint8Array): Uint8Array {
  const { contentsAt, contentsEnd } = signaturePlace(prepared)
  const hex = Buffer.from(cms).toString('hex')
  if (hex.length > contentsEnd - contentsAt - 2) {
    throw new PolisError('ERR_TOO_LARGE', { detail: 'the signature does not fit the room reserved for it' })
  }
  const pdf = Buffer.from(prepared)
  pdf.write(hex, contentsAt + 1, 'latin1')
  return new Uint8Array(pdf)
}

function signaturePlace(pdf: Uint8Array) {
  const text = latin1(pdf)
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/g)]
  const last = matches.at(-1)
  if (!last) throw new PolisError('ERR_NO_SIGNATURE', { detail: 'the PDF has no signature' })
  const [a, b, c, d] = last.slice(1).map(Number) as [number, number, number, number]
  return { ranges: [a, b, c, d], contentsAt: b, contentsEnd: c, text, dictionaryAt: last.index }
}

/** A PDF's last signature: the CMS it holds and the digest of the bytes it covers. */
export interface PdfSignature {
  cms: Uint8Array
  digest: Uint8Array
  subFilter: string
}

/**
 * Reads the last signature of a PDF. Its byte range must start at 0, leave out exactly
 * the /Contents hex string and reach the end of the file: bytes added after the
 * signature are a change to the document (ERR_DOCUMENT_CHANGED).
 */
export function readPdfSignature(pdf: Uint8Array): PdfSignature {
  if (!isPdf(pdf)) throw notPdf('the file is not a PDF')
  const { ranges, contentsAt, contentsEnd, text, dictionaryAt } = signaturePlace(pdf)
  const [start, , , tail] = ranges as [number, number, number, number]
  if (start !== 0 || contentsAt >= contentsEnd || contentsEnd > pdf.length) {
    throw notPdf('the signature’s byte range is not well formed')
  }
  if (contentsEnd + tail !== pdf.length) {
    throw new PolisError('ERR_DOCUMENT_CHANGED', { detail: 'the signature does not cover the whole file' })
  }
  const hex = text.slice(contentsAt, contentsEnd)
  if (!/^<[0-9a-fA-F]*>$/.test(hex)) throw notPdf('the signature’s contents are not a hex string')
  const bytes = new Uint8Array(Buffer.from(hex.slice(1, -1), 'hex'))
  // The CMS is followed by the zeros that padded its place.
  const parsed = asn1js.fromBER(bytes)
  if (parsed.offset === -1) throw notPdf('the signature’s contents are not DER')
  const dictionary = text.slice(Math.max(0, text.lastIndexOf('<<', dictionaryAt)), contentsAt)
  const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(dictionary)?.[1] ?? ''
  return {
    cms: bytes.subarray(0, parsed.offset),
    digest: sha256(Buffer.concat([pdf.subarray(0, contentsAt), pdf.subarray(contentsEnd)])),
    subFilter,
  }
}
