import { useState } from 'preact/hooks';
import { type Lang, t } from '../lib/i18n.js';
import { updateSettings } from '../lib/settings.js';

/** Asks for the token when the server needs one to read (RASD_READ_TOKEN). */
export function TokenForm({ lang, onSaved }: { lang: Lang; onSaved: () => void }) {
  const [token, setToken] = useState('');
  return (
    <form
      class="panel token-form"
      onSubmit={(e) => {
        e.preventDefault();
        updateSettings({ token: token.trim() });
        onSaved();
      }}
    >
      <label>
        <span>{t(lang, 'read_token_needed')}</span>
        <input
          type="password"
          name="read-token"
          autocomplete="off"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
      </label>
      <button type="submit">{t(lang, 'token_save')}</button>
    </form>
  );
}
