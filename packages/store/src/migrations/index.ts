import type { Kysely } from 'kysely'
import type { Engine } from '../engine.ts'
import * as core from './0001-core.ts'
import * as registries from './0002-registries.ts'
import * as oid4vci from './0003-oid4vci.ts'
import * as enrolment from './0004-enrolment.ts'
import * as shareCodes from './0005-share-codes.ts'
import * as polisId from './0006-polis-id.ts'
import * as rateLimits from './0007-rate-limits.ts'
import * as passkeys from './0008-passkeys.ts'
import * as signatures from './0009-signatures.ts'
import * as officials from './0010-officials.ts'
import * as passkeyLabels from './0011-passkey-labels.ts'
import * as applications from './0012-applications.ts'
import * as portalSessions from './0013-portal-sessions.ts'
import * as officeSessions from './0014-office-sessions.ts'
import * as payments from './0015-payments.ts'
import * as mail from './0016-mail.ts'
import * as documentReminders from './0017-document-reminders.ts'
import * as debts from './0018-debts.ts'
import * as moreRegistries from './0019-more-registries.ts'
import * as attachments from './0020-attachments.ts'
import * as confirmations from './0022-confirmations.ts'
import * as paymentReturn from './0023-payment-return.ts'
import * as serviceVersions from './0024-service-versions.ts'
import * as serviceRatings from './0025-service-ratings.ts'
import * as registryEvents from './0026-registry-events.ts'
import * as bundles from './0027-bundles.ts'
import * as transparencyLog from './0029-transparency-log.ts'
import * as dataAccessLog from './0031-data-access-log.ts'
import * as exchange from './0032-exchange.ts'
import * as tlogCosignatures from './0034-tlog-cosignatures.ts'
import * as tlogWriters from './0035-tlog-writers.ts'
import * as businesses from './0036-businesses.ts'
import * as verifierRequests from './0037-verifier-requests.ts'
import * as businessCabinet from './0039-business-cabinet.ts'
import * as federation from './0040-federation.ts'
import * as sharer from './0041-sharer.ts'
import * as exchangeFederation from './0042-exchange-federation.ts'
import * as crossBorderApplications from './0043-cross-border-applications.ts'
import * as registryOperationKeys from './0047-registry-operation-keys.ts'
import * as withdrawnCertificates from './0048-withdrawn-certificates.ts'
import * as oidcModelsByUid from './0049-oidc-models-by-uid.ts'
import * as clientRegistrations from './0050-client-registrations.ts'
import * as officialKeys from './0051-official-keys.ts'
import * as hashedOidcSecrets from './0052-hashed-oidc-secrets.ts'

/** A schema change; `name` orders them and is recorded once applied. */
export interface PolisMigration {
  name: string
  up: (db: Kysely<unknown>, engine: Engine) => Promise<void>
}

/** Every migration, oldest first. Never edit one that has shipped: add a new one. */
export const migrations: PolisMigration[] = [
  { name: '0001-core', up: core.up },
  { name: '0002-registries', up: registries.up },
  { name: '0003-oid4vci', up: oid4vci.up },
  { name: '0004-enrolment', up: enrolment.up },
  { name: '0005-share-codes', up: shareCodes.up },
  { name: '0006-polis-id', up: polisId.up },
  { name: '0007-rate-limits', up: rateLimits.up },
  { name: '0008-passkeys', up: passkeys.up },
  { name: '0009-signatures', up: signatures.up },
  { name: '0010-officials', up: officials.up },
  { name: '0011-passkey-labels', up: passkeyLabels.up },
  { name: '0012-applications', up: applications.up },
  { name: '0013-portal-sessions', up: portalSessions.up },
  { name: '0014-office-sessions', up: officeSessions.up },
  { name: '0015-payments', up: payments.up },
  { name: '0016-mail', up: mail.up },
  { name: '0017-document-reminders', up: documentReminders.up },
  { name: '0018-debts', up: debts.up },
  { name: '0019-more-registries', up: moreRegistries.up },
  { name: '0020-attachments', up: attachments.up },
  { name: '0022-confirmations', up: confirmations.up },
  { name: '0023-payment-return', up: paymentReturn.up },
  { name: '0024-service-versions', up: serviceVersions.up },
  { name: '0025-service-ratings', up: serviceRatings.up },
  { name: '0026-registry-events', up: registryEvents.up },
  { name: '0027-bundles', up: bundles.up },
  { name: '0029-transparency-log', up: transparencyLog.up },
  { name: '0031-data-access-log', up: dataAccessLog.up },
  { name: '0032-exchange', up: exchange.up },
  { name: '0034-tlog-cosignatures', up: tlogCosignatures.up },
  { name: '0035-tlog-writers', up: tlogWriters.up },
  { name: '0036-businesses', up: businesses.up },
  { name: '0037-verifier-requests', up: verifierRequests.up },
  { name: '0039-business-cabinet', up: businessCabinet.up },
  { name: '0040-federation', up: federation.up },
  { name: '0041-sharer', up: sharer.up },
  { name: '0042-exchange-federation', up: exchangeFederation.up },
  { name: '0043-cross-border-applications', up: crossBorderApplications.up },
  { name: '0047-registry-operation-keys', up: registryOperationKeys.up },
  { name: '0048-withdrawn-certificates', up: withdrawnCertificates.up },
  { name: '0049-oidc-models-by-uid', up: oidcModelsByUid.up },
  { name: '0050-client-registrations', up: clientRegistrations.up },
  { name: '0051-official-keys', up: officialKeys.up },
  { name: '0052-hashed-oidc-secrets', up: hashedOidcSecrets.up },
]
