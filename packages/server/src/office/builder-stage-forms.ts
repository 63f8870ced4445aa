/**
 * The builder's forms for an official's decision in stages: each stage with who acts and
 * what it comes after, changed, moved or removed; a stage added. A refused change (a
 * cycle, an `after` naming no stage) is said inside its form, holding what was typed.
 */
import type { Language } from '@polis/kernel'
import { officeRoles } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'
import {
  alertAt,
  type BuilderView,
  detailsAt,
  hidden,
  openAt,
  option,
  small,
  threeInputs,
  typed,
} from './builder-html.ts'
import { roleName } from './office-stages.ts'

type Words = Partial<Record<Language, string>>
interface DraftStage {
  id: string
  name?: Words
  role?: string
  after?: string[]
}

const texts = {
  en: {
    heading: 'Stages and who acts',
    intro:
      'Without stages, any official with the decider role decides. With stages, the officials of each stage’s role act in turn, each stage once; the last stage decides, and no official acts at two stages of one case.',
    none: 'No stages: decided in one step.',
    first: 'first',
    afterPrevious: 'after the stage before it',
    after: 'after {stages}',
    decides: 'decides',
    change: 'Change',
    add: 'Add a stage',
    id: 'Identifier (lower-case letters, digits and _)',
    name: 'Name',
    role: 'Who acts',
    comesAfter: 'Comes after (none ticked: the stage before it in the list)',
    save: 'Save',
    addButton: 'Add',
    up: 'Move up',
    down: 'Move down',
    remove: 'Remove',
  },
  uk: {
    heading: 'Етапи і хто діє',
    intro:
      'Без етапів рішення ухвалює будь-який посадовець із роллю decider. З етапами посадовці ролі кожного етапу діють по черзі, кожен етап один раз; останній етап ухвалює рішення, і жоден посадовець не діє на двох етапах однієї справи.',
    none: 'Етапів немає: рішення ухвалюють за один крок.',
    first: 'перший',
    afterPrevious: 'після попереднього етапу',
    after: 'після: {stages}',
    decides: 'ухвалює рішення',
    change: 'Змінити',
    add: 'Додати етап',
    id: 'Ідентифікатор (малі латинські літери, цифри і _)',
    name: 'Назва',
    role: 'Хто діє',
    comesAfter: 'Після (нічого не позначено: після попереднього в списку)',
    save: 'Зберегти',
    addButton: 'Додати',
    up: 'Вище',
    down: 'Нижче',
    remove: 'Вилучити',
  },
  et: {
    heading: 'Etapid ja kes tegutseb',
    intro:
      'Etappideta otsustab iga decider-rolliga ametnik. Etappidega tegutsevad iga etapi rolli ametnikud kordamööda, iga etapp üks kord; viimane etapp otsustab ja ükski ametnik ei tegutse ühe asja kahes etapis.',
    none: 'Etappe pole: otsustatakse ühe sammuga.',
    first: 'esimene',
    afterPrevious: 'eelmise etapi järel',
    after: 'pärast: {stages}',
    decides: 'otsustab',
    change: 'Muuda',
    add: 'Lisa etapp',
    id: 'Tunnus (väiketähed, numbrid ja _)',
    name: 'Nimi',
    role: 'Kes tegutseb',
    comesAfter: 'Pärast (midagi märkimata: loendis eelmise järel)',
    save: 'Salvesta',
    addButton: 'Lisa',
    up: 'Üles',
    down: 'Alla',
    remove: 'Eemalda',
  },
} as const satisfies Record<Language, Record<string, string>>

/** The stages a refused form had ticked, else the draft's. */
function ticked(view: BuilderView, at: string, fallback: readonly string[]): ReadonlySet<string> {
  if (view.problem?.at !== at) return new Set(fallback)
  const value = view.problem.form?.after
  return new Set(Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [])
}

function stageFields(
  view: BuilderView,
  options: { key: string; at: string; stage?: DraftStage; others: DraftStage[] },
): string {
  const t = texts[view.language]
  const { key, at, stage, others } = options
  const role = typed(view, at, 'role', stage?.role ?? 'clerk')
  const after = ticked(view, at, stage?.after ?? [])
  const boxes = others
    .map(
      (o) =>
        `<label class="choice"><input type="checkbox" name="after" value="${escapeHtml(o.id)}"${after.has(o.id) ? ' checked' : ''}> ${escapeHtml(o.name?.[view.language] || o.id)}</label>`,
    )
    .join('')
  return `${threeInputs(view, { prefix: 'name', label: t.name, key, at, values: stage?.name ?? {} })}
<label for="${key}-role">${t.role}</label><select id="${key}-role" name="role">${officeRoles.map((r) => option(r, roleName(view.language, r), role === r)).join('')}</select>
${others.length > 0 ? `<fieldset><legend>${t.comesAfter}</legend>${boxes}</fieldset>` : ''}`
}

/** The section of stages, for a service an official decides. */
export function stagesSection(view: BuilderView, decision: { by?: string; stages?: unknown } | undefined): string {
  if (decision?.by !== 'official') return ''
  const t = texts[view.language]
  const stages = (Array.isArray(decision.stages) ? decision.stages : []) as DraftStage[]
  const named = (id: string) => stages.find((s) => s.id === id)?.name?.[view.language] || id
  const waitedOn = new Set(stages.flatMap((s, i) => s.after ?? (i > 0 ? [stages[i - 1]?.id ?? ''] : [])))
  const items = stages
    .map((stage, i) => {
      const name = stage.name?.[view.language] || stage.id
      const at = `stages:${stage.id}`
      const order = stage.after
        ? stage.after.length === 0
          ? t.first
          : t.after.replace('{stages}', stage.after.map(named).join(', '))
        : i === 0
          ? t.first
          : t.afterPrevious
      const role = roleName(view.language, (stage.role ?? 'clerk') as (typeof officeRoles)[number])
      const last = waitedOn.has(stage.id) ? '' : ` · <strong>${t.decides}</strong>`
      return `<li><strong>${escapeHtml(name)}</strong> <code>${escapeHtml(stage.id)}</code> · ${escapeHtml(role)} · ${escapeHtml(order)}${last}
${i > 0 ? small(view, `${t.up}: ${name}`, { action: 'move-stage', stage: stage.id, by: -1 }) : ''} ${i < stages.length - 1 ? small(view, `${t.down}: ${name}`, { action: 'move-stage', stage: stage.id, by: 1 }) : ''} ${small(view, `${t.remove}: ${name}`, { action: 'remove-stage', stage: stage.id })}
<details${detailsAt(view, at)}><summary>${t.change}: ${escapeHtml(name)}</summary><form method="post" novalidate>${hidden({ revision: view.revision, action: 'set-stage', stage: stage.id })}
${alertAt(view, at)}
${stageFields(view, { key: `stage-${i}`, at, stage, others: stages.filter((s) => s.id !== stage.id) })}
<button class="secondary" type="submit">${t.save}</button></form></details></li>`
    })
    .join('')
  const at = 'stages:new'
  return `<section class="card" aria-labelledby="stages"><h2 id="stages">${t.heading}</h2>${alertAt(view, 'stages')}
<p class="muted">${t.intro}</p>
${items ? `<ol class="stage-list">${items}</ol>` : `<p>${t.none}</p>`}
<details${openAt(view, at)}><summary>${t.add}</summary><form method="post" novalidate>${hidden({ revision: view.revision, action: 'add-stage' })}
${alertAt(view, at)}
<label for="stage-new-id">${t.id}</label><input id="stage-new-id" name="id" type="text" maxlength="63" autocomplete="off" value="${escapeHtml(typed(view, at, 'id', ''))}">
${stageFields(view, { key: 'stage-new', at, others: stages })}
<button class="secondary" type="submit">${t.addButton}</button></form></details>
</section>`
}
