import { randomUUID } from 'node:crypto'
import { isPolisError } from '@polis/kernel'
import { withRecordOptions } from './answers.ts'
import {
  ApplicationRefused,
  feeToPay,
  findApplication,
  ineligibility,
  paymentReceived,
  readApplicantData,
  type ServicePorts,
  submitApplication,
} from './applications.ts'
import { storeAttachment } from './attachments.ts'
import type { ServiceDefinition } from './definition.ts'
import { itemsDue } from './fee-due.ts'

/** The smallest PDF a reader opens: one empty page. */
const smallPdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

/** How one service's walk went. */
export interface WalkResult {
  code: string
  ok: boolean
  status?: string
  citizenId?: string
  /** Why it failed, for the operator. */
  problem?: string
}

/**
 * Walks a service end to end as a citizen would: the first of `citizenIds` the rules
 * let apply submits the definition's example answers (an `item` field the example
 * leaves out takes the citizen's first item due, a `file` a small PDF), and the application must reach the
 * status the example expects, with every output carried out when it completes. A fee
 * is paid on the way when the example expects more than `awaiting-payment`: the amount
 * read afresh from the registries, told to the engine as a provider's notice would.
 */
export async function walkService(
  ports: ServicePorts,
  definition: ServiceDefinition,
  citizenIds: string[],
): Promise<WalkResult> {
  const { code, example } = definition
  if (!example) return { code, ok: false, problem: 'the definition has no example to walk' }
  for (const citizenId of citizenIds) {
    const data = await readApplicantData(ports, definition, citizenId)
    if (ineligibility(definition, data).length > 0) continue
    const answers = { ...example.answers }
    for (const field of definition.pages.flatMap((p) => p.fields)) {
      if (field.type === 'item' && answers[field.id] === undefined) answers[field.id] = itemsDue(field, data)[0]?.id
      // A choice among the citizen's own records (their vehicle, their child): the first of them.
      if (field.optionsFrom && answers[field.id] === undefined) {
        answers[field.id] = withRecordOptions(field, data).options?.[0]?.value
      }
      // A file the example leaves out: a small valid PDF, uploaded as the citizen would.
      if (field.type === 'file' && answers[field.id] === undefined) {
        const file = { name: `${field.id}.pdf`, bytes: smallPdf }
        const stored = await storeAttachment(ports.store, { citizenId, serviceCode: code, field, file, now: ports.now })
        answers[field.id] = stored.id
      }
    }
    try {
      let application = await submitApplication(ports, {
        definition,
        citizenId,
        clientKey: `walk-${randomUUID()}`,
        answers,
      })
      if (application.status === 'awaiting-payment' && example.expect !== 'awaiting-payment') {
        const fee = await feeToPay(ports, definition, citizenId, application)
        const payment = { id: `walk-${randomUUID()}`, amount: fee.amount, currency: fee.currency }
        await paymentReceived(ports, { definition, applicationId: application.id, citizenId, payment })
        application = await findApplication(ports.store, citizenId, application.id)
      }
      const outputs = application.events.filter((e) => e.type === 'output-issued').length
      if (application.status !== example.expect) {
        return { code, ok: false, citizenId, status: application.status, problem: `expected ${example.expect}` }
      }
      if (application.status === 'completed' && outputs !== definition.outputs.length) {
        return {
          code,
          ok: false,
          citizenId,
          status: application.status,
          problem: `${outputs} of ${definition.outputs.length} outputs`,
        }
      }
      return { code, ok: true, citizenId, status: application.status }
    } catch (error) {
      if (error instanceof ApplicationRefused) {
        const fields = error.fields.map((f) => `${f.field}: ${f.message.en}`).join('; ')
        return { code, ok: false, citizenId, problem: `${error.code} ${fields}` }
      }
      return { code, ok: false, citizenId, problem: isPolisError(error) ? error.message : String(error) }
    }
  }
  return { code, ok: false, problem: 'no seeded citizen may apply' }
}
