import type { Field, Output, Text3 } from './definition.ts'
import { holds, type RuleData } from './rules.ts'

type CertificateOutput = Extract<Output, { type: 'certificate' }>

/** What a sealed certificate says, ready to be laid out: the applicant, then each section's table. */
export interface CertificateContent {
  applicationId: string
  citizenId: string
  fileName: string
  title: Text3
  holder: { name: string; birthDate: string; taxNumber: string }
  sections: Array<{ heading: Text3; columns: Text3[]; rows: string[][]; empty: Text3 }>
  /** When the registries were read, ISO 8601. */
  issuedAt: string
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value)

const particulars: Text3 = { uk: 'Відомості', en: 'Particulars', et: 'Andmed' }
const value: Text3 = { uk: 'Зазначено', en: 'Given', et: 'Esitatud' }
const nothingGiven: Text3 = { uk: 'Нічого не зазначено.', en: 'Nothing was given.', et: 'Midagi ei esitatud.' }

/** An answer as a certificate prints it: yes or no and choices by their labels, in Ukrainian and English. */
function answerText(field: Field, given: unknown): string {
  if (field.type === 'boolean') return given === true || given === 'yes' ? 'Так / Yes' : 'Ні / No'
  const option = field.options?.find((o) => o.value === given)
  return option ? `${option.label.uk} / ${option.label.en}` : text(given)
}

const at = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | null)?.[part], record)

/**
 * The content of a certificate output from the applicant's data as read now: the
 * records of each section that its `where` keeps, one row each, the columns' values as
 * the registers write them.
 */
export function certificateContent(options: {
  output: CertificateOutput
  data: Omit<RuleData, 'answers'>
  applicationId: string
  citizenId: string
  issuedAt: string
  /** The application's answers and the service's questions, for a section of answers. */
  answers?: { values: Record<string, unknown>; fields: Field[] }
}): CertificateContent {
  const { output, data } = options
  const person = data.person
  const name = [person.family_name, person.given_name, person.patronymic].filter((p) => typeof p === 'string').join(' ')
  return {
    applicationId: options.applicationId,
    citizenId: options.citizenId,
    fileName: output.fileName,
    title: output.title,
    holder: { name, birthDate: text(person.birth_date), taxNumber: text(person.tax_number) },
    sections: output.sections.map((section) => {
      if ('answers' in section) {
        const fields = options.answers?.fields ?? []
        return {
          heading: section.heading,
          columns: [particulars, value],
          rows: section.answers.flatMap((id) => {
            const field = fields.find((f) => f.id === id)
            const given = options.answers?.values[id]
            if (!field || given === undefined || given === null || given === '') return []
            return [[`${field.label.uk} / ${field.label.en}`, answerText(field, given)]]
          }),
          empty: nothingGiven,
        }
      }
      const records = at(data.records, section.records.slice('records.'.length))
      const kept = (Array.isArray(records) ? records : []).filter(
        // The rule reads the record's own values (`{"var": "active"}`) and `today`.
        (record) => section.where === undefined || holds(section.where, { ...record, today: data.today } as RuleData),
      )
      return {
        heading: section.heading,
        columns: section.columns.map((c) => c.label),
        rows: kept.map((record) => section.columns.map((c) => text(at(record, c.path)))),
        empty: section.empty,
      }
    }),
    issuedAt: options.issuedAt,
  }
}
