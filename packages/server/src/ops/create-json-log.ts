import type { Log } from './observe-requests.ts'

/**
 * Fields that name a citizen or carry a secret. Log lines are written without them by
 * design; this list is the net under that, for a line someone adds later.
 */
const personalOrSecret = new Set(
  [
    'citizen',
    'citizenId',
    'citizen_id',
    'subjectId',
    'givenName',
    'familyName',
    'fullName',
    'patronymic',
    'taxNumber',
    'tax_number',
    'birthDate',
    'birth_date',
    'email',
    'phone',
    'address',
    'token',
    'accessToken',
    'idToken',
    'refreshToken',
    'authorization',
    'cookie',
    'password',
    'pin',
    'secret',
    'query',
    'body',
  ].map((key) => key.toLowerCase()),
)

export interface CreateJsonLogOptions {
  write: (line: string) => void
  now: () => Date
}

/** One JSON object a line, with the time, and the value of any personal or secret field replaced. */
export function createJsonLog(options: CreateJsonLogOptions): Log {
  return (line) => {
    const fields: Record<string, unknown> = { time: options.now().toISOString() }
    for (const [key, value] of Object.entries(line)) {
      fields[key] = personalOrSecret.has(key.toLowerCase()) ? '[redacted]' : value
    }
    options.write(JSON.stringify(fields))
  }
}
