import { describe, expect, it } from 'vitest'
import { ValidationError } from '../errors'
import { bodyFingerprint } from './conventions'
import { createCursorCodec } from './cursor'

const encoder = new TextEncoder()
const toBase64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

describe('the cursor codec', () => {
  it('round-trips a payload and refuses an edited body, an edited MAC or another secret', async () => {
    const codec = createCursorCodec('secret-one')
    const cursor = await codec.encode({ d: '2026-12-04T10:00:00.000Z', id: 'abc' })
    expect(await codec.decode(cursor)).toEqual({ d: '2026-12-04T10:00:00.000Z', id: 'abc' })
    const [body, mac] = cursor.split('.') as [string, string]
    const edited = toBase64Url(encoder.encode(JSON.stringify({ d: '2020-01-01T00:00:00.000Z', id: 'abc' })))
    await expect(codec.decode(`${edited}.${mac}`)).rejects.toBeInstanceOf(ValidationError)
    await expect(codec.decode(`${body}.${mac.slice(0, -2)}AA`)).rejects.toBeInstanceOf(ValidationError)
    await expect(createCursorCodec('secret-two').decode(cursor)).rejects.toBeInstanceOf(ValidationError)
  })

  it('still accepts cursors signed before the change, with Web Crypto HMAC-SHA256 (no client loses its place on deploy)', async () => {
    const key = await crypto.subtle.importKey('raw', encoder.encode('cursor:secret-one'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    const body = encoder.encode(JSON.stringify({ o: 20 }))
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, body)).subarray(0, 16)
    expect(await createCursorCodec('secret-one').decode(`${toBase64Url(body)}.${toBase64Url(mac)}`)).toEqual({ o: 20 })
  })
})

describe('the ETag fingerprint', () => {
  it('changes when one byte or the length changes, and is stable for the same body', () => {
    const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex')
    const a = encoder.encode('{"data":[{"rating":4}]}')
    const b = encoder.encode('{"data":[{"rating":5}]}')
    expect(hex(bodyFingerprint(a))).toBe(hex(bodyFingerprint(encoder.encode('{"data":[{"rating":4}]}'))))
    expect(hex(bodyFingerprint(a))).not.toBe(hex(bodyFingerprint(b)))
    expect(hex(bodyFingerprint(encoder.encode('')))).not.toBe(hex(bodyFingerprint(new Uint8Array([0]))))
  })
})
