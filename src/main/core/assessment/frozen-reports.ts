import type { z } from 'zod'
import { ContractError, type ErrorCode } from '@shared/contract'
import {
  frozenReportSchema,
  reportCheckSchema,
  reportListReplySchema,
  type AssessmentMessage,
  type FrozenReport,
  type ReportCheck,
  type ReportCloseArgs,
  type ReportList,
} from '@shared/protocol'

/** Sends one message on the live session: the raw reply, or null when not connected. */
export type Ask = (message: AssessmentMessage, payload: unknown) => Promise<{ reply: unknown } | null>

export const OFFLINE_MESSAGE = '需要连接中心服务器 (the central server is needed for closed reports)'

const PROBLEM_CODES: Record<string, ErrorCode> = {
  forbidden: 'forbidden',
  forbidden_role: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  invalid_payload: 'invalid_args',
}

function isProblem(v: unknown): v is { code: string; message: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'string'
  )
}

/**
 * The server's frozen reports (docs/protocol.md §9: reportClose/List/Get/Verify) as the
 * workstation reads them: over the sync link only (they are the server's record, never cached),
 * every reply checked with the shared schemas, a refusal passed on with its code.
 */
export class FrozenReports {
  constructor(private readonly ask: Ask) {}

  list(periodLabel?: string): Promise<ReportList> {
    return this.call('reportList', periodLabel ? { periodLabel } : {}, reportListReplySchema)
  }

  get(id: number): Promise<FrozenReport> {
    return this.call('reportGet', { id }, frozenReportSchema)
  }

  verify(id: number): Promise<ReportCheck> {
    return this.call('reportVerify', { id }, reportCheckSchema)
  }

  close(args: ReportCloseArgs): Promise<FrozenReport> {
    return this.call('reportClose', args, frozenReportSchema)
  }

  private async call<T>(message: AssessmentMessage, payload: unknown, schema: z.ZodType<T>): Promise<T> {
    let answer: { reply: unknown } | null
    try {
      answer = await this.ask(message, payload)
    } catch (err) {
      throw new ContractError('unavailable', `${OFFLINE_MESSAGE}: ${err instanceof Error ? err.message : String(err)}`)
    }
    if (answer === null) throw new ContractError('unavailable', OFFLINE_MESSAGE)
    const reply = answer.reply
    const parsed = schema.safeParse(reply)
    if (parsed.success) return parsed.data
    if (isProblem(reply)) throw new ContractError(PROBLEM_CODES[reply.code] ?? 'unavailable', reply.message)
    throw new ContractError('unavailable', `${message}: the server's reply is not a valid report`)
  }
}
