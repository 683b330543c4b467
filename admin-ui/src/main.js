import { render } from 'preact';
import './styles.css';
import './enums.js';
import { App } from './app.js';
import { html } from './ui.js';

render(html`<${App} />`, document.getElementById('app'));
