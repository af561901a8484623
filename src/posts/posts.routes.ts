import { createRoute } from '@hono/zod-openapi'
import type { AuthUser } from '../context'
import { optionalAuth, requireAuth } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { MerchantIdParams } from '../merchants/merchants.schemas'
import { listMerchantPosts } from './list-posts'
import { CreatePostSchema, PostPageQuery, PostPageSchema, PostParams, PostSchema, UpdatePostSchema } from './posts.schemas'
import { createPost, deletePost, editPost } from './write-post'

const tags = ['Fans']

const create = createRoute({
  method: 'post', path: '/merchants/{id}/posts', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: "Publish a news post on your storefront (reaches followers' feeds and event streams)",
  request: { params: MerchantIdParams, body: jsonBody(CreatePostSchema) },
  responses: { 201: json(PostSchema, 'The post'), ...problems(401, 403, 404, 422) },
})
const patch = createRoute({
  method: 'patch', path: '/merchants/{id}/posts/{postId}', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Edit a post of your storefront',
  request: { params: PostParams, body: jsonBody(UpdatePostSchema) },
  responses: { 200: json(PostSchema, 'The edited post'), ...problems(401, 403, 404, 422) },
})
const remove = createRoute({
  method: 'delete', path: '/merchants/{id}/posts/{postId}', tags,
  security: bearer, middleware: [requireAuth] as const,
  summary: 'Delete a post of your storefront', request: { params: PostParams },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
})
const list = createRoute({
  method: 'get', path: '/merchants/{id}/posts', tags, middleware: [optionalAuth] as const,
  summary: "A storefront's news posts, newest first, keyset-paged",
  request: { params: MerchantIdParams, query: PostPageQuery },
  responses: { 200: json(PostPageSchema, 'A page of posts'), ...problems(400, 401, 404, 422) },
})

/** Store news: the owner writes posts; anyone reads a visible storefront's posts. */
export const postsRoutes = newRouter()
  .openapi(create, async (c) => c.json(await createPost(c.var.deps, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(patch, async (c) => {
    const { id, postId } = c.req.valid('param')
    return c.json(await editPost(c.var.deps, c.var.user, id, postId, c.req.valid('json')), 200)
  })
  .openapi(remove, async (c) => {
    const { id, postId } = c.req.valid('param')
    await deletePost(c.var.deps, c.var.user, id, postId)
    return c.body(null, 204)
  })
  .openapi(list, async (c) => c.json(await listMerchantPosts(c.var.deps, c.get('user') as AuthUser | undefined, c.req.valid('param').id, c.req.valid('query')), 200))
