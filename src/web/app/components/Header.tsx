import { type Lang, t } from '../lib/i18n.js';
import { linkClick } from '../lib/router.js';
import { updateSettings } from '../lib/settings.js';

export function Header({ lang, search }: { lang: Lang; search: string }) {
  const home = `/${search}`;
  return (
    <header class="top">
      <a class="skip-link" href="#main">
        {t(lang, 'skip_link')}
      </a>
      <a class="brand" href={home} onClick={(e) => linkClick(e, home)}>
        <span class="brand-name">{t(lang, 'app_title')}</span>
        <span class="brand-sub">{t(lang, 'app_subtitle')}</span>
      </a>
      <nav class="top-nav">
        <a href="/api/docs">{t(lang, 'api_docs')}</a>
        <button
          type="button"
          class="lang-toggle"
          lang={lang === 'ar' ? 'en' : 'ar'}
          title={t(lang, 'lang_toggle_title')}
          onClick={() => updateSettings({ lang: lang === 'ar' ? 'en' : 'ar' })}
        >
          {t(lang, 'lang_toggle')}
        </button>
      </nav>
    </header>
  );
}
