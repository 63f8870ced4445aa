import type { Language } from '@polis/kernel'
import type { ApplicationEvent, Text3 } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'

const said = {
  certificates: { uk: 'Документи', en: 'Documents', et: 'Dokumendid' },
  download: {
    uk: 'Завантажити (PDF з електронною печаткою)',
    en: 'Download (PDF with an electronic seal)',
    et: 'Laadi alla (e-templiga PDF)',
  },
  verify: {
    uk: 'Будь-хто може перевірити печатку на сторінці',
    en: 'Anyone can check the seal at',
    et: 'Templit saab igaüks kontrollida lehel',
  },
} satisfies Record<string, Text3>

const isText3 = (value: unknown): value is Text3 =>
  typeof value === 'object' && value !== null && typeof (value as Text3).en === 'string'

/**
 * What an application produced that the citizen reads on its page: sealed certificates
 * to download, and lists (their e-prescriptions) as tables.
 */
export function outputsHtml(applicationId: string, events: ApplicationEvent[], language: Language): string {
  const issued = events.filter((e) => e.type === 'output-issued').map((e) => e.data)
  const certificates = issued.filter((d) => d.type === 'certificate')
  const lists = issued.filter((d) => d.type === 'list')
  const parts: string[] = []
  if (certificates.length > 0) {
    parts.push(
      `<h2>${escapeHtml(said.certificates[language])}</h2><ul>${certificates
        .map(
          (d) =>
            `<li><a href="/applications/${escapeHtml(applicationId)}/certificates/${escapeHtml(String(d.certificate))}" download>${escapeHtml(String(d.fileName))}</a> · ${escapeHtml(said.download[language])}</li>`,
        )
        .join(
          '',
        )}</ul><p class="muted">${escapeHtml(said.verify[language])} <a href="/signatures/verify">/signatures/verify</a></p>`,
    )
  }
  for (const list of lists) {
    const label = isText3(list.label) ? list.label[language] : ''
    const columns = Array.isArray(list.columns) ? list.columns.filter(isText3) : []
    const rows = Array.isArray(list.rows) ? list.rows.filter(Array.isArray) : []
    parts.push(
      rows.length === 0
        ? `<h2>${escapeHtml(label)}</h2><p>${escapeHtml(isText3(list.empty) ? list.empty[language] : '')}</p>`
        : `<h2>${escapeHtml(label)}</h2><table><thead><tr>${columns
            .map((c) => `<th scope="col">${escapeHtml(c[language])}</th>`)
            .join('')}</tr></thead><tbody>${rows
            .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
    )
  }
  return parts.join('\n')
}
