import { useTranslation } from 'react-i18next'

/** The end of an action form: the failure in words, then submit (Enter) and cancel (Esc). */
export function FormFooter(props: { error: string | null; busy: boolean; onSubmit: () => void; onCancel: () => void }) {
  const { t } = useTranslation('ops')
  return (
    <>
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="form-buttons">
        <button
          type="button"
          className="btn primary"
          data-testid="form-submit"
          disabled={props.busy}
          onClick={props.onSubmit}
        >
          {t('form.submit')}
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </>
  )
}
