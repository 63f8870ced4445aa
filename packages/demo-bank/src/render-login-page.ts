import type { Language } from '@polis/kernel'
import { bankTexts } from './bank-texts.ts'
import type { BankCustomer } from './find-citizens.ts'
import { escapeHtml, renderBankPage } from './render-bank-page.ts'

/**
 * The login page of an interaction: a name search, one button per test citizen (a
 * single press signs in as them), paging links and a way to cancel. Plain forms, so it
 * works without script; every control is labelled and reachable by keyboard.
 */
export function renderLoginPage(options: {
  language: Language
  mountPath: string
  uid: string
  query: string
  page: number
  customers: BankCustomer[]
  hasNext: boolean
}): string {
  const { language, mountPath, uid, query, page } = options
  const t = bankTexts[language]
  const base = `${mountPath}/interaction/${uid}`
  const href = (changes: { lang?: Language; page?: number }) => {
    const params = new URLSearchParams()
    params.set('lang', changes.lang ?? language)
    if (query) params.set('q', query)
    const target = changes.page ?? (changes.lang ? page : 1)
    if (target > 1) params.set('page', String(target))
    return `${base}?${params}`
  }
  const items = options.customers
    .map(
      (c) => `          <li>
            <button type="submit" name="citizen" value="${escapeHtml(c.id)}">
              <span class="visually-hidden">${escapeHtml(t.signInAs)} </span><span class="customer-name">${escapeHtml(c.name)}</span>
              <span class="customer-meta">${escapeHtml(t.born)} ${escapeHtml(c.birthDate)} · ${escapeHtml(c.id)}</span>
            </button>
          </li>`,
    )
    .join('\n')
  const list =
    options.customers.length === 0
      ? `      <p role="status">${escapeHtml(t.noResults)}</p>`
      : `      <form method="post" action="${base}/login">
        <input type="hidden" name="lang" value="${language}">
        <ul class="customers" aria-labelledby="customers-heading">
${items}
        </ul>
      </form>`
  const pager = [
    page > 1 ? `<a rel="prev" href="${escapeHtml(href({ page: page - 1 }))}">← ${escapeHtml(t.previous)}</a>` : '',
    `<span>${escapeHtml(t.page)} ${page}</span>`,
    options.hasNext ? `<a rel="next" href="${escapeHtml(href({ page: page + 1 }))}">${escapeHtml(t.next)} →</a>` : '',
  ]
    .filter(Boolean)
    .join(' ')
  const main = `      <h1>${escapeHtml(t.heading)}</h1>
      <p class="lead">${escapeHtml(t.intro)}</p>
      <form class="search" method="get" action="${base}" role="search">
        <input type="hidden" name="lang" value="${language}">
        <label for="q">${escapeHtml(t.searchLabel)}</label>
        <div class="search-row">
          <input id="q" name="q" type="search" value="${escapeHtml(query)}" maxlength="100" autocomplete="off" spellcheck="false">
          <button type="submit">${escapeHtml(t.search)}</button>
        </div>
      </form>
      <h2 id="customers-heading">${escapeHtml(t.citizens)}</h2>
${list}
      <nav class="pager" aria-label="${escapeHtml(t.pages)}">${pager}</nav>
      <form method="post" action="${base}/cancel">
        <button class="secondary" type="submit">${escapeHtml(t.cancel)}</button>
      </form>`
  return renderBankPage({
    language,
    mountPath,
    title: t.title,
    languageHref: (lang) => href({ lang }),
    main,
  })
}
