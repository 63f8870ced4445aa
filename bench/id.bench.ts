import { randomUUID } from 'node:crypto'
import { signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { registerClient } from '@polis/polis-id'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import * as oidc from 'openid-client'
import { CookieBrowser } from '../packages/server/src/test/cookie-browser.ts'
import { createTestPlatform } from '../packages/server/src/test/create-test-platform.ts'
import { deviceJwt } from '../packages/server/src/test/device-jwt.ts'
import { type Benchmark, compare } from './measure.ts'

const redirectUri = 'http://localhost:9/callback'
const form = { 'content-type': 'application/x-www-form-urlencoded' }

export const benchmarks: Benchmark[] = [
  {
    name: 'id.login',
    description:
      'Complete wallet logins per second with Polis ID over HTTP on loopback, on embedded SQLite: pushed authorization ' +
      'request, authorize, the login page (QR and control code), the wallet’s device-signed confirmation, the finish, ' +
      'the code exchanged and the ID token validated by openid-client',
    async run() {
      const t = await createTestPlatform({ citizens: 60, listen: true })
      const client = await registerClient({
        store: t.platform.store,
        sealer: t.platform.keys,
        now: t.now(),
        registration: { name: 'Bench', redirectUris: [redirectUri], scopes: ['openid', 'profile'] },
      })
      const config = await oidc.discovery(
        new URL(`${t.origin}/id`),
        client.clientId,
        undefined,
        oidc.ClientSecretBasic(client.clientSecret as string),
        { execute: [oidc.allowInsecureRequests] },
      )
      // Twenty citizens with an enrolled phone each, as enrolment leaves them.
      const phones: Array<{ id: string; key: TestKey }> = []
      for (const citizen of t.citizens.slice(0, 20)) {
        const phone = { id: randomUUID(), key: createTestKey() }
        await t.platform.store.db
          .insertInto('wallet_devices')
          .values({
            id: phone.id,
            citizen_id: citizen.id,
            public_jwk: JSON.stringify(phone.key.publicJwk),
            name: 'Phone',
            created_at: t.now().toISOString(),
            revoked_at: null,
          })
          .execute()
        phones.push(phone)
      }
      const confirmByPhone = async (phone: (typeof phones)[number], loginId: string) => {
        const path = `/api/wallet/logins/${loginId}/confirm`
        const jwt = await deviceJwt({ device: phone, origin: t.origin, method: 'POST', path, now: t.now() })
        const response = await fetch(`${t.origin}${path}`, {
          method: 'POST',
          headers: { authorization: `PolisDevice ${jwt}` },
        })
        if (response.status !== 200) throw new Error(`confirm failed: ${response.status}`)
      }
      // The baseline's stand-in for the phone: the login marked confirmed in the database.
      const confirmDirectly = async (phone: (typeof phones)[number], loginId: string) => {
        const device = await t.platform.store.db
          .selectFrom('wallet_devices')
          .select('citizen_id')
          .where('id', '=', phone.id)
          .executeTakeFirstOrThrow()
        await t.platform.store.db
          .updateTable('id_wallet_logins')
          .set({ citizen_id: device.citizen_id, device_id: phone.id, confirmed_at: t.now().toISOString() })
          .where('id', '=', loginId)
          .execute()
      }
      const login = async (i: number, confirm: typeof confirmByPhone) => {
        // Two seconds of the platform's clock a login: thirty an address a minute, inside the
        // rate limit of sign-ins (one address plays every browser here).
        t.now.advance(2)
        const phone = phones[i % phones.length] as (typeof phones)[number]
        const browser = new CookieBrowser(t.origin, [redirectUri])
        const verifier = oidc.randomPKCECodeVerifier()
        const state = oidc.randomState()
        const url = await oidc.buildAuthorizationUrlWithPAR(config, {
          redirect_uri: redirectUri,
          scope: 'openid profile',
          state,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          acr_values: 'substantial',
        })
        const page = await browser.navigate(url.href)
        const loginId = /#login=([\w-]+)/.exec(await page.response.text())?.[1]
        if (!loginId) throw new Error('no login page')
        await confirm(phone, loginId)
        let done = await browser.navigate(`${page.location}/finish?passkey=skip`)
        if (!done.location.startsWith(redirectUri)) {
          // The first login of each citizen asks for consent, once.
          done = await browser.navigate(`${done.location}/consent`, {
            method: 'POST',
            headers: form,
            body: 'decision=allow',
          })
        }
        const tokens = await oidc.authorizationCodeGrant(config, new URL(done.location), {
          pkceCodeVerifier: verifier,
          expectedState: state,
        })
        if (tokens.claims()?.acr !== 'substantial') throw new Error('no ID token of level substantial')
      }
      for (let i = 0; i < phones.length; i++) await login(i, confirmByPhone)
      const results = await compare({
        ours: (i) => login(i, confirmByPhone),
        withoutConfirmation: (i) => login(i, confirmDirectly),
      })
      await t.close()
      return {
        name: 'id.login',
        value: results.ours as number,
        unit: 'logins/s',
        baselines: { 'id.login-without-wallet-confirmation': results.withoutConfirmation as number },
      }
    },
  },
]
