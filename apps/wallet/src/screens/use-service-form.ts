import { locales } from '@polis/ui'
import { useEffect, useState } from 'react'
import { ApiError, deviceFetch, fetchJson } from '../lib/api.ts'
import { type PayableItem, readPayableItems, withItemOptions } from '../lib/payable-items.ts'
import {
  readServiceDefinition,
  readServiceForm,
  type ServiceDefinition,
  type ServiceForm,
  withFormOptions,
} from '../lib/service-definition.ts'
import { keptFileAnswers, readUploadedFiles, type UploadedFile } from '../lib/service-files.ts'
import { findDraft, type ServiceDraft } from '../lib/wallet-store.ts'
import { isOffline } from './use-fetched.ts'

/** A service as the wallet asks it: its definition with the server's listings, and what the citizen left. */
export interface ServiceFormLoaded {
  definition: ServiceDefinition
  form: ServiceForm
  /** The items the citizen owes, by item question. */
  items: Record<string, PayableItem[]>
  /** The files uploaded for the application to come, by id. */
  files: Record<string, UploadedFile>
  /** The draft kept on the phone, its file answers checked against the uploads still kept. */
  saved: ServiceDraft | undefined
}

/**
 * Loads a service for its screen: the definition, this citizen's form, the items they
 * owe (a pay service), the files they uploaded (a service with file questions), and the
 * draft kept on the phone from before the app was closed.
 */
export function useServiceForm(options: {
  device: Parameters<typeof deviceFetch>[0]
  code: string
  unavailable: string
  onRevoked: () => void
}): ServiceFormLoaded | { failed: string } | undefined {
  const { device, code, unavailable, onRevoked } = options
  const [loaded, setLoaded] = useState<ServiceFormLoaded | { failed: string }>()
  useEffect(() => {
    let current = true
    const path = encodeURIComponent(code)
    void (async () => {
      const [definitionJson, formJson] = await Promise.all([
        fetchJson<unknown>(`/api/services/${path}`),
        deviceFetch<unknown>(device, `/api/wallet/services/${path}/form`),
      ])
      const read = readServiceDefinition(definitionJson)
      const form = readServiceForm(formJson)
      if (!read || !form) return { failed: unavailable }
      const fields = read.pages.flatMap((p) => p.fields)
      const fileFields = fields.filter((f) => f.type === 'file').map((f) => f.id)
      const [itemsJson, filesJson, saved] = await Promise.all([
        fields.some((f) => f.type === 'item') && form.eligible
          ? deviceFetch<unknown>(device, `/api/wallet/services/${path}/items`)
          : undefined,
        fileFields.length > 0 ? deviceFetch<unknown>(device, `/api/wallet/services/${path}/attachments`) : undefined,
        findDraft(code),
      ])
      const items = readPayableItems(itemsJson)
      const files = readUploadedFiles(filesJson)
      return {
        definition: withItemOptions(withFormOptions(read, form), items, locales),
        form,
        items,
        files,
        saved: saved && { ...saved, answers: keptFileAnswers(saved.answers, fileFields, files) },
      } satisfies ServiceFormLoaded
    })().then(
      (result) => current && setLoaded(result),
      (error: unknown) => {
        if (!current) return
        if (error instanceof ApiError && error.code === 'ERR_DEVICE_REVOKED') return onRevoked()
        setLoaded({ failed: isOffline(error) || !(error instanceof Error) ? unavailable : error.message })
      },
    )
    return () => {
      current = false
    }
  }, [code, device, onRevoked, unavailable])
  return loaded
}
