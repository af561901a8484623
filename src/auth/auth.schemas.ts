import { z } from '@hono/zod-openapi'
import { singleLine } from '../http/text'

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['consumer', 'merchant']),
  })
  .openapi('User')

export const SessionSchema = z.object({ token: z.string(), user: UserSchema }).openapi('Session')

export const RegisterSchema = z
  .strictObject({
    email: z.email('must be an email address').max(254).trim(),
    password: z.string().min(10, 'must be at least 10 characters').max(200),
    name: singleLine().trim().min(1, 'is required').max(100),
    role: z.enum(['consumer', 'merchant']),
  })
  .openapi('RegisterRequest')

export const LoginSchema = z
  .strictObject({
    email: singleLine().trim().min(1, 'is required').max(254),
    password: z.string().min(1, 'is required').max(200),
  })
  .openapi('LoginRequest')

export const ChangePasswordSchema = z
  .strictObject({
    current_password: z.string().min(1, 'is required').max(200),
    new_password: z.string().min(10, 'must be at least 10 characters').max(200),
  })
  .openapi('ChangePasswordRequest')
