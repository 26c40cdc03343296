/** The dashboard's entry point (built by Vite into dist/web). */
import { render } from 'preact';
import { App } from './components/App.js';
import { applySettings } from './lib/settings.js';
import './styles.css';

applySettings();
const root = document.getElementById('app');
if (root) render(<App />, root);
