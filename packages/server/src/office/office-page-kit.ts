import type { Language } from '@polis/kernel'
import type { Context } from 'hono'
import type { Platform } from '../platform/create-platform.ts'

/** Who is at the desk, as the office's session has them. */
export interface Desk {
  id: string
  agency: string
  roles: string[]
}

/** What the office lends its pages: who is signed in, its page frame, its language and its origin check. */
export interface OfficePageKit {
  platform: Platform
  officialOf: (c: Context) => Promise<Desk | undefined>
  page: (
    c: Context,
    title: string,
    body: string,
    official?: Desk,
    status?: 200 | 400 | 403 | 404,
  ) => Response | Promise<Response>
  languageOf: (c: Context) => Language
  sameOrigin: (c: Context) => void
}
