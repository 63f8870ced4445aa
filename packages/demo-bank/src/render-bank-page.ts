import type { Language } from '@polis/kernel'
import { bankLanguages, bankTexts } from './bank-texts.ts'

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Where the bank's one stylesheet is served (no inline style or script, so a strict CSP holds). */
export const stylesheetPath = '/assets/demo-bank.css'

/**
 * The frame of every DEMO BANK page: a notice in all three languages that the bank is
 * not real, above everything else and announced first by screen readers; the bank's
 * header with the language switch; the page's own content in `main`.
 */
export function renderBankPage(options: {
  language: Language
  mountPath: string
  title: string
  /** Link of each language version of this page; without it there is no language switch. */
  languageHref?: ((language: Language) => string) | undefined
  main: string
}): string {
  const t = bankTexts[options.language]
  const notices = bankLanguages
    .map(
      (language) =>
        `<p lang="${language}"><strong>${escapeHtml(bankTexts[language].bankName)}.</strong> ${escapeHtml(bankTexts[language].notice)}</p>`,
    )
    .join('\n        ')
  const { languageHref } = options
  const switcher = languageHref
    ? `<nav aria-label="${escapeHtml(t.languages)}"><ul class="languages">${bankLanguages
        .map(
          (language) =>
            `<li><a lang="${language}" hreflang="${language}"${language === options.language ? ' aria-current="true"' : ''} href="${escapeHtml(languageHref(language))}">${escapeHtml(bankTexts[language].languageName)}</a></li>`,
        )
        .join('')}</ul></nav>`
    : ''
  return `<!doctype html>
<html lang="${options.language}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${escapeHtml(options.title)} — ${escapeHtml(t.bankName)}</title>
    <link rel="stylesheet" href="${options.mountPath}${stylesheetPath}">
  </head>
  <body>
    <a class="skip-link" href="#main">${escapeHtml(t.skip)}</a>
    <header>
      <div class="demo-notice" role="note">
        ${notices}
      </div>
      <div class="bank-header">
        <p class="bank-logo"><span aria-hidden="true">◆ </span>${escapeHtml(t.bankName)}</p>
        ${switcher}
      </div>
    </header>
    <main id="main" tabindex="-1">
${options.main}
    </main>
  </body>
</html>
`
}
