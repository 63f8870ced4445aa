import { type ErrorCode, messageOf } from '@polis/kernel'
import type { Field, ServiceDefinition, Text3 } from './definition.ts'
import { holds, type RuleData } from './rules.ts'

/** A problem with one answer, said next to the field in the citizen's language. */
export interface FieldError {
  field: string
  message: Text3
  /** The stable code, where the problem has one (a refused attachment). */
  code?: ErrorCode
}

/** A field's problem said with a stable code's message in each language. */
export function fieldErrorOf(field: string, code: ErrorCode): FieldError {
  return { field, code, message: { uk: messageOf(code, 'uk'), en: messageOf(code, 'en'), et: messageOf(code, 'et') } }
}

const said = (en: string, uk: string, et: string): Text3 => ({ en, uk, et })
const messages = {
  required: said('Enter this.', 'Заповніть це поле.', 'Täitke see väli.'),
  tooShort: (n: number) =>
    said(`Enter at least ${n} characters.`, `Введіть щонайменше ${n} символів.`, `Sisestage vähemalt ${n} märki.`),
  tooLong: (n: number) =>
    said(`Enter at most ${n} characters.`, `Введіть не більше ${n} символів.`, `Sisestage kuni ${n} märki.`),
  number: said('Enter a number.', 'Введіть число.', 'Sisestage arv.'),
  tooSmall: (n: number) => said(`Enter ${n} or more.`, `Введіть ${n} або більше.`, `Sisestage ${n} või rohkem.`),
  tooBig: (n: number) => said(`Enter ${n} or less.`, `Введіть ${n} або менше.`, `Sisestage ${n} või vähem.`),
  date: said(
    'Enter a real date, for example 2026-03-27.',
    'Введіть справжню дату, наприклад 2026-03-27.',
    'Sisestage päris kuupäev, näiteks 2026-03-27.',
  ),
  choice: said('Choose one of the options.', 'Виберіть один із варіантів.', 'Valige üks valikutest.'),
  yesNo: said('Choose yes or no.', 'Виберіть «так» або «ні».', 'Valige jah või ei.'),
  email: said(
    'Enter an e-mail address, like name@example.com.',
    'Введіть адресу e-mail, як-от name@example.com.',
    'Sisestage e-posti aadress, nt name@example.com.',
  ),
  phone: said(
    'Enter a phone number, like +380 44 123 4567.',
    'Введіть номер телефону, як-от +380 44 123 4567.',
    'Sisestage telefoninumber, nt +372 512 3456.',
  ),
  format: said('Enter it in the format shown.', 'Введіть у показаному форматі.', 'Sisestage näidatud kujul.'),
}

/** A value at a dotted path of the applicant's data (`person.address.formatted`, `records.tax.taxpayer[0].tax_number`). */
export function readPath(data: RuleData, path: string): unknown {
  let value: unknown = data
  for (const part of path.split(/\.|(?=\[)/)) {
    if (value === null || value === undefined) return undefined
    const index = /^\[(\d+)\]$/.exec(part)
    value = index ? (value as unknown[])[Number(index[1])] : (value as Record<string, unknown>)[part]
  }
  return value
}

/** Every field the citizen is asked, in order, with pages and fields whose conditions hold over `answers`. */
export function askedFields(definition: ServiceDefinition, data: RuleData): Field[] {
  return definition.pages
    .filter((page) => page.condition === undefined || holds(page.condition, data))
    .flatMap((page) => page.fields.filter((field) => field.condition === undefined || holds(field.condition, data)))
    .map((field) => withRecordOptions(field, data))
}

/**
 * A select whose options are the applicant's own records, with them filled in (each
 * label the record's values at the label paths, as the register writes them).
 */
export function withRecordOptions(field: Field, data: Omit<RuleData, 'answers'>): Field {
  const from = field.optionsFrom
  if (!from) return field
  const records = readPath({ ...data, answers: {} }, from.records)
  const at = (record: unknown, path: string) =>
    path.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | null)?.[part], record)
  const options = (Array.isArray(records) ? records : [])
    // The rule reads the record's own values (`{"var": "role"}`) and `today`.
    .filter((record) => from.where === undefined || holds(from.where, { ...record, today: data.today } as RuleData))
    .flatMap((record) => {
      const value = at(record, from.value)
      if (typeof value !== 'string' && typeof value !== 'number') return []
      const label = from.label
        .map((path) => at(record, path))
        .filter((part) => part !== undefined && part !== null && part !== '')
        .join(' ')
      return [{ value: String(value), label: { uk: label, en: label, et: label } }]
    })
    // One option a value: a person's earnings of several years name one employer.
    .filter((option, i, all) => all.findIndex((o) => o.value === option.value) === i)
  return { ...field, options }
}

function realDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

function checkField(field: Field, raw: unknown): { value?: unknown; error?: Text3 } {
  const empty = raw === undefined || raw === null || raw === ''
  if (empty) return field.required ? { error: messages.required } : {}
  switch (field.type) {
    case 'number': {
      const value =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN
      if (!Number.isFinite(value)) return { error: messages.number }
      if (field.min !== undefined && value < field.min) return { error: messages.tooSmall(field.min) }
      if (field.max !== undefined && value > field.max) return { error: messages.tooBig(field.max) }
      return { value }
    }
    case 'boolean': {
      if (raw === true || raw === 'yes' || raw === 'true') return { value: true }
      if (raw === false || raw === 'no' || raw === 'false') return field.required ? { value: false } : { value: false }
      return { error: messages.yesNo }
    }
    case 'date':
      return typeof raw === 'string' && realDate(raw) ? { value: raw } : { error: messages.date }
    case 'select':
      return typeof raw === 'string' && field.options?.some((o) => o.value === raw)
        ? { value: raw }
        : { error: messages.choice }
    default: {
      if (typeof raw !== 'string') return { error: messages.format }
      const value = raw.trim()
      if (field.minLength !== undefined && value.length < field.minLength)
        return { error: messages.tooShort(field.minLength) }
      if (value.length > field.maxLength) return { error: messages.tooLong(field.maxLength) }
      if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { error: messages.email }
      if (field.type === 'phone' && !/^\+?[0-9 ()-]{7,20}$/.test(value)) return { error: messages.phone }
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return { error: messages.format }
      return { value }
    }
  }
}

/**
 * A chosen item: the id of one of the records the field reads, which are the applicant's
 * own (a registry is read about them alone), so another citizen's item is no choice.
 */
function checkItem(field: Field, raw: unknown, context: RuleData): { value?: unknown; error?: Text3 } {
  if (raw === undefined || raw === null || raw === '') return field.required ? { error: messages.required } : {}
  const records = field.items ? readPath(context, field.items) : undefined
  const known =
    typeof raw === 'string' &&
    Array.isArray(records) &&
    records.some((r) => r !== null && typeof r === 'object' && (r as { id?: unknown }).id === raw)
  return known ? { value: raw } : { error: messages.choice }
}

/**
 * A `file` answer: the id of an attachment the citizen uploaded to this field of this
 * service that no application has taken yet (`attachments`, read by the caller), so
 * another citizen's file, or one already submitted, is no answer.
 */
function checkFile(
  field: Field,
  raw: unknown,
  attachments: Record<string, { fieldId: string }>,
): { value?: unknown; error?: FieldError } {
  if (raw === undefined || raw === null || raw === '') {
    return field.required ? { error: { field: field.id, message: messages.required } } : {}
  }
  const known = typeof raw === 'string' && Object.hasOwn(attachments, raw) && attachments[raw]?.fieldId === field.id
  return known ? { value: raw } : { error: fieldErrorOf(field.id, 'ERR_ATTACHMENT_UNKNOWN') }
}

/**
 * The answers as the service takes them: every field asked (conditions applied in page
 * order), prefilled fields from the registries whatever was sent, the rest checked by
 * type and limits. Fields not asked are dropped. Returns the values and the errors.
 */
export function checkAnswers(
  definition: ServiceDefinition,
  sent: Record<string, unknown>,
  data: Omit<RuleData, 'answers'>,
  options: {
    /** Check these pages only (a form page by page), with `earlier` answers for their conditions. */
    pages?: string[]
    earlier?: Record<string, unknown>
    /** The citizen's attachments to this service no application has taken, by id: what a `file` answer may name. */
    attachments?: Record<string, { fieldId: string }>
  } = {},
): { values: Record<string, unknown>; prefilled: string[]; errors: FieldError[] } {
  const values: Record<string, unknown> = {}
  const prefilled: string[] = []
  const errors: FieldError[] = []
  const context: RuleData = { ...data, answers: { ...options.earlier, ...values } }
  for (const page of definition.pages) {
    if (options.pages && !options.pages.includes(page.id)) continue
    if (page.condition !== undefined && !holds(page.condition, context)) continue
    for (const listed of page.fields) {
      const field = withRecordOptions(listed, context)
      if (field.condition !== undefined && !holds(field.condition, context)) continue
      if (field.prefill) {
        const known = readPath(context, field.prefill)
        if (known !== undefined && known !== null && known !== '') {
          values[field.id] = known
          prefilled.push(field.id)
          context.answers = { ...options.earlier, ...values }
          continue
        }
      }
      if (field.type === 'file') {
        const file = checkFile(field, sent[field.id], options.attachments ?? {})
        if (file.error) errors.push(file.error)
        else if (file.value !== undefined) values[field.id] = file.value
        context.answers = { ...options.earlier, ...values }
        continue
      }
      const checked =
        field.type === 'item' ? checkItem(field, sent[field.id], context) : checkField(field, sent[field.id])
      if (checked.error) errors.push({ field: field.id, message: checked.error })
      else if (checked.value !== undefined) values[field.id] = checked.value
      context.answers = { ...options.earlier, ...values }
    }
  }
  return { values, prefilled, errors }
}
