import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { IncidentView } from '@shared/contract'
import type { ActionType } from '@shared/domain'
import { call, RequestError } from '../../api/client'

/**
 * One operator action on one case, queued through the outbox (`commands.submit`) at the version the
 * operator saw: busy while it is written, the failure in words. Shared by the action form and the
 * merge view.
 */
export function useActionSubmit(incident: IncidentView, onDone: () => void) {
  const { t } = useTranslation('ops')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async (type: ActionType, payload: Record<string, unknown>) => {
    setBusy(true)
    try {
      await call('commands.submit', { type, incidentId: incident.id, expectedVersion: incident.version, payload })
      onDone()
    } catch (err) {
      setError(t('form.failed', { message: err instanceof RequestError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, send }
}

/** A form's keys: Enter submits (Shift+Enter is a new line), Esc drops the form. */
export function formKey(e: KeyboardEvent, submit: () => void, cancel: () => void): void {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault()
    submit()
  } else if (e.key === 'Escape') {
    e.preventDefault()
    cancel()
  }
}
