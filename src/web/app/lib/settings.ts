/** The reader's settings: language (localStorage), reviewer name (localStorage), token (sessionStorage). */
import { useEffect, useState } from 'preact/hooks';
import { setToken } from './api.js';
import { dirOf, type Lang } from './i18n.js';

const EVENT = 'rasd:settings';

export interface Settings {
  lang: Lang;
  reviewer: string;
  token: string;
}

function read(): Settings {
  const lang = localStorage.getItem('rasd.lang') === 'en' ? 'en' : 'ar';
  return {
    lang,
    reviewer: localStorage.getItem('rasd.reviewer') ?? '',
    token: sessionStorage.getItem('rasd.token') ?? '',
  };
}

export function applySettings(s: Settings = read()): void {
  document.documentElement.lang = s.lang;
  document.documentElement.dir = dirOf(s.lang);
  setToken(s.token || null);
}

export function updateSettings(patch: Partial<Settings>): void {
  if (patch.lang) localStorage.setItem('rasd.lang', patch.lang);
  if (patch.reviewer != null) localStorage.setItem('rasd.reviewer', patch.reviewer);
  if (patch.token != null) {
    if (patch.token) sessionStorage.setItem('rasd.token', patch.token);
    else sessionStorage.removeItem('rasd.token');
  }
  applySettings();
  window.dispatchEvent(new Event(EVENT));
}

export function useSettings(): Settings {
  const [s, setS] = useState(read);
  useEffect(() => {
    const update = () => setS(read());
    window.addEventListener(EVENT, update);
    window.addEventListener('storage', update);
    return () => {
      window.removeEventListener(EVENT, update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return s;
}
