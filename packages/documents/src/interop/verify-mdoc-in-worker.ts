import { Worker } from 'node:worker_threads'
import type { MdocVerifierAnswer, MdocVerifierRequest } from './mdoc-verifier-worker.ts'

/** Verifies mdocs with Polis in a fresh worker, out of reach of @owf/mdoc's cbor-x tags. */
export function verifyMdocInWorker(requests: MdocVerifierRequest[]): Promise<MdocVerifierAnswer[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./mdoc-verifier-worker.ts', import.meta.url), { workerData: requests })
    worker.once('message', (answers: MdocVerifierAnswer[]) => resolve(answers))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the mdoc verifier worker exited with ${code}`))
    })
  })
}
