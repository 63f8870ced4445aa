import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TypeMetadataFormatSchema } from '@sd-jwt/sd-jwt-vc'
import { documentTypes, getDocumentType, vctMetadata } from './index.ts'

describe('SD-JWT VC type metadata (draft-ietf-oauth-sd-jwt-vc, section 6)', () => {
  it('is a valid type metadata document for every document type', () => {
    for (const type of documentTypes) {
      const metadata = vctMetadata(type, { baseUrl: 'https://polis.example/' })
      const parsed = TypeMetadataFormatSchema.safeParse(metadata)
      assert.ok(parsed.success, `${type.code}: ${parsed.error?.message}`)
      assert.equal(metadata.vct, `https://polis.example/vct/${type.code}`)
      assert.equal(metadata.claims.length, type.claims.length)
    }
  })

  it('renders the type in three locales with its colours, and labels and disclosure rules per claim', () => {
    const type = getDocumentType('driver-licence')
    const metadata = vctMetadata(type, { baseUrl: 'https://polis.example' })
    assert.deepEqual(
      metadata.display.map((d) => [d.locale, d.name]),
      [
        ['uk-UA', 'Посвідчення водія'],
        ['en', 'Driving licence'],
        ['et-EE', 'Juhiluba'],
      ],
    )
    assert.deepEqual(metadata.display[0]?.rendering.simple, { background_color: '#F4DCE8', text_color: '#3A1730' })
    const byName = new Map(metadata.claims.map((c) => [c.path.join('.'), c]))
    assert.equal(byName.get('birth_date')?.sd, 'always')
    assert.equal(byName.get('issuing_country')?.sd, 'never')
    assert.equal(byName.get('driving_privileges')?.mandatory, true)
    assert.deepEqual(
      byName.get('family_name')?.display.map((d) => d.label),
      ['Прізвище', 'Family name', 'Perekonnanimi'],
    )
  })
})
