import { useLocation } from '../lib/router.js';
import { useSettings } from '../lib/settings.js';
import { incidentIdOf, parseState } from '../lib/url-state.js';
import { Dashboard } from './Dashboard.js';
import { Header } from './Header.js';
import { IncidentPage } from './IncidentPage.js';

export function App() {
  const loc = useLocation();
  const settings = useSettings();
  const id = incidentIdOf(loc.pathname);
  const state = parseState(loc.search);
  return (
    <div class="app">
      <Header lang={settings.lang} search={loc.search} />
      {id ? (
        <IncidentPage key={id} id={id} state={state} settings={settings} />
      ) : (
        <Dashboard state={state} lang={settings.lang} />
      )}
    </div>
  );
}
