/**
 * The office's insight page: each of the agency's services in use over the last weeks, as
 * figures and small charts (each chart with its numbers in text beside it, for screen
 * readers and for the record).
 */
import type { Language } from '@polis/kernel'
import type { ServiceDefinition, ServiceInsight } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'

const texts = {
  uk: {
    title: 'Огляд послуг',
    lead: 'Заяви до послуг вашого відомства за останні {weeks} тижнів. Лише підсумки: жодної особи тут не видно.',
    submitted: 'Подано',
    completed: 'Виконано',
    rejected: 'Відмовлено',
    open: 'У роботі',
    perWeek: 'Заяв за тиждень, від найдавнішого',
    weekAgo: '−{n} тиж.',
    thisWeek: 'цей тиждень',
    decisionOfficial: 'Рішення посадових осіб',
    decisionAutomatic: 'Рішення за правилами',
    median: 'медіана {median}, 90% за {p90}',
    none: 'немає',
    abandoned: 'Де залишають форму (чернетки без змін понад добу)',
    nobodyLeft: 'Ніхто не залишив форму.',
    ratings: 'Оцінки громадян',
    average: '{average} з 5 (оцінок: {count})',
    noRatings: 'Оцінок ще немає.',
    stars: '{n} з 5',
    nothing: 'За цей час заяв не було: {services}.',
  },
  en: {
    title: 'Service insight',
    lead: 'Applications to your agency’s services over the last {weeks} weeks. Totals only: no person is shown here.',
    submitted: 'Submitted',
    completed: 'Completed',
    rejected: 'Refused',
    open: 'Open',
    perWeek: 'Applications a week, oldest first',
    weekAgo: '{n} wk ago',
    thisWeek: 'this week',
    decisionOfficial: 'Decided by officials',
    decisionAutomatic: 'Decided by the rules',
    median: 'median {median}, 90% within {p90}',
    none: 'none',
    abandoned: 'Where forms are left (drafts untouched for a day or more)',
    nobodyLeft: 'Nobody left the form.',
    ratings: 'Citizens’ ratings',
    average: '{average} out of 5 (ratings: {count})',
    noRatings: 'No ratings yet.',
    stars: '{n} out of 5',
    nothing: 'No applications in this time: {services}.',
  },
  et: {
    title: 'Teenuste ülevaade',
    lead: 'Teie ameti teenuste taotlused viimase {weeks} nädala jooksul. Ainult kokkuvõtted: ühtki isikut siin ei näidata.',
    submitted: 'Esitatud',
    completed: 'Täidetud',
    rejected: 'Keeldutud',
    open: 'Menetluses',
    perWeek: 'Taotlusi nädalas, vanimast alates',
    weekAgo: '−{n} näd.',
    thisWeek: 'see nädal',
    decisionOfficial: 'Ametnike otsused',
    decisionAutomatic: 'Reeglite otsused',
    median: 'mediaan {median}, 90% kuni {p90}',
    none: 'puudub',
    abandoned: 'Kus vorm pooleli jäetakse (mustandid, mida pole päeva jooksul muudetud)',
    nobodyLeft: 'Keegi ei jätnud vormi pooleli.',
    ratings: 'Kodanike hinnangud',
    average: '{average} 5-st (hinnanguid: {count})',
    noRatings: 'Hinnanguid veel pole.',
    stars: '{n} 5-st',
    nothing: 'Sel ajal taotlusi ei olnud: {services}.',
  },
} as const satisfies Record<Language, Record<string, string>>

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))

/** A duration as an official reads it: seconds, minutes, hours or days. */
function duration(seconds: number | null, language: Language): string {
  if (seconds === null) return texts[language].none
  const unit = (value: number, unit: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
      value,
    )
  if (seconds < 60) return unit(seconds, 'second')
  if (seconds < 3600) return unit(seconds / 60, 'minute')
  if (seconds < 86_400) return unit(seconds / 3600, 'hour')
  return unit(seconds / 86_400, 'day')
}

/**
 * Vertical bars over a baseline, scaled to the largest (a zero is a stub on the line),
 * with the same numbers in a one-row table under it, each headed by its label.
 */
function barsWithTable(values: number[], labels: string[], caption: string): string {
  const width = 28
  const gap = 10
  const height = 64
  const top = Math.max(1, ...values)
  const rects = values
    .map((value, i) => {
      const h = value === 0 ? 2 : Math.max(3, Math.round((value / top) * (height - 2)))
      return `<rect x="${i * (width + gap)}" y="${height - 1 - h}" width="${width}" height="${h}" fill="${value === 0 ? '#9ca3af' : '#1d4ed8'}"></rect>`
    })
    .join('')
  const span = values.length * (width + gap) - gap
  const svg = `<svg class="chart" aria-hidden="true" focusable="false" viewBox="0 0 ${span} ${height}" width="${span}" height="${height}">${rects}<line x1="0" x2="${span}" y1="${height - 0.5}" y2="${height - 0.5}" stroke="#374151"></line></svg>`
  const table = `<table class="figures"><caption class="visually-hidden">${escapeHtml(caption)}</caption><thead><tr>${labels.map((l) => `<th scope="col">${escapeHtml(l)}</th>`).join('')}</tr></thead><tbody><tr>${values.map((v, i) => `<td data-label="${escapeHtml(labels[i] ?? '')}">${v}</td>`).join('')}</tr></tbody></table>`
  return `${svg}
${table}`
}

/** The insight page's body for the agency's services. */
export function insightBody(options: {
  insights: ServiceInsight[]
  definitionOf: (code: string) => ServiceDefinition
  weeks: number
  language: Language
}): string {
  const { language } = options
  const t = texts[language]
  const quiet = options.insights.filter((s) => s.submitted === 0 && s.abandoned.length === 0 && s.ratings.count === 0)
  const sections = options.insights
    .filter((s) => !quiet.includes(s))
    .map((s) => {
      const definition = options.definitionOf(s.code)
      const id = `insight-${s.code}`
      const weekName = (i: number) =>
        i === s.perWeek.length - 1 ? t.thisWeek : fill(t.weekAgo, { n: s.perWeek.length - 1 - i })
      const pageTitle = (page: string) => definition.pages.find((p) => p.id === page)?.title[language] ?? page
      const times = (d: ServiceInsight['decisions']['official']) =>
        d.count === 0
          ? t.none
          : `${d.count}: ${fill(t.median, { median: duration(d.median, language), p90: duration(d.p90, language) })}`
      const average = new Intl.NumberFormat(language).format(s.ratings.average ?? 0)
      return `<section aria-labelledby="${id}" class="card"><h2 id="${id}">${escapeHtml(definition.name[language])}</h2>
<dl class="facts"><dt>${t.submitted}</dt><dd>${s.submitted}</dd><dt>${t.completed}</dt><dd>${s.completed}</dd><dt>${t.rejected}</dt><dd>${s.rejected}</dd><dt>${t.open}</dt><dd>${s.open}</dd>
<dt>${t.decisionOfficial}</dt><dd>${escapeHtml(times(s.decisions.official))}</dd><dt>${t.decisionAutomatic}</dt><dd>${escapeHtml(times(s.decisions.automatic))}</dd></dl>
<h3>${t.perWeek}</h3>
${barsWithTable(
  s.perWeek,
  s.perWeek.map((_, i) => weekName(i)),
  t.perWeek,
)}
<h3>${t.abandoned}</h3>
${
  s.abandoned.length === 0
    ? `<p class="muted">${t.nobodyLeft}</p>`
    : `<ul>${s.abandoned.map((a) => `<li>${escapeHtml(pageTitle(a.page))}: ${a.count}</li>`).join('')}</ul>`
}
<h3>${t.ratings}</h3>
${
  s.ratings.count === 0
    ? `<p class="muted">${t.noRatings}</p>`
    : `<p>${escapeHtml(fill(t.average, { average, count: s.ratings.count }))}</p>
${barsWithTable(
  s.ratings.distribution,
  s.ratings.distribution.map((_, i) => fill(t.stars, { n: i + 1 })),
  t.ratings,
)}`
}
</section>`
    })
  const names = quiet.map((s) => options.definitionOf(s.code).name[language]).join(', ')
  return `<h1>${t.title}</h1>
<p class="lead">${escapeHtml(fill(t.lead, { weeks: options.weeks }))}</p>
${sections.join('\n')}
${quiet.length > 0 ? `<p class="muted">${escapeHtml(fill(t.nothing, { services: names }))}</p>` : ''}`
}

/** The office's title for the page, for its navigation link. */
export const insightTitle = (language: Language) => texts[language].title
