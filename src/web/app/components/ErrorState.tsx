/**
 * The one error state of the page: what failed in the reader's language (the network, or the
 * API's own message and the parameter it names), and a retry button.
 */
import type { ApiFailure } from '../lib/api.js';
import { type Lang, t } from '../lib/i18n.js';

/** The failure in words: a bad parameter named, the server's message, or "cannot reach the server". */
export function errorText(lang: Lang, e: ApiFailure): string[] {
  if (e.status === 0) return [t(lang, 'error_network')];
  const details = Array.isArray(e.details) ? (e.details as { param?: string; message?: string }[]) : [];
  const named = details
    .filter((d) => d.param && d.message)
    .map((d) => t(lang, 'error_param', { param: String(d.param), message: String(d.message) }));
  return [t(lang, 'error_server', { status: String(e.status), message: e.message }), ...named];
}

export function ErrorState({ error, lang, onRetry }: { error: ApiFailure; lang: Lang; onRetry: () => void }) {
  return (
    <div class="error-state" role="alert" data-status={error.status}>
      <h2>{t(lang, 'error_title')}</h2>
      {errorText(lang, error).map((line) => (
        <p key={line} dir="auto">
          {line}
        </p>
      ))}
      <button type="button" class="retry" onClick={onRetry}>
        {t(lang, 'retry')}
      </button>
    </div>
  );
}
