import type { Output, Text3 } from './definition.ts'
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
