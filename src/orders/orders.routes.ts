import { createRoute } from '@hono/zod-openapi'
import { requireAuth, requireRole } from '../http/auth'
import { bearer, json, jsonBody, problems } from '../http/responses'
import { newRouter } from '../http/validation'
import { cancelOrder } from './cancel-order'
import { createOrder } from './create-order'
import {
  CreateOrderSchema,
  IdempotencyHeadersSchema,
  ListOrdersQuerySchema,
  OrderIdParamsSchema,
  OrderListSchema,
  OrderSchema,
} from './orders.schemas'
import { getOrder, listOrders } from './orders.service'
import { NoQuery } from '../http/text'

const createRouteDef = createRoute({
  method: 'post',
  path: '/orders',
  tags: ['Orders'],
  summary: 'Place an order (consumers); retry safely with the same Idempotency-Key',
  security: bearer,
  middleware: [requireAuth, requireRole('consumer')] as const,
  request: { query: NoQuery, headers: IdempotencyHeadersSchema, body: jsonBody(CreateOrderSchema) },
  responses: {
    201: json(OrderSchema, 'Order placed, or (with `Idempotent-Replayed: true`) the order placed earlier under this Idempotency-Key'),
    ...problems(400, 401, 403, 409, 422, 502),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: ['Orders'],
  summary: "Your orders (consumers) or your storefronts' orders (merchants), newest first",
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: ListOrdersQuerySchema },
  responses: { 200: json(OrderListSchema, 'A page of orders'), ...problems(400, 401, 422) },
})

const getRoute = createRoute({
  method: 'get',
  path: '/orders/{id}',
  tags: ['Orders'],
  summary: 'One order, for its consumer or its storefront owner',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: OrderIdParamsSchema },
  responses: { 200: json(OrderSchema, 'The order'), ...problems(401, 404, 422) },
})

const cancelRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/cancel',
  tags: ['Orders'],
  summary: 'Cancel an order before it is completed; card payments are refunded',
  security: bearer,
  middleware: [requireAuth] as const,
  request: { query: NoQuery, params: OrderIdParamsSchema },
  responses: { 200: json(OrderSchema, 'Cancelled, or refund under way'), ...problems(401, 404, 409, 422, 502) },
})

/** Orders: place, list, read, cancel. */
export const ordersRoutes = newRouter()
  .openapi(createRouteDef, async (c) => {
    const key = c.req.valid('header')['idempotency-key']
    const { order, created } = await createOrder(c.var.deps, c.var.user, key, c.req.valid('json'))
    // A replay answers like the original (201), marked as a replay.
    return c.json(order, 201, created ? {} : { 'Idempotent-Replayed': 'true' })
  })
  .openapi(listRoute, async (c) => c.json(await listOrders(c.var.deps, c.var.user, c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getOrder(c.var.deps, c.var.user, c.req.valid('param').id), 200))
  .openapi(cancelRoute, async (c) => c.json(await cancelOrder(c.var.deps, c.var.user, c.req.valid('param').id), 200))
