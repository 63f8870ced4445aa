/**
 * The exchange's identifiers, as X-Road writes them: a member is
 * `INSTANCE/CLASS/MEMBER`, a subsystem adds `/SUBSYSTEM`, a service adds `/SERVICE`
 * to its subsystem. `UA/GOV/00015622/population/person` is the population register's
 * person service, of the member with register code 00015622, of class GOV, in the
 * instance UA. Each part is 1 to 64 letters, digits, `.`, `_` or `-`: never the `/` that
 * separates them, a space, `:`, `;`, `%` or `\`, which X-Road forbids too.
 */
import { PolisError } from '@polis/kernel'

/** The classes of member, as X-Road instances name them: government, companies, NGOs, not-for-profit. */
export const memberClasses = ['GOV', 'COM', 'NGO', 'NEE'] as const
export type MemberClass = (typeof memberClasses)[number]

export interface MemberId {
  instance: string
  memberClass: MemberClass
  memberCode: string
}

export interface SubsystemId extends MemberId {
  subsystemCode: string
}

export interface ServiceId extends SubsystemId {
  serviceCode: string
}

/** Who calls: a member, or one of its subsystems (an information system). */
export type ClientId = MemberId | SubsystemId

const part = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** True for one part of an identifier. */
export const isIdentifierPart = (value: string) => part.test(value)

function partsOf(text: string, counts: number[], what: string): string[] {
  const parts = text.split('/')
  if (!counts.includes(parts.length) || !parts.every(isIdentifierPart)) {
    throw new PolisError('ERR_EXCHANGE_IDENTIFIER', {
      detail: `not a ${what}: INSTANCE/CLASS/MEMBER${what === 'service' ? '/SUBSYSTEM/SERVICE' : '[/SUBSYSTEM]'}`,
    })
  }
  if (!(memberClasses as readonly string[]).includes(parts[1] as string)) {
    throw new PolisError('ERR_EXCHANGE_IDENTIFIER', {
      detail: `the member class is one of ${memberClasses.join(', ')}`,
    })
  }
  return parts
}

/** A member or a subsystem from `INSTANCE/CLASS/MEMBER[/SUBSYSTEM]` (X-Road's `X-Road-Client`). */
export function parseClientId(text: string): ClientId {
  const [instance, memberClass, memberCode, subsystemCode] = partsOf(text, [3, 4], 'member or subsystem') as [
    string,
    MemberClass,
    string,
    string | undefined,
  ]
  return subsystemCode === undefined
    ? { instance, memberClass, memberCode }
    : { instance, memberClass, memberCode, subsystemCode }
}

/** A service from `INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE` (the path of X-Road's REST calls). */
export function parseServiceId(text: string): ServiceId {
  const [instance, memberClass, memberCode, subsystemCode, serviceCode] = partsOf(text, [5], 'service') as [
    string,
    MemberClass,
    string,
    string,
    string,
  ]
  return { instance, memberClass, memberCode, subsystemCode, serviceCode }
}

/** `INSTANCE/CLASS/MEMBER`, with `/SUBSYSTEM` and `/SERVICE` when the identifier has them. */
export function formatId(id: ClientId | ServiceId): string {
  // Written out, not an array joined: every message formats several (a third of the time).
  const member = `${id.instance}/${id.memberClass}/${id.memberCode}`
  if (!('subsystemCode' in id)) return member
  return 'serviceCode' in id ? `${member}/${id.subsystemCode}/${id.serviceCode}` : `${member}/${id.subsystemCode}`
}

/** The member an identifier belongs to. */
export function memberOf(id: ClientId | ServiceId): MemberId {
  return { instance: id.instance, memberClass: id.memberClass, memberCode: id.memberCode }
}

/** The subsystem a service belongs to. */
export function subsystemOf(id: ServiceId): SubsystemId {
  return { ...memberOf(id), subsystemCode: id.subsystemCode }
}

/** Whether two identifiers name the same member, subsystem or service. */
export const sameId = (a: ClientId | ServiceId, b: ClientId | ServiceId) => formatId(a) === formatId(b)
