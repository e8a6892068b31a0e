/** Stable reason codes for a rejected command (see docs/protocol.md). */
export const REJECTION_CODES = [
  'invalid_payload',
  'not_found',
  'already_exists',
  'stale_version',
  'invalid_transition',
  'forbidden_role',
  'out_of_scope',
  'read_only',
  'unknown_assignee',
  'invalid_duplicate',
  'not_assignee',
  'forbidden_field',
  'invalid_location',
  'request_pending',
  'no_pending_request',
  // A deadline set at dispatch outside its category's range, or other than the default without a reason.
  'deadline_out_of_range',
  'deadline_reason_required',
] as const
export type RejectionCode = (typeof REJECTION_CODES)[number]
