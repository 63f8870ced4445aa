import type { Language } from '@polis/kernel'
import { bankTexts } from './bank-texts.ts'
import { escapeHtml, renderBankPage } from './render-bank-page.ts'

/** An error page in the bank's frame, with the reason when there is one and the way back to Polis. */
export function renderErrorPage(options: {
  language: Language
  mountPath: string
  message?: string | undefined
  backHref: string
}): string {
  const t = bankTexts[options.language]
  const main = `      <h1>${escapeHtml(t.errorTitle)}</h1>
      <p class="lead">${escapeHtml(options.message ?? t.expired)}</p>
      <p><a class="button" href="${escapeHtml(options.backHref)}">${escapeHtml(t.back)}</a></p>`
  return renderBankPage({
    language: options.language,
    mountPath: options.mountPath,
    title: t.errorTitle,
    main,
  })
}
