import { attachmentsSchema } from '@shared/domain'

/** The lines of an attachments box (one http(s) URL a line) that are not blank. */
export function attachmentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

/** The box's URLs when every one is an http(s) link (at most 9), else null. */
export function parseAttachments(text: string): string[] | null {
  const lines = attachmentLines(text)
  return attachmentsSchema.safeParse(lines).success ? lines : null
}
