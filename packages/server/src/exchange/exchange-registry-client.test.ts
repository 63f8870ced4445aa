import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ConsumerAnswer, type ConsumerCall, exchangeFault, xRoadHeaders } from '@polis/exchange'
import { isPolisError } from '@polis/kernel'
import { exchangeRegistryClient } from './exchange-registry-client.ts'

/** What the consumer's door passes on of a provider's fault: its status, X-Road's error and body. */
function faultFromExchange(status: number, code: Parameters<typeof exchangeFault>[0]): ConsumerAnswer {
  const fault = exchangeFault(code, 'as the provider said it')
  return {
    status,
    headers: { 'content-type': 'application/json', [xRoadHeaders.error]: fault.header },
    body: Buffer.from(JSON.stringify(fault.body)),
  }
}

const read = (answer: ConsumerAnswer, sent: ConsumerCall[] = []) =>
  exchangeRegistryClient({
    instance: 'UA',
    send: async (call) => {
      sent.push(call)
      return answer
    },
    serviceOf: () => undefined,
  }).queryRegistry({ registry: 'population', kind: 'person', citizenId: 'c-0001', purpose: 'offer:documents' })

describe('the platform reading a register through its security server', () => {
  it('tells the citizen the register cannot be reached when its keeper did not answer in time, and passes a refusal on as it is', async () => {
    const sent: ConsumerCall[] = []
    await assert.rejects(read(faultFromExchange(504, 'ERR_EXCHANGE_SERVICE_TIMEOUT'), sent), (error: unknown) =>
      isPolisError(error, 'ERR_REGISTRY_UNAVAILABLE'),
    )
    assert.match(sent[0]?.url ?? '', /^\/r1\/UA\/GOV\/[^/]+\/population\//)
    await assert.rejects(read(faultFromExchange(502, 'ERR_EXCHANGE_PROVIDER_UNREACHABLE')), (error: unknown) =>
      isPolisError(error, 'ERR_REGISTRY_UNAVAILABLE'),
    )
    // A refusal is not an outage: the citizen is not told to try again later.
    await assert.rejects(read(faultFromExchange(403, 'ERR_EXCHANGE_ACCESS_DENIED')), (error: unknown) =>
      isPolisError(error, 'ERR_EXCHANGE_ACCESS_DENIED'),
    )
  })
})
