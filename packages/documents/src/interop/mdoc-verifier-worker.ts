// Runs Polis's verifyMdoc in a worker, whose module graph has its own cbor-x. It exists
// because cbor-x keeps one process-wide tag registry and importing @owf/mdoc registers
// tags 0, 24 and 1004 in it: in a process that has loaded @owf/mdoc, Polis's decoder
// gets DataItem objects instead of Tag(24) and refuses every mdoc as ERR_MALFORMED.
import { parentPort, workerData } from 'node:worker_threads'
import { isPolisError } from '@polis/kernel'
import { trustAnchors } from '@polis/trust'
import { verifyMdoc } from '../mdoc/index.ts'
import { toComparable } from './to-comparable.ts'

/** One mdoc for Polis to verify, with what verifyMdoc needs. */
export interface MdocVerifierRequest {
  data: Uint8Array
  anchor: Uint8Array
  now: Date
  sessionTranscript?: Uint8Array
  expectedDocType?: string
}

/** What the worker answers for each request: comparable values, or the PolisError code. */
export type MdocVerifierAnswer =
  | {
      ok: true
      docType: string
      namespaces: unknown
      deviceKey: unknown
      deviceAuthenticated: boolean
      status: unknown
    }
  | { ok: false; code: string }

function answer(request: MdocVerifierRequest): MdocVerifierAnswer {
  try {
    const verified = verifyMdoc({
      data: request.data,
      anchors: trustAnchors([request.anchor]),
      now: request.now,
      ...(request.sessionTranscript ? { sessionTranscript: request.sessionTranscript } : {}),
      ...(request.expectedDocType ? { expectedDocType: request.expectedDocType } : {}),
    })
    return {
      ok: true,
      docType: verified.docType,
      namespaces: toComparable(verified.namespaces),
      deviceKey: verified.deviceKey,
      deviceAuthenticated: verified.deviceAuthenticated,
      status: verified.status,
    }
  } catch (error) {
    if (isPolisError(error)) return { ok: false, code: error.code }
    throw error
  }
}

if (parentPort) {
  const requests = workerData as MdocVerifierRequest[]
  parentPort.postMessage(requests.map(answer))
}
