import { isRecord, type Json, readList, readNumber, readString, readText3, type Text3 } from './read-json.ts'

/** The field types the wallet shows as questions; a service with another is left to the portal. */
export const walletFieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'boolean',
  'email',
  'phone',
  'item',
  'file',
] as const
export type WalletFieldType = (typeof walletFieldTypes)[number]

/** A question of a service as the wallet asks it (`packages/services/src/definition.ts`). */
export interface ServiceField {
  id: string
  /** The definition's type; a type the wallet does not know is kept, to send the citizen to the portal. */
  type: string
  label: Text3
  help?: Text3
  required: boolean
  options?: Array<{ value: string; label: Text3 }>
  minLength?: number
  maxLength: number
  min?: number
  max?: number
  pattern?: string
  prefill?: string
  condition?: unknown
  /** Options read from the applicant's records, which only the server can list. */
  optionsFromRecords: boolean
  /** A file question's kinds of file (media types) and largest size in bytes. */
  accept?: string[]
  maxBytes?: number
}

export interface ServicePage {
  id: string
  title: Text3
  fields: ServiceField[]
  condition?: unknown
}

/** A service's definition, as far as the wallet needs it to explain and ask it. */
export interface ServiceDefinition {
  code: string
  version: number
  name: Text3
  summary: Text3
  category: string
  decision: { by: 'rules' } | { by: 'official'; deadlineDays: number } | { by: 'payment' } | { by: 'bundle' }
  /** A fixed fee in minor units, or one that depends on a chosen item. */
  fee?: { amount: number; currency: string } | { item: string }
  pages: ServicePage[]
}

function readField(value: unknown): ServiceField | undefined {
  if (!isRecord(value)) return undefined
  const id = readString(value.id)
  const type = readString(value.type)
  const label = readText3(value.label)
  if (!id || !type || !label) return undefined
  const help = readText3(value.help)
  const options = Array.isArray(value.options)
    ? readList(value.options, (o) => {
        if (!isRecord(o)) return undefined
        const optionValue = readString(o.value)
        const optionLabel = readText3(o.label)
        return optionValue !== undefined && optionLabel ? { value: optionValue, label: optionLabel } : undefined
      })
    : undefined
  const numbers = ['minLength', 'min', 'max'] as const
  const limits: Partial<Record<(typeof numbers)[number], number>> = {}
  for (const name of numbers) {
    const limit = readNumber(value[name])
    if (limit !== undefined) limits[name] = limit
  }
  const pattern = readString(value.pattern)
  const prefill = readString(value.prefill)
  const accept = Array.isArray(value.accept) ? readList(value.accept, readString) : undefined
  const maxBytes = readNumber(value.maxBytes)
  return {
    id,
    type,
    label,
    ...(help ? { help } : {}),
    required: value.required !== false,
    ...(options ? { options } : {}),
    ...limits,
    maxLength: readNumber(value.maxLength) ?? 500,
    ...(pattern ? { pattern } : {}),
    ...(prefill ? { prefill } : {}),
    ...('condition' in value ? { condition: value.condition } : {}),
    optionsFromRecords: isRecord(value.optionsFrom),
    ...(accept ? { accept } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
  }
}

function readPage(value: unknown): ServicePage | undefined {
  if (!isRecord(value)) return undefined
  const id = readString(value.id)
  const title = readText3(value.title)
  if (!id || !title) return undefined
  return {
    id,
    title,
    fields: readList(value.fields, readField),
    ...('condition' in value ? { condition: value.condition } : {}),
  }
}

function readDecision(value: unknown): ServiceDefinition['decision'] | undefined {
  if (!isRecord(value)) return undefined
  if (value.by === 'rules' || value.by === 'payment' || value.by === 'bundle') return { by: value.by }
  if (value.by === 'official') return { by: 'official', deadlineDays: readNumber(value.deadlineDays) ?? 30 }
  return undefined
}

function readFee(value: unknown): ServiceDefinition['fee'] {
  if (!isRecord(value)) return undefined
  const amount = readNumber(value.amount)
  const currency = readString(value.currency)
  if (amount !== undefined && currency) return { amount, currency }
  const item = readString(value.item)
  return item ? { item } : undefined
}

/** A definition from `GET /api/services/{code}`, or undefined when it is not one. */
export function readServiceDefinition(value: unknown): ServiceDefinition | undefined {
  if (!isRecord(value)) return undefined
  const code = readString(value.code)
  const name = readText3(value.name)
  const summary = readText3(value.summary)
  const decision = readDecision(value.decision)
  if (!code || !name || !summary || !decision) return undefined
  const fee = readFee(value.fee)
  return {
    code,
    version: readNumber(value.version) ?? 1,
    name,
    summary,
    category: readString(value.category) ?? 'other',
    decision,
    ...(fee ? { fee } : {}),
    pages: readList(value.pages, readPage),
  }
}

/**
 * Whether this service is applied for on the portal rather than in the wallet: it has a
 * question the wallet cannot ask (a type it does not know, or a choice the server did
 * not list). Fees are paid in the wallet, items owed are listed by the server
 * (`withItemOptions`), and files are uploaded from the phone.
 */
export function portalOnlyReason(definition: ServiceDefinition): 'unsupported' | undefined {
  const fields = definition.pages.flatMap((page) => page.fields)
  const known = (type: string) => (walletFieldTypes as readonly string[]).includes(type)
  // A select of the applicant's own records can be asked once the server has listed them (`withFormOptions`).
  if (fields.some((f) => !known(f.type) || (f.type === 'select' && !f.options))) return 'unsupported'
  return undefined
}

/** What the form endpoint says about this citizen and this service. */
export interface ServiceForm {
  eligible: boolean
  /** Why not, in the citizen's language. */
  reasons: string[]
  /** The values the registries hold for prefilled fields, by field id. */
  prefilled: Json
  /** The fields asked before any answer, in order: conditions on registry data were applied by the server. */
  fields: string[]
  /** The choices of a select whose options are the applicant's own records, by field id, in their language. */
  options: Record<string, Array<{ value: string; label: string }>>
}

/** The answer of `GET /api/wallet/services/{code}/form`, or undefined. */
export function readServiceForm(value: unknown): ServiceForm | undefined {
  if (!isRecord(value) || typeof value.eligible !== 'boolean') return undefined
  return {
    eligible: value.eligible,
    reasons: readList(value.reasons, readString),
    prefilled: isRecord(value.prefilled) ? value.prefilled : {},
    fields: readList(value.fields, readString),
    options: isRecord(value.options)
      ? Object.fromEntries(
          Object.entries(value.options).map(([id, list]) => [
            id,
            readList(list, (o) => {
              if (!isRecord(o)) return undefined
              const optionValue = readString(o.value)
              const label = readString(o.label)
              return optionValue !== undefined && label !== undefined ? { value: optionValue, label } : undefined
            }),
          ]),
        )
      : {},
  }
}

/**
 * The definition with the choices the server listed for selects of the applicant's own
 * records (their vehicles, their children); a select the server did not list stays
 * without options, and the service goes to the portal.
 */
export function withFormOptions(definition: ServiceDefinition, form: ServiceForm): ServiceDefinition {
  return {
    ...definition,
    pages: definition.pages.map((page) => ({
      ...page,
      fields: page.fields.map((field) => {
        const listed = field.optionsFromRecords ? form.options[field.id] : undefined
        if (!listed) return field
        // A record's label is its own words (a plate, a name), the same in every language.
        return {
          ...field,
          options: listed.map((o) => ({ value: o.value, label: { uk: o.label, en: o.label, et: o.label } })),
        }
      }),
    })),
  }
}
