import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'

/** What the fake bucket saw and holds. */
export interface FakeS3 {
  endpoint: string
  bucket: string
  objects: Map<string, { body: Buffer; contentType?: string; cacheControl?: string }>
  requests: Array<{ method: string; path: string; signed: boolean }>
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

/**
 * A tiny in-process S3 endpoint (path-style PUT/GET/DELETE of single objects, as MinIO serves
 * them) so the real AWS SDK client can be driven without a network. Signatures are not checked,
 * only required to be present.
 */
export function useFakeS3(bucket = 'photos'): FakeS3 {
  const fake: FakeS3 = { endpoint: '', bucket, objects: new Map(), requests: [] }
  let server: Server
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const signed = /^AWS4-HMAC-SHA256 Credential=test-key\//.test(req.headers.authorization ?? '')
      fake.requests.push({ method: req.method ?? '', path: url.pathname, signed })
      const prefix = `/${bucket}/`
      const body = await readBody(req)
      if (!signed || !url.pathname.startsWith(prefix)) {
        res.writeHead(403, { 'Content-Type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>')
        return
      }
      const key = decodeURIComponent(url.pathname.slice(prefix.length))
      if (req.method === 'PUT') {
        fake.objects.set(key, { body, contentType: req.headers['content-type'], cacheControl: req.headers['cache-control'] })
        res.writeHead(200, { ETag: '"fake"' }).end()
      } else if (req.method === 'GET') {
        const object = fake.objects.get(key)
        if (!object) {
          res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>')
          return
        }
        res.writeHead(200, { 'Content-Type': object.contentType ?? 'application/octet-stream', 'Content-Length': object.body.length }).end(object.body)
      } else if (req.method === 'DELETE') {
        fake.objects.delete(key)
        res.writeHead(204).end()
      } else {
        res.writeHead(405).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
  })
  return fake
}
