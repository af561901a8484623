/** What a problem `code` means and what to do about it, for the pages under /problems/<code>. */
export interface ProblemExplanation {
  status: number
  means: string
  todo: string
}

const by = (status: number, means: string, todo: string): ProblemExplanation => ({ status, means, todo })

/** The error types this API documents; other codes get a page built from the general advice for their class. */
export const PROBLEM_CATALOG: Record<string, ProblemExplanation> = {
  validation_failed: by(422, 'One or more fields or parameters are invalid; `errors` names each one and why.', 'Fix the named fields and send the request again.'),
  invalid_cursor: by(422, 'The `cursor` is malformed, was altered, or belongs to another listing.', 'Start again from the first page without `cursor`.'),
  bad_request: by(400, 'The request could not be read, usually malformed JSON.', 'Send a valid JSON body with Content-Type: application/json.'),
  missing_token: by(401, 'The operation needs a signed-in account and no token was sent.', 'Sign in (POST /v1/auth/login) and send Authorization: Bearer <token>.'),
  invalid_token: by(401, 'The bearer token is malformed, expired or was revoked.', 'Sign in again to get a fresh token.'),
  invalid_credentials: by(401, 'The email and password do not match an account.', 'Check both; after repeated failures wait for the lockout to end.'),
  wrong_role: by(403, 'Your account type cannot do this (e.g. a consumer opening a storefront).', 'Use an account of the role the operation names.'),
  not_owner: by(403, 'The resource belongs to another account.', 'Only its owner can change it.'),
  merchant_not_found: by(404, 'No storefront with this id is visible to you (drafts are visible to their owner only); malformed ids get the same answer.', 'Check the id; sign in as the owner to see a draft.'),
  order_not_found: by(404, 'No order with this id is visible to you.', 'Check the id and that you are signed in as its consumer or its shop.'),
  offering_not_found: by(404, 'No offering with this id is visible to you.', 'Check the id.'),
  route_not_found: by(404, 'No operation answers this path.', 'See /docs for the operations this API has.'),
  method_not_allowed: by(405, 'The path exists but not for this method.', 'Use one of the methods in the `Allow` header.'),
  not_acceptable: by(406, 'The Accept header allows no media type this API sends.', 'Accept application/json (errors come as application/problem+json).'),
  idempotency_key_reused: by(409, 'This Idempotency-Key was used earlier for a different request.', 'Use a new key for a new request; reuse a key only to retry the very same request.'),
  idempotency_request_in_flight: by(409, 'A request with this Idempotency-Key is still being processed.', 'Wait a moment and retry with the same key.'),
  currency_mismatch: by(422, "An amount's currency is not the storefront's currency.", "Price offerings in the storefront's currency."),
  currency_in_use: by(409, "The storefront's currency cannot change while offerings are on sale or coupons are live in it.", 'Take the offerings off sale and end the coupons, change the currency, then re-price and resume them.'),
  already_redeemed: by(409, 'This redemption code was already used in the shop.', 'Nothing to do: the order is complete.'),
  already_reported: by(409, 'You already reported this review.', 'Nothing to do: one report per account.'),
  code_not_found: by(404, 'No order with this redemption code at this storefront.', 'Check the code with the customer.'),
  edit_window_closed: by(409, 'Reviews can be edited for 30 days after writing them.', 'Write a reply or contact support instead.'),
  email_taken: by(409, 'An account with this email already exists.', 'Sign in, or register with another email.'),
  not_author: by(403, 'Only the author of this review can do this.', 'Sign in as its author.'),
  not_hidden: by(409, 'The review is not hidden, so it cannot be restored.', 'Nothing to do.'),
  own_review: by(403, 'You cannot report or vote on your own review.', 'Nothing to do.'),
  own_storefront: by(403, 'You cannot review your own storefront.', 'Nothing to do.'),
  order_not_cancellable: by(409, 'The order can no longer be cancelled (redeemed, refunded or cancelled already).', 'Read the order to see its status.'),
  order_not_redeemable: by(409, 'The order is not in a state that can be redeemed.', 'Read the order to see its status.'),
  review_not_found: by(404, 'No review with this id is visible to you.', 'Check the id.'),
  storefront_unavailable: by(422, 'The storefront is not taking orders (a draft, or unpublished).', 'Choose an active storefront.'),
  viewport_too_large: by(422, 'The map viewport is too large for this zoom level.', 'Zoom in or send a smaller bbox.'),
  weak_password: by(422, 'The password is too short or too easy to guess.', 'Choose a longer password that is not a common word or phrase.'),
  wrong_password: by(422, 'current_password is not your current password.', 'Send the password you signed in with.'),
  invalid_signature: by(400, "The Stripe-Signature header is missing or does not match the body.", 'Check STRIPE_WEBHOOK_SECRET and that the body is passed unmodified.'),
  body_too_large: by(413, 'The request body is larger than the operation accepts.', 'Send a smaller body.'),
  file_too_large: by(413, 'The upload is larger than 10 MiB.', 'Resize the image before uploading.'),
  unsupported_image_type: by(415, 'The file is not an image the server can read.', 'Send a JPEG, PNG, WebP or AVIF image.'),
  rate_limited: by(429, 'Too many requests from your account or network in a short time.', 'Wait the number of seconds in Retry-After, then retry.'),
  internal_error: by(500, 'Something went wrong on our side; the request was not completed.', 'Retry later; if it persists, report the `instance` value.'),
  payments_not_configured: by(501, 'Card payments are not set up on this server.', 'Pay cash, or ask the operator to configure Stripe.'),
  payment_provider_failed: by(502, 'The payment provider did not answer as expected.', 'Retry; your card was not charged twice.'),
  database_unavailable: by(503, 'The database is unreachable, busy or too slow.', 'Retry after the seconds in Retry-After.'),
  shutting_down: by(503, 'The server is restarting.', 'Retry after the seconds in Retry-After.'),
}

const BY_STATUS: Record<number, string> = {
  400: 'Fix the request so it can be read, then send it again.',
  401: 'Sign in and send Authorization: Bearer <token>.',
  403: 'This account may not do this.',
  404: 'Check the id or path.',
  409: 'The resource changed state; read it again and decide.',
  422: 'Fix the fields named in `errors`.',
  429: 'Wait the seconds in Retry-After.',
  503: 'Retry after the seconds in Retry-After.',
}

/** The explanation of `code`; codes not listed yet get general advice (the problem's `detail` says more). */
export function explain(code: string): ProblemExplanation | { status: undefined; means: string; todo: string } {
  return PROBLEM_CATALOG[code] ?? { status: undefined, means: 'The problem document\'s `detail` describes this error.', todo: 'Read `detail`; `errors` (when present) names each field.' }
}

/** General advice for a status. */
export function adviceFor(status: number): string {
  return BY_STATUS[status] ?? 'Read `detail` in the problem document.'
}
