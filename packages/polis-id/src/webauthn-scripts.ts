/**
 * The scripts of Polis ID's pages that make or use a passkey (WebAuthn): a citizen's
 * passkey on their computer, an official's security key. Each asks the server for the
 * ceremony's options, calls the browser, and posts its answer as JSON.
 */

/** Which button starts the ceremony, where its failure is said, and the server's addresses. */
interface Ceremony {
  button: string
  state: string
  optionsUrl: string
  answerUrl: string
  failed: string
}

/** base64url and back, and a JSON post. */
const helpers = `
  const b64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
  const bytes = (text) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))
  const post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })).json()
`

/** Makes a key with the options the server gives, then goes to `doneUrl` once the server kept it. */
export function createKeyScript(ceremony: Ceremony & { doneUrl: string }): string {
  return `(() => {${helpers}
  document.getElementById(${JSON.stringify(ceremony.button)}).addEventListener('click', async () => {
    try {
      const options = await post(${JSON.stringify(ceremony.optionsUrl)})
      const credential = await navigator.credentials.create({ publicKey: {
        ...options,
        challenge: bytes(options.challenge),
        user: { ...options.user, id: bytes(options.user.id) },
        excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ ...c, id: bytes(c.id) })),
      } })
      const answer = await post(${JSON.stringify(ceremony.answerUrl)}, {
        id: credential.id, rawId: b64(credential.rawId), type: credential.type,
        response: {
          clientDataJSON: b64(credential.response.clientDataJSON),
          attestationObject: b64(credential.response.attestationObject),
          transports: credential.response.getTransports ? credential.response.getTransports() : [],
        },
        clientExtensionResults: credential.getClientExtensionResults(),
      })
      if (!answer.registered) throw new Error('refused')
      location.assign(${JSON.stringify(ceremony.doneUrl)})
    } catch {
      document.getElementById(${JSON.stringify(ceremony.state)}).textContent = ${JSON.stringify(ceremony.failed)}
    }
  })
})()`
}

/** Uses a key with the options the server gives; the server answers where to go next. */
export function useKeyScript(ceremony: Ceremony): string {
  return `(() => {${helpers}
  document.getElementById(${JSON.stringify(ceremony.button)}).addEventListener('click', async () => {
    try {
      const options = await post(${JSON.stringify(ceremony.optionsUrl)})
      const assertion = await navigator.credentials.get({ publicKey: {
        ...options,
        challenge: bytes(options.challenge),
        allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, id: bytes(c.id) })),
      } })
      const answer = await post(${JSON.stringify(ceremony.answerUrl)}, {
        id: assertion.id, rawId: b64(assertion.rawId), type: assertion.type,
        response: {
          clientDataJSON: b64(assertion.response.clientDataJSON),
          authenticatorData: b64(assertion.response.authenticatorData),
          signature: b64(assertion.response.signature),
          userHandle: assertion.response.userHandle ? b64(assertion.response.userHandle) : undefined,
        },
        clientExtensionResults: assertion.getClientExtensionResults(),
      })
      if (!answer.redirect) throw new Error('refused')
      location.assign(answer.redirect)
    } catch {
      document.getElementById(${JSON.stringify(ceremony.state)}).textContent = ${JSON.stringify(ceremony.failed)}
    }
  })
})()`
}
