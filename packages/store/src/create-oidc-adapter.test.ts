import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { frozenClock } from '@polis/kernel'
import { createOidcAdapter, storedOidcId } from './create-oidc-adapter.ts'
import { flushOidcWrites, rememberOidcRow, withOidcRequestMemo } from './oidc-request.ts'
import type { Store } from './open-store.ts'
import { openTestStore, testEngine } from './open-test-store.ts'

const now = frozenClock('2026-06-01T10:00:00Z')
let store: Store
before(async () => {
  store = await openTestStore()
})
after(() => store?.close())

/** The test store, each statement it runs listed in `statements` (its result passes through the plugin; queries prepared once skip its transformQuery). */
function countingStatements(statements: unknown[]): Store {
  return {
    ...store,
    db: store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements.push(args.queryId)
        return args.result
      },
    }),
  }
}

describe(`the oidc-provider adapter on ${testEngine}`, () => {
  it('stores, finds, consumes and forgets models, each under its own name', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    const codes = adapter('AuthorizationCode')
    await codes.upsert('c1', { accountId: 'a', grantId: 'g1' }, 60)
    assert.deepEqual(await codes.find('c1'), { accountId: 'a', grantId: 'g1', jti: 'c1' })
    assert.equal(await adapter('AccessToken').find('c1'), undefined, 'models do not share ids')
    await codes.consume('c1')
    assert.equal((await codes.find('c1'))?.consumed, Math.floor(now().getTime() / 1000))
    await assert.rejects(codes.consume('c1'), 'a code is consumed once: the second of two racing redemptions fails')
    await codes.upsert('c1', { accountId: 'b', grantId: 'g1' }, 60)
    assert.equal((await codes.find('c1'))?.accountId, 'b', 'an upsert replaces')
    await codes.destroy('c1')
    assert.equal(await codes.find('c1'), undefined)
  })

  it('keeps a session, a code or a token under the SHA-256 of its id, and the id nowhere in the row', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    const secrets = {
      Session: 'session-cookie-value',
      AccessToken: 'bearer-token-value',
      AuthorizationCode: 'the-code',
    }
    for (const [model, id] of Object.entries(secrets)) {
      await adapter(model).upsert(id, { jti: id, uid: `uid-of-${model}`, accountId: 'a' }, 60)
    }
    await adapter('Grant').upsert('grant-1', { jti: 'grant-1', accountId: 'a' }, 60)
    const rows = await store.db.selectFrom('demo_bank_models').select(['id', 'payload']).execute()
    for (const id of Object.values(secrets)) {
      assert.ok(!rows.some((row) => row.id === id || row.payload.includes(id)), `${id} is not stored`)
    }
    assert.ok(
      rows.some((row) => row.id === 'grant-1'),
      'a grant, named by others, keeps its id',
    )
    // Found by its id, each has it back; found by its uid, a session comes without it.
    for (const [model, id] of Object.entries(secrets)) assert.equal((await adapter(model).find(id))?.jti, id)
    assert.equal((await adapter('Session').findByUid('uid-of-Session'))?.jti, undefined)
    assert.equal(await adapter('AccessToken').find(storedOidcId('AccessToken', secrets.AccessToken)), undefined)
    await adapter('AuthorizationCode').consume(secrets.AuthorizationCode)
    assert.ok((await adapter('AuthorizationCode').find(secrets.AuthorizationCode))?.consumed)
    for (const [model, id] of Object.entries(secrets)) {
      await adapter(model).destroy(id)
      assert.equal(await adapter(model).find(id), undefined)
    }
    await adapter('Grant').destroy('grant-1')
  })

  it('finds sessions by uid, hides what expired and revokes everything of a grant', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    const sessions = adapter('Session')
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a' }, 30)
    assert.equal((await sessions.findByUid('u1'))?.accountId, 'a')
    await adapter('AccessToken').upsert('t1', { grantId: 'g2' }, 600)
    await adapter('AuthorizationCode').upsert('c2', { grantId: 'g2' }, 600)
    await adapter('Grant').revokeByGrantId('g2')
    assert.equal(await adapter('AccessToken').find('t1'), undefined)
    assert.equal(await adapter('AuthorizationCode').find('c2'), undefined)
    now.advance(31)
    assert.equal(await sessions.findByUid('u1'), undefined, 'expired')
    await adapter('Interaction').upsert('i1', {}, 60)
    const left = await store.db.selectFrom('demo_bank_models').select('id').execute()
    assert.deepEqual(
      left.map((row) => row.id),
      ['i1'],
      'a new interaction sweeps expired rows',
    )
  })

  it('reads a row once within a request, and again in the next request', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    const interactions = adapter('Interaction')
    await interactions.upsert('i1', { uid: 'i1', returnTo: '/auth/i1' }, 60)
    // Changed behind the adapter's back, as another server process would change it.
    const changeInDatabase = (returnTo: string) =>
      store.db
        .updateTable('demo_bank_models')
        .set({ payload: JSON.stringify({ uid: 'i1', returnTo }) })
        .where('id', '=', 'i1')
        .execute()
    await withOidcRequestMemo(async () => {
      assert.equal((await interactions.find('i1'))?.returnTo, '/auth/i1')
      await changeInDatabase('/elsewhere')
      assert.equal((await interactions.find('i1'))?.returnTo, '/auth/i1', 'the request read it already')
      const first = await interactions.find('i1')
      if (first) first.returnTo = 'changed by the caller'
      assert.equal((await interactions.find('i1'))?.returnTo, '/auth/i1', 'each read is a copy')
    })
    await withOidcRequestMemo(async () => {
      assert.equal((await interactions.find('i1'))?.returnTo, '/elsewhere', 'a new request reads anew')
      await interactions.upsert('i1', { uid: 'i1', returnTo: '/written' }, 60)
      assert.equal((await interactions.find('i1'))?.returnTo, '/written', 'what the request wrote')
      await interactions.consume('i1')
      assert.ok((await interactions.find('i1'))?.consumed, 'consumed within the request')
      await interactions.destroy('i1')
      assert.equal(await interactions.find('i1'), undefined, 'destroyed within the request')
    })
    assert.equal(await interactions.find('i1'), undefined)
  })

  it('takes a row the request found by other means, and nothing outside a request', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    const grants = adapter('Grant')
    await withOidcRequestMemo(async () => {
      rememberOidcRow('demo_bank_models', 'Grant', 'g9', { payload: '{"clientId":"c"}', consumed_at: null })
      assert.deepEqual(await grants.find('g9'), { clientId: 'c' })
    })
    rememberOidcRow('demo_bank_models', 'Grant', 'g9', { payload: '{"clientId":"c"}', consumed_at: null })
    assert.equal(await grants.find('g9'), undefined, 'outside a request every read goes to the database')
  })
  it('reads a code with its grant and its session in one round trip, as the token endpoint redeems it', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    await adapter('Grant').upsert('g5', { clientId: 'c', accountId: 'a' }, 600)
    await adapter('Session').upsert('s5', { uid: 'u5', accountId: 'a' }, 600)
    await adapter('AuthorizationCode').upsert('c5', { grantId: 'g5', sessionUid: 'u5' }, 60)
    await adapter('AuthorizationCode').upsert('c6', { grantId: 'g-gone', sessionUid: 'u-gone' }, 60)
    const rowsRead: unknown[] = []
    const counting = countingStatements(rowsRead)
    const reading = createOidcAdapter({ store: counting, now, table: 'demo_bank_models' })
    await withOidcRequestMemo(async () => {
      assert.equal((await reading('AuthorizationCode').find('c5'))?.grantId, 'g5')
      const queries = rowsRead.length
      assert.equal((await reading('Grant').find('g5'))?.clientId, 'c')
      assert.equal((await reading('Session').findByUid('u5'))?.accountId, 'a')
      assert.equal(rowsRead.length, queries, 'the grant and the session came with the code')
      assert.equal(await reading('Grant').find('g-gone'), undefined)
    })
    await withOidcRequestMemo(async () => {
      await reading('AuthorizationCode').find('c6')
      const queries = rowsRead.length
      assert.equal(await reading('Grant').find('g-gone'), undefined, 'a grant gone is known gone')
      assert.equal(await reading('Session').findByUid('u-gone'), undefined, 'a session gone is known gone')
      assert.equal(rowsRead.length, queries)
    })
    now.advance(601)
    await adapter('AuthorizationCode').upsert('c7', { grantId: 'g5', sessionUid: 'u5' }, 60)
    await withOidcRequestMemo(async () => {
      await reading('AuthorizationCode').find('c7')
      assert.equal(await reading('Grant').find('g5'), undefined, 'an expired grant is not read with a code')
      assert.equal(await reading('Session').findByUid('u5'), undefined, 'nor an expired session')
    })
  })
  it('holds a request’s saves and deletions and sends them in one statement before it answers (PostgreSQL)', async () => {
    const adapter = createOidcAdapter({ store, now, table: 'demo_bank_models' })
    await adapter('Interaction').upsert('i8', { uid: 'i8', returnTo: '/auth/i8' }, 60)
    const statements: unknown[] = []
    const counting = countingStatements(statements)
    const held = createOidcAdapter({ store: counting, now, table: 'demo_bank_models' })
    const inDatabase = async (model: string, id: string) =>
      (
        await store.db
          .selectFrom('demo_bank_models')
          .select('payload')
          .where('id', '=', storedOidcId(model, id))
          .executeTakeFirst()
      )?.payload
    const holds = testEngine === 'postgres'
    await withOidcRequestMemo(
      async () => {
        await held('Interaction').destroy('i8')
        await held('AuthorizationCode').upsert('c8', { grantId: 'g8', sessionUid: 'u8' }, 60)
        await held('Session').upsert('s8', { uid: 'u8', accountId: 'a' }, 600)
        assert.equal(statements.length, holds ? 0 : 3, 'held until the request answers')
        assert.equal(await held('Interaction').find('i8'), undefined, 'the request sees its deletion')
        assert.equal((await held('Session').findByUid('u8'))?.accountId, 'a', 'and its saves')
        assert.equal(
          await inDatabase('AuthorizationCode', 'c8'),
          holds ? undefined : '{"grantId":"g8","sessionUid":"u8"}',
        )
        const before = statements.length
        await flushOidcWrites()
        assert.equal(statements.length - before, holds ? 1 : 0, 'all three in one statement')
        assert.equal(await inDatabase('Interaction', 'i8'), undefined)
        assert.ok(await inDatabase('AuthorizationCode', 'c8'))
        assert.ok(await inDatabase('Session', 's8'))
        // A consumption of a row whose save is held sends the save first, then is held itself.
        await held('AuthorizationCode').upsert('c9', { grantId: 'g8' }, 60)
        await held('AuthorizationCode').consume('c9')
        assert.ok(await inDatabase('AuthorizationCode', 'c9'))
        assert.ok((await held('AuthorizationCode').find('c9'))?.consumed, 'the request sees it consumed')
        await flushOidcWrites()
        assert.ok((await adapter('AuthorizationCode').find('c9'))?.consumed)
      },
      { holdWrites: true },
    )
    // Without holding, every write goes out at once.
    statements.length = 0
    await withOidcRequestMemo(async () => {
      await held('Session').upsert('s9', { uid: 'u9' }, 600)
      assert.equal(statements.length, 1)
    })
  })
  it('redeems a code once when two requests race for it, the token leaving with its redemption', async () => {
    const statements: unknown[] = []
    const adapter = createOidcAdapter({ store: countingStatements(statements), now, table: 'demo_bank_models' })
    await adapter('AuthorizationCode').upsert('c12', { grantId: 'g12' }, 60)
    statements.length = 0
    const holds = testEngine === 'postgres'
    // Each request finds the code not yet consumed, as two redemptions at the same moment do.
    let bothFound: () => void = () => {}
    const found = new Promise<void>((resolve) => {
      bothFound = resolve
    })
    let finds = 0
    const redeem = (token: string) =>
      withOidcRequestMemo(
        async () => {
          assert.equal((await adapter('AuthorizationCode').find('c12'))?.consumed, undefined)
          if (++finds === 2) bothFound()
          await found
          await adapter('AuthorizationCode').consume('c12')
          await adapter('AccessToken').upsert(token, { grantId: 'g12' }, 60)
          await flushOidcWrites()
        },
        { holdWrites: true },
      )
    const results = await Promise.allSettled([redeem('t1'), redeem('t2')])
    // Either may reach the database first; one wins.
    const won = results.findIndex((result) => result.status === 'fulfilled')
    const lost = results.find((result) => result.status === 'rejected')
    assert.notEqual(won, -1, JSON.stringify(results))
    assert.equal(lost?.reason.name, 'OidcRowAlreadyConsumed')
    assert.equal(lost?.reason.model, 'AuthorizationCode')
    assert.equal(lost?.reason.grantId, 'g12', 'the grant to revoke')
    // Two reads; then on PostgreSQL each request's redemption and token in one statement,
    // the loser's failing (a statement that fails returns no result to count).
    assert.equal(statements.length, holds ? 3 : 5)
    assert.ok((await adapter('AuthorizationCode').find('c12'))?.consumed)
    assert.ok(await adapter('AccessToken').find(`t${won + 1}`))
    // Nothing the other request made is written: its statement failed whole.
    assert.equal(await adapter('AccessToken').find(`t${2 - won}`), undefined)
  })
  it('writes what goes with a save in the same round trip where writes are held', async () => {
    const statements: unknown[] = []
    const counting = countingStatements(statements)
    const adapter = createOidcAdapter({
      store: counting,
      now,
      table: 'demo_bank_models',
      writesWith: {
        Interaction: (id, payload) =>
          payload.prompt === 'login'
            ? store.db
                .insertInto('demo_bank_models')
                .values({
                  model: 'Companion',
                  id,
                  payload: '{}',
                  consumed_at: null,
                  grant_id: null,
                  uid: null,
                  user_code: null,
                  expires_at: null,
                })
                .compile()
            : undefined,
      },
    })
    const companion = (id: string) =>
      store.db.selectFrom('demo_bank_models').select('id').where('model', '=', 'Companion').where('id', '=', id)
    await withOidcRequestMemo(
      async () => {
        await adapter('Interaction').upsert('i10', { uid: 'i10', prompt: 'login' }, 60)
        await adapter('Interaction').upsert('i11', { uid: 'i11', prompt: 'consent' }, 60)
        await flushOidcWrites()
      },
      { holdWrites: true },
    )
    // Besides the sweep of expired rows a first interaction makes: one statement, or each at once.
    assert.equal(statements.length, testEngine === 'postgres' ? 2 : 4, 'the save and its companion together')
    assert.ok(await companion('i10').executeTakeFirst())
    assert.equal(await companion('i11').executeTakeFirst(), undefined, 'nothing goes with the other save')
  })
})
