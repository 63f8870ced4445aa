import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { newCliInstance, runPolis } from '../test/cli-instance.ts'

describe(`polis exchange on ${testEngine}`, () => {
  it('lists the members and servers, who may read which register, and the configuration checked against the central key', async () => {
    const instance = await newCliInstance('exchange')
    const polis = (...args: string[]) => runPolis(instance, args)
    // Nothing published before a platform has run its servers: said with its code.
    const none = polis('exchange', 'configuration')
    assert.equal(none.code, 1)
    assert.match(none.stderr, /ERR_NOT_FOUND/)

    const members = JSON.parse(polis('exchange', 'members', '--json').stdout) as {
      servers: Array<{ code: string; owner: string; registries: string[] }>
    }
    assert.deepEqual(members.servers.find((s) => s.code === 'ss-tax-service')?.registries, ['tax'])

    const rights = JSON.parse(polis('exchange', 'rights', '--registry', 'tax', '--json').stdout) as Array<{
      service: string
      to: string
    }>
    // Whose a tax number is: the services that name co-applicants may ask, Polis ID may not.
    const taxpayers = rights.filter((r) => r.service === 'UA/GOV/tax-service/tax/taxpayers').map((r) => r.to)
    assert.ok(taxpayers.includes('UA/GOV/transport-service/services'))
    assert.ok(!rights.some((r) => r.to === 'UA/GOV/digital-ministry/polis-id'))

    // A command that reads a register runs the servers in its process and publishes their configuration.
    assert.equal(polis('seed', '--citizens', '3', '--seed', 'x').code, 0)
    const [citizen] = JSON.parse(polis('citizens', '--json').stdout) as Array<{ id: string }>
    assert.equal(polis('offer', '--citizen', citizen?.id ?? '').code, 0)
    const configuration = JSON.parse(polis('exchange', 'configuration', '--json').stdout) as {
      serial: number
      securityServers: Array<{ serverCode: string }>
    }
    assert.ok(configuration.serial >= 1)
    assert.equal(configuration.securityServers.length, members.servers.length)

    // Exchange federation: the anchor to hand over, a right for another instance's client, a federation refused.
    const anchor = polis('exchange', 'anchor')
    assert.equal((JSON.parse(anchor.stdout) as { instance: string }).instance, 'UA')
    assert.match(anchor.stderr, /fingerprint \(--anchor-sha256\): [A-Za-z0-9_-]{43}/)
    const grant = ['grant', 'EE/GOV/70008440/services', 'UA/GOV/migration-service/population/records']
    assert.equal(polis('exchange', ...grant, '--method', 'GET', '--path', '/persons/{citizenId}/records').code, 0)
    const granted = () =>
      JSON.parse(polis('exchange', 'rights', '--client', 'EE/GOV/70008440/services', '--json').stdout) as Array<{
        endpoint: string
      }>
    assert.deepEqual(
      granted().map((r) => r.endpoint),
      ['GET /persons/{citizenId}/records'],
    )
    assert.equal(polis('exchange', 'revoke', ...grant.slice(1)).code, 0)
    assert.deepEqual(granted(), [])
    const unreachable = polis(
      'exchange',
      'federate',
      'EE',
      '--url',
      'http://127.0.0.1:9/exchange/globalconf',
      '--anchor-sha256',
      'A'.repeat(43),
    )
    assert.equal(unreachable.code, 1)
    assert.match(unreachable.stderr, /ERR_EXCHANGE_CENTRAL_UNREACHABLE/)
    assert.deepEqual(JSON.parse(polis('exchange', 'federations', '--json').stdout), [])

    const wrong = polis('exchange', 'nonsense')
    assert.equal(wrong.code, 1)
    assert.match(wrong.stderr, /polis exchange members\|rights\|configuration/)
  })
})
