/**
 * A case's stages as the office shows them: the list (passed, by whom and when, with the
 * note; the stage now; those to come), what the official at the desk may do at the stage
 * now, and the words for it in the office's three languages.
 */
import type { Language } from '@polis/kernel'
import type { CaseStages, Stage } from '@polis/services'
import { escapeHtml } from '@polis/ui/server-page'

export const stageTexts = {
  en: {
    heading: 'Stages',
    passedBy: 'passed by {who} on {date}',
    now: 'now',
    toCome: 'to come',
    decides: 'decides the case',
    forRole: 'for a {role}',
    pass: 'Pass to the next stage',
    passNamed: 'Pass on: {stage}',
    note: 'Note or reason',
    barred: 'You acted at an earlier stage of this case: another official acts at this one.',
    notYourRole: 'This stage is for a {role}.',
    stagePassed: 'Stage passed',
    stageColumn: 'Stage',
    waitingFor: 'Waiting for',
    anyRole: 'Any role',
    myRoles: 'My roles',
    clerk: 'clerk',
    decider: 'decider',
    supervisor: 'supervisor',
  },
  uk: {
    heading: 'Етапи',
    passedBy: 'пройдено: {who}, {date}',
    now: 'зараз',
    toCome: 'далі',
    decides: 'ухвалює рішення у справі',
    forRole: 'для ролі «{role}»',
    pass: 'Передати на наступний етап',
    passNamed: 'Передати далі: {stage}',
    note: 'Примітка або підстава',
    barred: 'Ви діяли на попередньому етапі цієї справи: на цьому етапі діє інший посадовець.',
    notYourRole: 'Цей етап — для ролі «{role}».',
    stagePassed: 'Етап пройдено',
    stageColumn: 'Етап',
    waitingFor: 'Чекає на',
    anyRole: 'Будь-яку роль',
    myRoles: 'Мої ролі',
    clerk: 'діловод',
    decider: 'той, хто вирішує',
    supervisor: 'керівник',
  },
  et: {
    heading: 'Etapid',
    passedBy: 'läbis {who}, {date}',
    now: 'praegu',
    toCome: 'tulemas',
    decides: 'otsustab asja',
    forRole: 'rollile „{role}”',
    pass: 'Saada järgmisse etappi',
    passNamed: 'Saada edasi: {stage}',
    note: 'Märkus või põhjendus',
    barred: 'Te tegutsesite selle asja varasemas etapis: selles etapis tegutseb teine ametnik.',
    notYourRole: 'See etapp on rollile „{role}”.',
    stagePassed: 'Etapp läbitud',
    stageColumn: 'Etapp',
    waitingFor: 'Ootab',
    anyRole: 'Iga rolli',
    myRoles: 'Minu rolle',
    clerk: 'asjaajaja',
    decider: 'otsustaja',
    supervisor: 'juht',
  },
} as const satisfies Record<Language, Record<string, string>>

/** A role in the official's language. */
export const roleName = (language: Language, role: Stage['role']) => stageTexts[language][role]

/**
 * The case's stages in order: each passed one with who passed it, when, and their note;
 * the stages open now; those to come, the last marked as the one that decides.
 */
export function stagesHtml(
  at: CaseStages,
  options: { language: Language; time: (iso: string) => string; who: (actor: string) => string },
): string {
  const t = stageTexts[options.language]
  const items = at.stages.map((stage) => {
    const passed = at.passed.find((p) => p.stage === stage.id)
    const name = escapeHtml(stage.name[options.language])
    const role = escapeHtml(t.forRole.replace('{role}', roleName(options.language, stage.role)))
    const last = stage === at.last ? ` · ${t.decides}` : ''
    if (passed) {
      const by = t.passedBy.replace('{who}', options.who(passed.actor)).replace('{date}', options.time(passed.at))
      return `<li class="stage done"><strong>${name}</strong> <span class="muted">(${role})</span><br>${escapeHtml(by)}${passed.note ? `<br><q>${escapeHtml(passed.note)}</q>` : ''}</li>`
    }
    if (at.open.includes(stage)) {
      return `<li class="stage now" aria-current="step"><strong>${name}</strong> <span class="tag">${t.now}</span> <span class="muted">(${role}${last})</span></li>`
    }
    return `<li class="stage"><strong>${name}</strong> <span class="muted">(${role}${last} · ${t.toCome})</span></li>`
  })
  return `<h2>${t.heading}</h2>\n<ol class="stages">${items.join('')}</ol>`
}

/** The stages open now, as the queue names them. */
export const openStagesName = (at: CaseStages, language: Language) =>
  at.open.map((stage) => stage.name[language]).join(', ')

export const stageStyles = `
.stages { padding-left: 1.5rem; }
.stages li { margin-bottom: 0.5rem; }
.stages .done { color: var(--muted); }
.stages .done strong { color: var(--fg); }
.stages .now { border-left: 4px solid var(--accent); margin-left: -0.75rem; padding-left: 0.5rem; }
.stages q { font-style: italic; }
.muted { color: var(--muted); }
.stage-list button.link { text-align: left; }
`
