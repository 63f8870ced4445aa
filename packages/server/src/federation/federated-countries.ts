import { type QrTrust, readStatusListToken, TrustRefusal } from '@polis/documents/qr'
import { isPolisError, PolisError } from '@polis/kernel'
import type { FederatedCountryTable } from '@polis/store'
import { z } from 'zod'
import type { Platform } from '../platform/create-platform.ts'
import { type CheckedTrustList, checkForeignTrustList, parseFingerprint } from './check-foreign-trust-list.ts'

/** Reads a URL's body as text; the server passes `fetch` with a timeout, tests their own. */
export type FetchText = (url: string) => Promise<string>

const fetchTimeoutMs = 10_000
const maxBodyBytes = 4 * 1024 * 1024

/** The network, with a timeout and a size cap: what the server uses to fetch other countries' lists. */
export const fetchText: FetchText = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(fetchTimeoutMs), redirect: 'error' }).catch(
    (cause: unknown) => {
      throw new PolisError('ERR_TRUST_LIST_UNAVAILABLE', { detail: `${url} cannot be reached`, cause })
    },
  )
  if (!response.ok) {
    throw new PolisError('ERR_TRUST_LIST_UNAVAILABLE', { detail: `${url} answered ${response.status}` })
  }
  const text = await response.text()
  if (text.length > maxBodyBytes) throw new PolisError('ERR_TOO_LARGE', { detail: `${url} is too large` })
  return text
}

const StatusListIndex = z.object({ lists: z.array(z.object({ uri: z.url(), issuer: z.string() })) })
const StoredStatusLists = z.array(z.object({ uri: z.string(), jwt: z.string() }))

/** A status list of another country's issuer, as fetched. */
export type ForeignStatusList = z.infer<typeof StoredStatusLists>[number]

let changes = 0

/** Counts the changes this process made to the held lists, so that verifiers here reload them at once. */
export function federationChanges(): number {
  return changes
}

const agreedOf = (row: FederatedCountryTable) => ({ code: row.code, anchorSha256: row.anchor_sha256 })

/**
 * Registers another country's trust list by its URL and the anchor fingerprint its
 * operator gave, and fetches it at once: a list that does not check out is refused and
 * nothing is kept. Adding a country again replaces its URL and anchor.
 */
export async function addFederatedCountry(
  platform: Platform,
  options: { code: string; url: string; anchorSha256: string; fetchText?: FetchText },
): Promise<RefreshOutcome> {
  const code = options.code.toUpperCase()
  if (!/^[A-Z]{2}$/.test(code)) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the country is an ISO 3166 code' })
  if (code === platform.config.POLIS_COUNTRY_CODE) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: 'this instance is that country' })
  }
  const url = z.url({ protocol: /^https?$/ }).safeParse(options.url)
  if (!url.success) throw new PolisError('ERR_BAD_REQUEST', { detail: 'the trust list URL must be http(s)' })
  const row: FederatedCountryTable = {
    code,
    list_url: url.data,
    anchor_sha256: parseFingerprint(options.anchorSha256),
    added_at: platform.now().toISOString(),
    list_jws: null,
    fetched_at: null,
    status_lists: '[]',
    checked_at: null,
    last_error: null,
    last_error_detail: null,
  }
  const fetched = await fetchCountry(row, { fetchText: options.fetchText ?? fetchText, now: platform.now() })
  await platform.store.db
    .insertInto('federated_countries')
    .values({ ...row, ...fetched.columns, checked_at: row.added_at })
    .onConflict((c) =>
      c.column('code').doUpdateSet({
        list_url: row.list_url,
        anchor_sha256: row.anchor_sha256,
        ...fetched.columns,
        checked_at: row.added_at,
        last_error: null,
        last_error_detail: null,
      }),
    )
    .execute()
  changes++
  return { code, ok: true, issuers: fetched.checked.trust.issuers.length, statusLists: fetched.lists.length }
}

/** What one refresh of one country came to. */
export type RefreshOutcome =
  | { code: string; ok: true; issuers: number; statusLists: number }
  | { code: string; ok: false; error: string; detail: string | undefined }

async function fetchCountry(row: FederatedCountryTable, options: { fetchText: FetchText; now: Date }) {
  const jws = (await options.fetchText(row.list_url)).trim()
  const checked = await checkForeignTrustList(jws, { agreed: agreedOf(row), now: options.now })
  if (row.list_jws) {
    // A list older than the one held is a replay of what the country has since changed.
    const held = await checkForeignTrustList(row.list_jws, {
      agreed: agreedOf(row),
      now: options.now,
      allowExpired: true,
    })
    if (checked.trust.issuedAt < held.trust.issuedAt) {
      throw new TrustRefusal('ERR_TRUST_LIST_STALE', {
        country: checked.trust.country,
        detail: 'the list served is older than the one held',
      })
    }
  }
  const lists = await fetchStatusLists(row, checked.trust, options.fetchText)
  return {
    checked,
    lists,
    columns: { list_jws: jws, fetched_at: options.now.toISOString(), status_lists: JSON.stringify(lists) },
  }
}

/**
 * The country's status lists, from `/status/lists` beside its trust list; only those on
 * the list's own origin, and only those signed by one of its issuers, are kept.
 */
async function fetchStatusLists(row: FederatedCountryTable, trust: QrTrust, fetch: FetchText) {
  const origin = new URL(row.list_url).origin
  let index: z.infer<typeof StatusListIndex>
  try {
    index = StatusListIndex.parse(JSON.parse(await fetch(`${origin}/status/lists`)))
  } catch {
    return StoredStatusLists.parse(JSON.parse(row.status_lists))
  }
  const lists: ForeignStatusList[] = []
  for (const { uri } of index.lists) {
    if (new URL(uri).origin !== origin) continue
    try {
      const jwt = (await fetch(uri)).trim()
      await readStatusListToken(jwt, trust)
      lists.push({ uri, jwt })
    } catch {
      // One list that cannot be had leaves its documents refused as unavailable, not the others.
    }
  }
  return lists
}

/**
 * Fetches every federated country's list again (the housekeeping loop does this): a list
 * that checks out replaces the one held, so an issuer the country withdrew is no longer
 * trusted from now on; one that does not is refused, recorded with its reason, and the
 * list held stays in use until its own validity ends.
 */
export async function refreshFederatedCountries(
  platform: Platform,
  options: { fetchText?: FetchText } = {},
): Promise<RefreshOutcome[]> {
  const { db } = platform.store
  const outcomes: RefreshOutcome[] = []
  for (const row of await db.selectFrom('federated_countries').selectAll().orderBy('code').execute()) {
    const checkedAt = platform.now().toISOString()
    try {
      const fetched = await fetchCountry(row, { fetchText: options.fetchText ?? fetchText, now: platform.now() })
      await db
        .updateTable('federated_countries')
        .set({ ...fetched.columns, checked_at: checkedAt, last_error: null, last_error_detail: null })
        .where('code', '=', row.code)
        .execute()
      changes++
      outcomes.push({
        code: row.code,
        ok: true,
        issuers: fetched.checked.trust.issuers.length,
        statusLists: fetched.lists.length,
      })
    } catch (error) {
      const code = isPolisError(error) ? error.code : 'ERR_TRUST_LIST_UNAVAILABLE'
      const detail = isPolisError(error) ? error.detail : error instanceof Error ? error.message : undefined
      await db
        .updateTable('federated_countries')
        .set({ checked_at: checkedAt, last_error: code, last_error_detail: detail ?? null })
        .where('code', '=', row.code)
        .execute()
      outcomes.push({ code: row.code, ok: false, error: code, detail })
    }
  }
  return outcomes
}

/** A federated country as this instance holds it. */
export interface HeldCountry {
  code: string
  listUrl: string
  anchorSha256: string
  fetchedAt: string | undefined
  checkedAt: string | undefined
  lastError: string | undefined
  lastErrorDetail: string | undefined
  /** The held list as fetched. */
  listJws: string | undefined
  /** The held list, verified again now (expired ones too: checks refuse their documents as stale). */
  checked: CheckedTrustList | undefined
  statusLists: ForeignStatusList[]
}

/** Every federated country with its held list verified again against its agreed anchor. */
export async function listFederatedCountries(platform: Platform): Promise<HeldCountry[]> {
  const rows = await platform.store.db.selectFrom('federated_countries').selectAll().orderBy('code').execute()
  const now = platform.now()
  return Promise.all(
    rows.map(async (row) => ({
      code: row.code,
      listUrl: row.list_url,
      anchorSha256: row.anchor_sha256,
      fetchedAt: row.fetched_at ?? undefined,
      checkedAt: row.checked_at ?? undefined,
      lastError: row.last_error ?? undefined,
      lastErrorDetail: row.last_error_detail ?? undefined,
      listJws: row.list_jws ?? undefined,
      checked: row.list_jws
        ? await checkForeignTrustList(row.list_jws, { agreed: agreedOf(row), now, allowExpired: true }).catch(
            () => undefined,
          )
        : undefined,
      statusLists: StoredStatusLists.parse(JSON.parse(row.status_lists)),
    })),
  )
}

/** Withdraws one of this country's agencies from its trust list, or reinstates it. */
export async function setIssuerWithdrawn(
  platform: Platform,
  options: { agency: string; withdrawn: boolean },
): Promise<void> {
  if (!platform.trust.certificates.some((c) => c.agency === options.agency)) {
    throw new PolisError('ERR_NOT_FOUND', { detail: `no issuer ${options.agency} on this country's list` })
  }
  const { db } = platform.store
  if (options.withdrawn) {
    await db
      .insertInto('withdrawn_issuers')
      .values({ agency: options.agency, withdrawn_at: platform.now().toISOString() })
      .onConflict((c) => c.column('agency').doNothing())
      .execute()
  } else {
    await db.deleteFrom('withdrawn_issuers').where('agency', '=', options.agency).execute()
  }
}
