/**
 * What one request of an oidc-provider keeps of its model rows (createOidcAdapter): the
 * rows it has read, and on PostgreSQL the writes it holds back to send together before
 * it answers.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { CompiledQuery } from 'kysely'
import type { Store } from './open-store.ts'
import { combineStatements } from './prepare-query.ts'

/** What oidc-provider stores of a model (its `AdapterPayload`), as far as the adapter reads it. */
export interface OidcPayload {
  grantId?: string
  uid?: string
  userCode?: string
  consumed?: number
  [key: string]: unknown
}

/** The tables an oidc-provider keeps its models in: the DEMO BANK's and Polis ID's. */
export type OidcTable = 'demo_bank_models' | 'id_models'
/** A model's row as the adapter reads it: the payload as stored, and when it was consumed. */
export interface OidcRow {
  payload: string
  consumed_at: string | null
}

/** A write of one request held back to leave with the request's others (PostgreSQL only). */
export type HeldWrite = CompiledQuery<unknown>

/**
 * What one request of an oidc-provider holds: the rows it has read, by table, model and id
 * (null: known to be gone), and, where asked, the writes it holds back until its answer.
 */
export interface RequestState {
  rows: Map<string, OidcRow | null>
  /**
   * Held writes by row key, in the order made; undefined where writes go out at once.
   * A consumption is held as a guard: it must change its row, or the request fails.
   */
  held: Map<string, { store: Store; write: HeldWrite; guard?: Guard }> | undefined
}
/** What a held consumption is of: the model, and the grant whose code it is (revoked when it fails). */
export interface Guard {
  model: string
  grantId: string | undefined
}
export const stateOfRequest = new AsyncLocalStorage<RequestState>()
/**
 * The models whose writes a request may hold: those oidc-provider saves and deletes but
 * never consumes, codes, saved once when made, and access tokens, saved once.
 */
export const holdable = new Set(['Session', 'Interaction', 'Grant', 'AuthorizationCode', 'AccessToken'])
/**
 * The models whose consumption a request may hold: a code redeemed and a pushed request
 * used, each in a request that then only saves what it made of them.
 */
export const consumableLater = new Set(['AuthorizationCode', 'PushedAuthorizationRequest'])

/**
 * Thrown when a consumption found its row already consumed: another request redeemed the
 * same code (or used the same pushed request) first. The request must not answer with
 * what it made; the code's grant (`grantId`) is to be revoked, as for a replay.
 */
export class OidcRowAlreadyConsumed extends Error {
  readonly model: string
  readonly grantId: string | undefined
  constructor(guard: Guard) {
    super(`${guard.model} already consumed`)
    this.model = guard.model
    this.grantId = guard.grantId
    this.name = 'OidcRowAlreadyConsumed'
  }
}
/** PostgreSQL's division by zero: how a statement of held writes stops when a guard changed nothing. */
const guardFailed = '22012'
export const rowKey = (table: OidcTable, model: string, id: string) => `${table}\u0000${model}\u0000${id}`
/** The memo's key of a row found by its uid (sessions are found so at the token endpoint). */
export const uidKey = (table: OidcTable, model: string, uid: string) => `${table}\u0000${model}\u0000uid\u0000${uid}`

/**
 * Runs one request of an oidc-provider with a memo of the model rows it reads: within
 * the request, a row read (or written) once is not read again. oidc-provider finds the
 * same interaction or grant more than once in some requests, and each read is a round
 * trip to PostgreSQL. The memo lives as long as the request and no longer, so every
 * request still sees what other processes wrote before it began.
 *
 * With `holdWrites`, on PostgreSQL, the request's saves and deletions of sessions,
 * interactions, grants and codes are held and leave together in one statement when
 * `flushOidcWrites` is called, which the caller must do before the request answers
 * (an oidc-provider middleware around its routes): resuming a sign-in deletes the
 * interaction and saves the code and the session in one round trip, not three.
 * A revocation sends what is held first, and so does a second write of a held row, so
 * the order of a row's writes is kept. A code's redemption and a pushed request's use are
 * held too, as guards: if another request consumed the row first, nothing of the
 * statement is applied, the flush throws `OidcRowAlreadyConsumed`, and the request
 * answers an error, not what it made.
 */
export function withOidcRequestMemo<T>(run: () => T, options: { holdWrites?: boolean } = {}): T {
  return stateOfRequest.run({ rows: new Map(), held: options.holdWrites ? new Map() : undefined }, run)
}

/**
 * Sends the writes the request holds, all in one statement (PostgreSQL's data-modifying
 * CTEs, applied together or not at all); nothing when none are held or the request holds
 * none. OidcRowAlreadyConsumed when a guard among them changed no row: then nothing is
 * applied (a request holds one guard at most, the code or the pushed request it uses).
 */
export async function flushOidcWrites(): Promise<void> {
  const held = stateOfRequest.getStore()?.held
  if (!held || held.size === 0) return
  const writes = [...held.values()]
  held.clear()
  const { db } = (writes[0] as (typeof writes)[number]).store
  const guard = writes.find((write) => write.guard)?.guard
  if (writes.length === 1) {
    const { rows } = await db.executeQuery((writes[0] as (typeof writes)[number]).write)
    if (guard && rows.length !== 1) throw new OidcRowAlreadyConsumed(guard)
    return
  }
  // Each write a part of one statement. A guard's part returns the row it consumed: one
  // divided by their count fails the statement, all its parts with it, where it is none.
  const checks = writes.flatMap((write, index) => (write.guard ? [`1 / (select count(*) from w${index})`] : []))
  try {
    await db.executeQuery(
      combineStatements(
        Object.fromEntries(writes.map(({ write }, index) => [`w${index}`, write])),
        `select ${checks.join(', ') || '1'}`,
      ),
    )
  } catch (error) {
    if (guard && (error as { code?: unknown }).code === guardFailed) throw new OidcRowAlreadyConsumed(guard)
    throw error
  }
}

/**
 * Tells the request's memo about a row read by other means (a grant found by its citizen),
 * or that there is none (null). `model` may also name a lookup of the caller's own.
 */
export function rememberOidcRow(table: OidcTable, model: string, id: string, row: OidcRow | null): void {
  stateOfRequest.getStore()?.rows.set(rowKey(table, model, id), row)
}

/** What the request's memo holds for a row: the row, null when known to be none, undefined when not read. */
export function recallOidcRow(table: OidcTable, model: string, id: string): OidcRow | null | undefined {
  return stateOfRequest.getStore()?.rows.get(rowKey(table, model, id))
}
