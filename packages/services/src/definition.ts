import { PolisError, registryNames } from '@polis/kernel'
import { z } from 'zod'
import { waitsOn } from './find-cycle.ts'
import { checkRule } from './rules.ts'
import { stageProblems } from './workflow-stages.ts'

/** A text in the platform's three languages. */
const translation = (language: string) =>
  z.string({ error: `the ${language} translation is missing` }).min(1, `the ${language} translation is empty`)
export const Text3 = z.object({ uk: translation('uk'), en: translation('en'), et: translation('et') }).strict()
export type Text3 = z.infer<typeof Text3>

/** A rule in JSON Logic (jsonlogic.com), checked for known operators when the definition loads. */
export const Rule = z.custom<RuleValue>((value) => value !== undefined, { message: 'a rule is required' })
export type RuleValue = null | boolean | number | string | RuleValue[] | { [operator: string]: RuleValue }

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'lower-case letters, digits and _')
const code = z.string().regex(/^[a-z][a-z0-9-]{1,60}$/, 'lower-case letters, digits and -')

/** A list of records the service reads: `records.<registry>.<kind>`. */
const RecordsPath = z.string().regex(/^records\.[a-z0-9-]+\.[a-z0-9-]+$/, 'a path such as records.vehicles.vehicle')
/** A value in one record: `plate`, `child.given_name`. */
const RecordPath = z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, 'a path such as child.given_name')
/** A document type, or `answers.<field>` naming the answer that holds one. */
const DocumentSource = z
  .string()
  .regex(/^([a-z][a-z0-9-]{1,60}|answers\.[a-z][a-z0-9_]{0,40})$/, 'a document type or answers.<field>')

/** Where a field's value comes from when the state already knows it: a path in the applicant's data. */
const PrefillPath = z
  .string()
  .regex(/^(person|records|applicant)(\.[a-z0-9_-]+|\[\d+\])+$/, 'a path such as person.address.formatted')

export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'boolean',
  'email',
  'phone',
  'item',
  'file',
] as const

/** The kinds of file a `file` field may take, each recognised by its first bytes, never by its name. */
export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type AttachmentType = (typeof attachmentTypes)[number]
/** A `file` field's limit when the definition names none, and the most any may allow. */
export const defaultMaxBytes = 5 * 1024 * 1024
export const largestMaxBytes = 10 * 1024 * 1024

/** Records a service reads, as a list to choose from: `records.<registry>.<kind>`. */
const ItemsPath = z
  .string()
  .regex(/^records\.[a-z0-9-]+\.[a-z0-9-]+$/, 'a path such as records.police-fines.traffic-fine')

export const Field = z
  .object({
    id: identifier,
    type: z.enum(fieldTypes),
    label: Text3,
    help: Text3.optional(),
    required: z.boolean().default(true),
    options: z
      .array(z.object({ value: z.string().min(1), label: Text3 }).strict())
      .min(1)
      .optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(10_000).default(500),
    min: z.number().optional(),
    max: z.number().optional(),
    pattern: z.string().max(200).optional(),
    /** Shown, not typed: the value is read from the registries and cannot be changed here. */
    prefill: PrefillPath.optional(),
    /** Asked only when the rule holds over the answers so far. */
    condition: Rule.optional(),
    /**
     * For a `select`: the options are the applicant's own records (their vehicles, their
     * children's births), each `value` and `label` a path in a record, and `where` a rule
     * over the record that keeps it.
     */
    optionsFrom: z
      .object({
        records: RecordsPath,
        value: RecordPath,
        label: z.array(RecordPath).min(1).max(4),
        where: Rule.optional(),
      })
      .strict()
      .optional(),
    /**
     * For an `item`: the payable records (an `amount` in minor units, a `currency`, `status`
     * `due` or `paid`) the citizen chooses one of, by its id; only their own are read, and
     * only those due are offered.
     */
    items: ItemsPath.optional(),
    /** For an `item`: what is shown of each record beside its description and amount. */
    details: z
      .array(z.object({ path: identifier, label: Text3 }).strict())
      .max(8)
      .optional(),
    /** For a `file`: the kinds of file taken (read from the file's own bytes). */
    accept: z.array(z.enum(attachmentTypes)).min(1).max(attachmentTypes.length).optional(),
    /** For a `file`: the largest file taken, in bytes (5 MB if absent, at most 10 MB). */
    maxBytes: z.number().int().min(1).max(largestMaxBytes, 'at most 10 MB (10485760 bytes)').optional(),
  })
  .strict()
export type Field = z.infer<typeof Field>

export const Page = z
  .object({ id: identifier, title: Text3, fields: z.array(Field).min(1), condition: Rule.optional() })
  .strict()
export type Page = z.infer<typeof Page>

/** The office roles a stage of a case is for: a clerk checks, a decider decides, a supervisor signs off. */
export const officeRoles = ['clerk', 'decider', 'supervisor'] as const
export type OfficeRole = (typeof officeRoles)[number]

/**
 * One stage of an official's decision. Officials of its `role` act at it: at an earlier
 * stage they pass the case on (or refuse it, or ask the citizen); at the last stage, the
 * one no other stage comes after, they decide. A stage comes after those `after` names,
 * or, without `after`, after the stage before it in the list.
 */
export const Stage = z
  .object({
    id: identifier,
    name: Text3,
    role: z.enum(officeRoles),
    after: z.array(identifier).max(8).optional(),
  })
  .strict()
export type Stage = z.infer<typeof Stage>

/** How an application is decided. */
export const Decision = z.discriminatedUnion('by', [
  /** Rules decide at once; the first rule that holds gives the outcome, else `otherwise`. */
  z
    .object({
      by: z.literal('rules'),
      rules: z.array(z.object({ when: Rule, outcome: z.enum(['approve', 'reject']), reason: Text3 }).strict()),
      otherwise: z.enum(['approve', 'reject', 'official']),
    })
    .strict(),
  /**
   * An official of the agency decides, within the deadline; with `stages`, officials of
   * each stage's role pass the case on in turn (a clerk checks, then a decider decides).
   */
  z
    .object({
      by: z.literal('official'),
      deadlineDays: z.number().int().min(1).max(365),
      stages: z.array(Stage).min(1).max(8).optional(),
    })
    .strict(),
  /** Paying is the service: approved once the payment succeeds. */
  z.object({ by: z.literal('payment') }).strict(),
  /** A life-event bundle: its `parts`, each an application of its own service, decide it. */
  z.object({ by: z.literal('bundle') }).strict(),
])
export type Decision = z.infer<typeof Decision>

/** What an approved application produces. */
export const Output = z.discriminatedUnion('type', [
  /** A document (re)issued to the applicant's wallet, from the registries after any update. */
  z
    .object({
      type: z.literal('document'),
      documentType: code,
      /**
       * Another holder: `answers.<field>` holding their tax number (a vehicle's buyer); the applicant
       * if absent. When that field is optional and left empty, the output is not carried out.
       */
      holder: z
        .string()
        .regex(/^answers\.[a-z][a-z0-9_]{0,40}$/)
        .optional(),
      /**
       * Reissued only if the registers back it for the holder (a document carrying a name
       * that changed, which not everyone holds); without it, a document the registers do
       * not back fails the approval.
       */
      whenHeld: z.boolean().optional(),
    })
    .strict(),
  /**
   * The applicant's credentials of a document type, in every format and on every device,
   * revoked through their status lists: a verifier finds them revoked.
   */
  z.object({ type: z.literal('revoke-document'), documentType: DocumentSource, reason: Text3 }).strict(),
  /**
   * A list kept with the application for the citizen to read (their e-prescriptions):
   * the records `where` keeps, read as they stand, with the columns named.
   */
  z
    .object({
      type: z.literal('list'),
      label: Text3,
      records: RecordsPath,
      where: Rule.optional(),
      columns: z
        .array(z.object({ label: Text3, path: RecordPath }).strict())
        .min(1)
        .max(6),
      empty: Text3,
    })
    .strict(),
  /**
   * A PDF certificate from the registries as they stand, sealed by the platform (PAdES)
   * and kept with the application for the citizen to download: the applicant, then each
   * section's records (those `where` keeps) as a table, or its `empty` statement.
   */
  z
    .object({
      type: z.literal('certificate'),
      fileName: code,
      title: Text3,
      sections: z
        .array(
          z.union([
            z
              .object({
                heading: Text3,
                records: RecordsPath,
                where: Rule.optional(),
                columns: z
                  .array(z.object({ label: Text3, path: RecordPath }).strict())
                  .min(1)
                  .max(6),
                empty: Text3,
              })
              .strict(),
            /** The applicant's own answers to the questions named, each beside its question (a permit's particulars). */
            z.object({ heading: Text3, answers: z.array(identifier).min(1).max(20) }).strict(),
          ]),
        )
        .min(1)
        .max(6),
    })
    .strict(),
  /** A write to a registry, by a named operation that registry offers, with values from the answers. */
  z
    .object({
      type: z.literal('registry-update'),
      registry: z.enum(registryNames),
      operation: code,
      values: z.record(identifier, z.string().min(1)),
    })
    .strict(),
  /**
   * A record kept with the application (a queue position, a counted vote, a calculation):
   * each value a rule over `answers`, `today` and the `values` before it; with a
   * `currency`, an amount in its minor units.
   */
  z
    .object({
      type: z.literal('record'),
      label: Text3,
      values: z
        .array(
          z.object({ id: identifier, label: Text3, rule: Rule, currency: z.enum(['UAH', 'EUR']).optional() }).strict(),
        )
        .max(30)
        .optional(),
    })
    .strict(),
])
export type Output = z.infer<typeof Output>

export const categories = [
  'family',
  'residence',
  'documents',
  'transport',
  'business',
  'taxes',
  'property',
  'social',
  'health',
  'education',
  'justice',
  'civic',
  'migration',
] as const

export const lifeEvents = [
  'having-a-baby',
  'getting-married',
  'moving-house',
  'starting-a-business',
  'buying-a-car',
  'losing-a-job',
  'retiring',
  'displacement',
  'losing-a-document',
  'going-to-school',
] as const

/**
 * Another citizen named in the answers by tax number (a vehicle's buyer) who must confirm
 * the application, signed in as themselves, before an official may approve it; their
 * refusal closes it. They are told in their inbox, with a link to what they confirm.
 */
export const Confirmation = z
  .object({
    /** What they are to the application, in events and addresses: `buyer`. */
    role: identifier,
    /** The answer holding their tax number. */
    field: identifier,
    /** Who they are, as the applicant and officials read it: "The buyer". */
    label: Text3,
    /** What they are asked, the heading of their page: "Confirm that you are buying this vehicle". */
    question: Text3,
    /** The answers shown to them beside the applicant's name (the vehicle, the price). */
    show: z.array(identifier).max(10).default([]),
    /** Their inbox message, which links to the page. */
    request: Text3,
    /** What the applicant is told when they refuse (the application is closed). */
    declined: Text3,
  })
  .strict()
export type Confirmation = z.infer<typeof Confirmation>

/**
 * One service a life-event bundle fans out to: an application of that service, made for
 * the citizen from the bundle's answers and decided by its own agency, at once or after
 * the parts it waits for are approved (the benefit after the birth is registered).
 */
export const BundlePart = z
  .object({
    /** Its name within the bundle, for `after`. */
    id: identifier,
    /** The service it applies for (not itself a bundle). */
    service: code,
    /** Parts approved before it starts; one refused or not made, and it is not started either. */
    after: z.array(identifier).max(10).default([]),
    /** Made only when this rule over the bundle's answers and data holds (the benefit asked for). */
    when: Rule.optional(),
    /** Its answers, each `answers.<field>` of the bundle or a fixed value (`true`). */
    answers: z.record(identifier, z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
  })
  .strict()
export type BundlePart = z.infer<typeof BundlePart>

/** A registry record set the service reads about the applicant, for prefill and rules (read once an application). */
const DataNeed = z.object({ registry: z.enum(registryNames), kind: code }).strict()

export const ServiceDefinition = z
  .object({
    $schema: z.string().optional(),
    code,
    version: z.number().int().min(1),
    name: Text3,
    summary: Text3,
    category: z.enum(categories),
    lifeEvents: z.array(z.enum(lifeEvents)).default([]),
    /** The agency that owns the service and whose officials decide it. */
    agency: code,
    data: z.array(DataNeed).default([]),
    /** Who may apply: every rule must hold, else its message says why not. */
    eligibility: z.array(z.object({ rule: Rule, message: Text3 }).strict()).default([]),
    pages: z.array(Page).default([]),
    /**
     * Paid before the decision: a fixed amount in minor units (kopiykas, cents), or the
     * amount of the registry record chosen in an `item` field, read from the registry.
     */
    fee: z
      .union([
        z.object({ amount: z.number().int().min(1), currency: z.enum(['UAH', 'EUR']) }).strict(),
        z.object({ item: identifier }).strict(),
      ])
      .optional(),
    decision: Decision,
    /** A bundle's services (`decision: {by: "bundle"}`), in the order they are made. */
    parts: z.array(BundlePart).max(12).default([]),
    /** Citizens named in the answers who must confirm before an official approves (a vehicle's buyer). */
    confirmations: z.array(Confirmation).max(3).default([]),
    outputs: z.array(Output).default([]),
    /**
     * Answers that a seeded citizen may submit, and the status they lead to: what
     * `polis services check` walks, and what the builder's preview starts from.
     */
    example: z
      .object({
        answers: z.record(identifier, z.unknown()),
        expect: z.enum(['completed', 'rejected', 'in-review', 'awaiting-payment', 'in-progress']),
      })
      .strict()
      .optional(),
    /** What the citizen is told at each step, in their inbox. */
    notifications: z
      .object({ submitted: Text3.optional(), approved: Text3.optional(), rejected: Text3.optional() })
      .strict()
      .default({}),
  })
  .strict()
export type ServiceDefinition = z.infer<typeof ServiceDefinition>

/** One problem of a definition, at the exact path where it is. */
export interface DefinitionProblem {
  path: string
  message: string
}

const pathOf = (path: ReadonlyArray<PropertyKey>) =>
  path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '')

/**
 * Checks a definition: the schema, then what a schema cannot say (unique ids, options
 * for every select, rules built from known operators, prefill paths that read data the
 * service asks for). Returns the definition, or every problem with its path.
 */
export function checkDefinition(input: unknown): { definition: ServiceDefinition } | { problems: DefinitionProblem[] } {
  const parsed = ServiceDefinition.safeParse(input)
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message })) }
  }
  const definition = parsed.data
  const problems: DefinitionProblem[] = []
  const rule = (value: unknown, path: string) => {
    for (const message of checkRule(value)) problems.push({ path, message })
  }
  definition.eligibility.forEach((e, i) => {
    rule(e.rule, `eligibility[${i}].rule`)
  })
  const fieldIds = new Set<string>()
  definition.pages.forEach((page, p) => {
    if (page.condition !== undefined) rule(page.condition, `pages[${p}].condition`)
    page.fields.forEach((field, f) => {
      const at = `pages[${p}].fields[${f}]`
      if (fieldIds.has(field.id)) problems.push({ path: `${at}.id`, message: `field id ${field.id} is used twice` })
      fieldIds.add(field.id)
      if (field.type === 'select' && !field.options && !field.optionsFrom)
        problems.push({ path: `${at}.options`, message: 'a select needs options' })
      if (field.optionsFrom) {
        const [, registry, kind] = field.optionsFrom.records.split('.')
        if (field.type !== 'select') problems.push({ path: `${at}.optionsFrom`, message: 'only a select has options' })
        if (!definition.data.some((d) => d.registry === registry && d.kind === kind)) {
          problems.push({
            path: `${at}.optionsFrom.records`,
            message: `reads ${registry}.${kind}, which data does not ask for`,
          })
        }
        if (field.optionsFrom.where !== undefined) rule(field.optionsFrom.where, `${at}.optionsFrom.where`)
      }
      if (field.condition !== undefined) rule(field.condition, `${at}.condition`)
      if (field.pattern) {
        try {
          new RegExp(field.pattern, 'u')
        } catch {
          problems.push({ path: `${at}.pattern`, message: 'not a regular expression' })
        }
      }
      if (field.type === 'item' && !field.items) {
        problems.push({ path: `${at}.items`, message: 'an item field needs items' })
      }
      if (field.type !== 'item' && (field.items || field.details)) {
        problems.push({ path: `${at}.items`, message: 'only an item field has items' })
      }
      if (field.type === 'file' && !field.accept) {
        problems.push({ path: `${at}.accept`, message: 'a file field needs accept: the kinds of file it takes' })
      }
      if (field.type !== 'file' && (field.accept || field.maxBytes !== undefined)) {
        problems.push({
          path: `${at}.${field.accept ? 'accept' : 'maxBytes'}`,
          message: 'only a file field has accept and maxBytes',
        })
      }
      if (field.accept && new Set(field.accept).size !== field.accept.length) {
        problems.push({ path: `${at}.accept`, message: 'a kind of file is named twice' })
      }
      if (field.type === 'file' && field.prefill) {
        problems.push({ path: `${at}.prefill`, message: 'a file is uploaded, not prefilled' })
      }
      if (field.items) {
        const [, registry, kind] = field.items.split('.')
        if (!definition.data.some((d) => d.registry === registry && d.kind === kind)) {
          problems.push({ path: `${at}.items`, message: `reads ${registry}.${kind}, which data does not ask for` })
        }
      }
      if (field.prefill?.startsWith('records.')) {
        const [, registry, kind] = field.prefill.replace(/\[\d+\]/g, '').split('.')
        if (!definition.data.some((d) => d.registry === registry && d.kind === kind)) {
          problems.push({ path: `${at}.prefill`, message: `reads ${registry}.${kind}, which data does not ask for` })
        }
      }
    })
  })
  if (definition.decision.by === 'rules') {
    definition.decision.rules.forEach((r, i) => {
      rule(r.when, `decision.rules[${i}].when`)
    })
  }
  // Rules over the answers may read only answers some page asks for (a typo is otherwise
  // a rule that silently never holds). `where` rules read a record, not the answers.
  const answered = (value: unknown, path: string) => {
    for (const field of answersRead(value)) {
      if (!fieldIds.has(field)) problems.push({ path, message: `reads answers.${field}, which no page asks for` })
    }
  }
  definition.eligibility.forEach((e, i) => {
    answered(e.rule, `eligibility[${i}].rule`)
  })
  definition.pages.forEach((page, p) => {
    if (page.condition !== undefined) answered(page.condition, `pages[${p}].condition`)
    page.fields.forEach((field, f) => {
      if (field.condition !== undefined) answered(field.condition, `pages[${p}].fields[${f}].condition`)
    })
  })
  if (definition.decision.by === 'rules') {
    definition.decision.rules.forEach((r, i) => {
      answered(r.when, `decision.rules[${i}].when`)
    })
  }
  definition.outputs.forEach((output, i) => {
    if (output.type !== 'record') return
    output.values?.forEach((value, v) => {
      answered(value.rule, `outputs[${i}].values[${v}].rule`)
    })
  })
  const decision = definition.decision
  const roles = new Set<string>()
  definition.confirmations.forEach((confirmation, i) => {
    const at = `confirmations[${i}]`
    if (roles.has(confirmation.role)) problems.push({ path: `${at}.role`, message: `role ${confirmation.role} twice` })
    roles.add(confirmation.role)
    if (!fieldIds.has(confirmation.field))
      problems.push({ path: `${at}.field`, message: `no field ${confirmation.field}` })
    confirmation.show.forEach((shown, s) => {
      if (!fieldIds.has(shown)) problems.push({ path: `${at}.show[${s}]`, message: `no field ${shown}` })
    })
    // Only an official's approval waits for the confirmation: rules or a payment would not.
    const official =
      decision.by === 'official' ||
      (decision.by === 'rules' &&
        decision.otherwise === 'official' &&
        decision.rules.every((r) => r.outcome !== 'approve'))
    if (!official || definition.fee) {
      problems.push({ path: at, message: 'a confirmation needs an official to decide, and no fee' })
    }
  })
  if (definition.decision.by === 'payment' && !definition.fee) {
    problems.push({ path: 'fee', message: 'a payment service needs a fee' })
  }
  const fee = definition.fee
  if (fee && 'item' in fee) {
    const field = definition.pages.flatMap((p) => p.fields).find((f) => f.id === fee.item)
    if (field?.type !== 'item') problems.push({ path: 'fee.item', message: `no item field ${fee.item}` })
  }
  definition.outputs.forEach((output, i) => {
    const named =
      output.type === 'revoke-document' ? output.documentType : output.type === 'document' ? output.holder : ''
    if (named?.startsWith('answers.') && !fieldIds.has(named.slice('answers.'.length))) {
      problems.push({ path: `outputs[${i}]`, message: `no field ${named.slice('answers.'.length)}` })
    }
    if (output.type === 'list') {
      const [, registry, kind] = output.records.split('.')
      if (!definition.data.some((d) => d.registry === registry && d.kind === kind)) {
        problems.push({
          path: `outputs[${i}].records`,
          message: `reads ${registry}.${kind}, which data does not ask for`,
        })
      }
      if (output.where !== undefined) rule(output.where, `outputs[${i}].where`)
    }
    if (output.type !== 'certificate') return
    output.sections.forEach((section, s) => {
      if ('answers' in section) {
        section.answers.forEach((id, a) => {
          if (!fieldIds.has(id)) {
            problems.push({
              path: `outputs[${i}].sections[${s}].answers[${a}]`,
              message: `${id} is not a question of this service`,
            })
          }
        })
        return
      }
      const [, registry, kind] = section.records.split('.')
      if (!definition.data.some((d) => d.registry === registry && d.kind === kind)) {
        problems.push({
          path: `outputs[${i}].sections[${s}].records`,
          message: `reads ${registry}.${kind}, which data does not ask for`,
        })
      }
      if (section.where !== undefined) rule(section.where, `outputs[${i}].sections[${s}].where`)
    })
  })
  definition.outputs.forEach((output, i) => {
    if (output.type === 'record') {
      output.values?.forEach((value, v) => {
        rule(value.rule, `outputs[${i}].values[${v}].rule`)
      })
    }
    if (output.type !== 'registry-update') return
    for (const [name, source] of Object.entries(output.values)) {
      if (source.startsWith('payment.') && !['payment.id', 'payment.amount'].includes(source)) {
        problems.push({ path: `outputs[${i}].values.${name}`, message: 'payment.id or payment.amount' })
      }
      if (source.startsWith('payment.') && !definition.fee) {
        problems.push({ path: `outputs[${i}].values.${name}`, message: 'no payment: the service has no fee' })
      }
      const field = source.replace(/^answers\./, '')
      if (source.startsWith('answers.') && !fieldIds.has(field)) {
        problems.push({ path: `outputs[${i}].values.${name}`, message: `no field ${field}` })
      }
    }
  })
  problems.push(...bundleProblems(definition, fieldIds, answered, rule))
  if (definition.decision.by === 'official') problems.push(...stageProblems(definition.decision.stages ?? []))
  return problems.length > 0 ? { problems } : { definition }
}

/**
 * What a bundle's parts must be, within the definition: parts only in a bundle, and a
 * bundle with parts and nothing of its own to carry out; part names once; `after` naming
 * another part, with no cycle; answers from the bundle's questions.
 */
function bundleProblems(
  definition: ServiceDefinition,
  fieldIds: Set<string>,
  answered: (rule: unknown, path: string) => void,
  rule: (rule: unknown, path: string) => void,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = []
  const bundle = definition.decision.by === 'bundle'
  if (!bundle) {
    if (definition.parts.length > 0) problems.push({ path: 'parts', message: 'only a bundle has parts' })
    return problems
  }
  if (definition.parts.length === 0) problems.push({ path: 'parts', message: 'a bundle needs parts' })
  if (definition.fee) problems.push({ path: 'fee', message: 'a bundle has no fee: its parts may not either' })
  if (definition.outputs.length > 0) problems.push({ path: 'outputs', message: 'a bundle’s parts carry out' })
  if (definition.confirmations.length > 0) {
    problems.push({ path: 'confirmations', message: 'a bundle’s parts ask for confirmations' })
  }
  // A file goes to one application: the bundle's own would keep it from its parts.
  definition.pages.forEach((page, p) => {
    page.fields.forEach((field, f) => {
      if (field.type === 'file') {
        problems.push({ path: `pages[${p}].fields[${f}].type`, message: 'a bundle asks no file: its parts do' })
      }
    })
  })
  const ids = new Set<string>()
  definition.parts.forEach((part, i) => {
    if (ids.has(part.id)) problems.push({ path: `parts[${i}].id`, message: `part ${part.id} is named twice` })
    ids.add(part.id)
    if (part.service === definition.code) {
      problems.push({ path: `parts[${i}].service`, message: 'a bundle is not its own part' })
    }
    if (part.when !== undefined) {
      rule(part.when, `parts[${i}].when`)
      answered(part.when, `parts[${i}].when`)
    }
    for (const [name, source] of Object.entries(part.answers)) {
      const field = typeof source === 'string' && source.startsWith('answers.') ? source.slice(8) : undefined
      if (field !== undefined && !fieldIds.has(field)) {
        problems.push({ path: `parts[${i}].answers.${name}`, message: `no field ${field}` })
      }
    }
  })
  definition.parts.forEach((part, i) => {
    part.after.forEach((earlier, a) => {
      if (!ids.has(earlier)) problems.push({ path: `parts[${i}].after[${a}]`, message: `no part ${earlier}` })
    })
  })
  // A cycle would wait for ever: each part's way back through `after`, walked depth first.
  const afterOf = new Map(definition.parts.map((p) => [p.id, p.after]))
  definition.parts.forEach((part, i) => {
    const way = waitsOn(part.id, afterOf, [part.id])
    if (way) problems.push({ path: `parts[${i}].after`, message: `a cycle: ${way.join(' → ')}` })
  })
  return problems
}

/** Operators whose later arguments are applied to each item of a list, not to the answers. */
const perItem = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some'])

/** The answer fields a JSON Logic rule reads (`{"var": "answers.x"}`, `{"missing": ["answers.x"]}`). */
export function answersRead(rule: unknown): string[] {
  const fieldOf = (path: unknown) =>
    typeof path === 'string' && path.startsWith('answers.') ? [path.slice('answers.'.length).split('.')[0] ?? ''] : []
  if (rule === null || typeof rule !== 'object') return []
  if (Array.isArray(rule)) return rule.flatMap(answersRead)
  return Object.entries(rule).flatMap(([operator, args]) => {
    const list = Array.isArray(args) ? args : [args]
    if (operator === 'var') return fieldOf(list[0])
    if (operator === 'missing') return list.flatMap((a) => (typeof a === 'string' ? fieldOf(a) : answersRead(a)))
    if (operator === 'missing_some') {
      const names = list[1]
      return Array.isArray(names) ? names.flatMap(fieldOf) : answersRead(names)
    }
    if (perItem.has(operator)) return answersRead(list[0])
    return answersRead(list)
  })
}

/** The definition, or ERR_SERVICE_DEFINITION_INVALID naming the first problems and their paths. */
export function parseDefinition(input: unknown): ServiceDefinition {
  const checked = checkDefinition(input)
  if ('definition' in checked) return checked.definition
  const detail = checked.problems
    .slice(0, 5)
    .map((p) => `${p.path || '(root)'}: ${p.message}`)
    .join('; ')
  throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail })
}
