/**
 * The builder's forms for a service's rules and messages: who may apply, the rules that
 * decide and what happens when none holds, and the inbox messages. A rule is edited in a
 * visual editor (comparisons joined by all or any) when it has that shape, and always as
 * JSON Logic; the two buttons of one form say which is saved.
 */
import type { Language } from '@polis/kernel'
import { comparisonOperators, findComparisons, prefillSources } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import { alertAt, type BuilderView, hidden, openAt, option, say, small, threeInputs, typed } from './builder-html.ts'

type Words = Partial<Record<Language, string>>

/** What a rule may compare, each with its words: the draft's questions, the applicant's age, registry paths, today. */
export interface Comparable {
  path: string
  label: string
  /** A choice question's options, value to words. */
  choices?: ReadonlyMap<string, string>
}

export function comparables(
  view: BuilderView,
  questions: Array<{ id: string; type?: string; label?: Words; options?: Array<{ value: string; label?: Words }> }>,
): Comparable[] {
  const { t, language } = view
  return [
    ...questions
      .filter((q) => q.type !== 'file')
      .map((q) => ({
        path: `answers.${q.id}`,
        label: `${t.answer}: ${q.label?.[language] || q.id}`,
        choices: new Map((q.options ?? []).map((o) => [o.value, o.label?.[language] || o.value])),
      })),
    { path: 'applicant.age', label: t.age },
    ...prefillSources.map((path) => ({ path, label: path })),
    { path: 'today', label: t.today },
  ]
}

/** Rows of the visual editor: the rule's comparisons and one empty row to add another. */
const rows = 3

interface RuleFormOptions {
  at: string
  key: string
  action: string
  index?: number
  rule?: unknown
  /** `message` (who may apply) or `reason` (a deciding rule), in three languages. */
  words: { prefix: string; label: string; values?: Words }
  /** A deciding rule's outcome. */
  outcome?: string
  comparables: Comparable[]
}

function ruleForm(view: BuilderView, options: RuleFormOptions): string {
  const { t } = view
  const { at, key, rule } = options
  const visual = rule === undefined ? { join: 'all' as const, comparisons: [] } : findComparisons(rule)
  // A short rule on one line; a long one indented, to be read.
  const json = rule === undefined ? '' : JSON.stringify(rule)
  const raw = typed(view, at, 'rule', json.length > 100 ? JSON.stringify(rule, null, 2) : json)
  const problemId = `${key}-problem`
  const outcome =
    options.outcome === undefined
      ? ''
      : `<fieldset><legend>${t.outcome}</legend>${['approve', 'reject']
          .map(
            (o) =>
              `<label class="choice"><input type="radio" name="outcome" value="${o}"${typed(view, at, 'outcome', options.outcome ?? '') === o ? ' checked' : ''}> ${t[o as 'approve']}</label>`,
          )
          .join('')}</fieldset>`
  const editor = visual
    ? `<fieldset><legend>${t.join}</legend>${(['all', 'any'] as const)
        .map(
          (j) =>
            `<label class="choice"><input type="radio" name="join" value="${j}"${typed(view, at, 'join', visual.join) === j ? ' checked' : ''}> ${j === 'all' ? t.joinAll : t.joinAny}</label>`,
        )
        .join('')}</fieldset>
<p class="muted">${t.valueHint}</p>
${Array.from({ length: Math.max(rows, visual.comparisons.length + 1) }, (_, i) => {
  const c = visual.comparisons[i]
  const n = i + 1
  const left = typed(view, at, `left_${i}`, c?.left ?? '')
  const op = typed(view, at, `op_${i}`, c?.op ?? '==')
  const value = typed(view, at, `value_${i}`, c === undefined ? '' : String(c.value))
  const known = options.comparables.some((x) => x.path === left)
  return `<div class="filters"><div><label for="${key}-left-${i}">${escapeHtml(say(t.compared, { n }))}</label><select id="${key}-left-${i}" name="left_${i}">${option('', t.nothing, left === '')}${known || left === '' ? '' : option(left, left, true)}${options.comparables.map((x) => option(x.path, x.label, x.path === left)).join('')}</select></div>
<div><label for="${key}-op-${i}">${escapeHtml(say(t.how, { n }))}</label><select id="${key}-op-${i}" name="op_${i}">${comparisonOperators.map((o) => option(o, t[`op.${o}`], o === op)).join('')}</select></div>
<div><label for="${key}-value-${i}">${escapeHtml(say(t.value, { n }))}</label><input id="${key}-value-${i}" name="value_${i}" type="text" maxlength="200" autocomplete="off" value="${escapeHtml(value)}"></div></div>`
}).join('\n')}
<button class="secondary" type="submit" name="mode" value="visual">${t.saveVisual}</button>`
    : `<p class="muted">${t.beyond}</p>`
  return `<form method="post" novalidate>${hidden({ revision: view.revision, action: options.action, ...(options.index === undefined ? {} : { index: options.index }) })}
${alertAt(view, at, problemId)}
${threeInputs(view, { prefix: options.words.prefix, label: options.words.label, key, at, values: options.words.values ?? {} })}
${outcome}
${editor}
<label for="${key}-rule">${t.raw}</label><textarea id="${key}-rule" name="rule" rows="5" spellcheck="false"${view.problem?.at === at ? ` aria-describedby="${problemId}" aria-invalid="true"` : ''}>${escapeHtml(raw)}</textarea>
<button class="secondary" type="submit" name="mode" value="raw">${t.saveRaw}</button>
</form>`
}

/** A rule in a line: its comparisons in words when it has that shape, else its JSON. */
function ruleInWords(view: BuilderView, rule: unknown, all: Comparable[]): string {
  const { t } = view
  const visual = findComparisons(rule)
  if (!visual) return `<code>${escapeHtml(JSON.stringify(rule))}</code>`
  const joiner = visual.join === 'all' ? ' · ' : ' | '
  return visual.comparisons
    .map(
      (c) =>
        `${escapeHtml(all.find((x) => x.path === c.left)?.label ?? c.left)} ${escapeHtml(t[`op.${c.op}`])} <strong>${escapeHtml(all.find((x) => x.path === c.left)?.choices?.get(String(c.value)) ?? String(c.value))}</strong>`,
    )
    .join(joiner)
}

interface Definition {
  eligibility?: Array<{ rule?: unknown; message?: Words }>
  decision?: { by?: string; rules?: Array<{ when?: unknown; outcome?: string; reason?: Words }>; otherwise?: string }
  notifications?: Partial<Record<'submitted' | 'approved' | 'rejected', Words>>
}

/** Who may apply: each rule with its message, changed or removed, and a form to add one. */
export function eligibilitySection(view: BuilderView, definition: Definition, all: Comparable[]): string {
  const { t, language } = view
  const rules = Array.isArray(definition.eligibility) ? definition.eligibility : []
  const items = rules
    .map((r, i) => {
      const name = say(t.rule, { n: i + 1 })
      const at = `eligibility:${i}`
      return `<li><p><strong>${escapeHtml(name)}</strong>: ${ruleInWords(view, r.rule, all)}<br>${escapeHtml(r.message?.[language] ?? '')}</p>
<details${openAt(view, at)}><summary>${t.change}: ${escapeHtml(name)}</summary>${ruleForm(view, { at, key: `elig-${i}`, action: 'set-eligibility', index: i, rule: r.rule, words: { prefix: 'message', label: t.message, values: r.message ?? {} }, comparables: all })}</details>
${small(view, `${t.remove}: ${name}`, { action: 'remove-eligibility', index: i })}</li>`
    })
    .join('')
  const at = 'eligibility:new'
  return `<section class="card" aria-labelledby="eligibility"><h2 id="eligibility">${t.eligibility}</h2>${alertAt(view, 'eligibility')}
${items ? `<ol>${items}</ol>` : `<p class="muted">${t.eligibilityNone}</p>`}
<details${openAt(view, at)}><summary>${t.addRule}</summary>${ruleForm(view, { at, key: 'elig-new', action: 'add-eligibility', words: { prefix: 'message', label: t.message }, comparables: all })}</details>
</section>`
}

/** The rules that decide, in order, and what happens when none holds; only when the rules decide. */
export function decisionSection(view: BuilderView, definition: Definition, all: Comparable[]): string {
  const decision = definition.decision
  if (decision?.by !== 'rules') return ''
  const { t, language } = view
  const rules = Array.isArray(decision.rules) ? decision.rules : []
  const items = rules
    .map((r, i) => {
      const name = say(t.rule, { n: i + 1 })
      const at = `decision:${i}`
      return `<li><p><strong>${escapeHtml(name)}</strong>: ${ruleInWords(view, r.when, all)} → ${r.outcome === 'reject' ? t.reject : t.approve}<br>${escapeHtml(r.reason?.[language] ?? '')}</p>
<details${openAt(view, at)}><summary>${t.change}: ${escapeHtml(name)}</summary>${ruleForm(view, { at, key: `dec-${i}`, action: 'set-decision-rule', index: i, rule: r.when, outcome: r.outcome ?? 'approve', words: { prefix: 'reason', label: t.reason, values: r.reason ?? {} }, comparables: all })}</details>
${i > 0 ? small(view, `${t.up}: ${name}`, { action: 'move-decision-rule', index: i, by: -1 }) : ''} ${i < rules.length - 1 ? small(view, `${t.down}: ${name}`, { action: 'move-decision-rule', index: i, by: 1 }) : ''} ${small(view, `${t.remove}: ${name}`, { action: 'remove-decision-rule', index: i })}</li>`
    })
    .join('')
  const at = 'decision:new'
  const otherwise = decision.otherwise ?? 'approve'
  return `<section class="card" aria-labelledby="decision-rules"><h2 id="decision-rules">${t.decisionRules}</h2>${alertAt(view, 'decision')}
${items ? `<ol>${items}</ol>` : `<p class="muted">${t.decisionNone}</p>`}
<details${openAt(view, at)}><summary>${t.addRule}</summary>${ruleForm(view, { at, key: 'dec-new', action: 'add-decision-rule', outcome: 'reject', words: { prefix: 'reason', label: t.reason }, comparables: all })}</details>
<form method="post" novalidate>${hidden({ revision: view.revision, action: 'set-otherwise' })}${alertAt(view, 'otherwise')}
<fieldset><legend>${t.otherwise}</legend>${(['approve', 'reject', 'official'] as const)
    .map(
      (o) =>
        `<label class="choice"><input type="radio" name="otherwise" value="${o}"${otherwise === o ? ' checked' : ''}> ${t[o]}</label>`,
    )
    .join('')}</fieldset>
<button class="secondary" type="submit">${t.save}</button></form>
</section>`
}

/** The inbox messages at submission, approval and refusal; all three languages empty: the platform's words. */
export function notificationsSection(view: BuilderView, definition: Definition): string {
  const { t } = view
  const forms = (['submitted', 'approved', 'rejected'] as const)
    .map((step) => {
      const at = `notify:${step}`
      const words = t[`notify.${step}`]
      return `<form method="post" novalidate>${hidden({ revision: view.revision, action: 'set-notification', at: step })}
<h3 id="notify-${step}">${words}</h3>${step === 'rejected' ? `<p class="muted">${t['notify.rejectedHint']}</p>` : ''}${alertAt(view, at)}
${threeInputs(view, { prefix: 'text', label: words, key: `notify-${step}`, at, values: definition.notifications?.[step] ?? {} })}
<button class="secondary" type="submit">${t.saveMessage}: ${words}</button></form>`
    })
    .join('\n')
  return `<section class="card" aria-labelledby="notifications"><h2 id="notifications">${t.notifications}</h2>
<p class="muted">${t.notifyHint}</p>
${forms}
</section>`
}
