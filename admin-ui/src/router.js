// Hash routes (#/products/FUNONG): the server serves one page and never has to guess which
// paths are the workspace's. A page may block leaving (unsaved changes) with setLeaveGuard.
import { signal } from './state.js';

function current() {
  const hash = window.location.hash.replace(/^#/, '');
  return hash || '/';
}

export const route = signal(current());
let leaveGuard = null;
let lastAccepted = current();

/** guard() returns a message when leaving would lose work, or null. */
export function setLeaveGuard(guard) {
  leaveGuard = guard;
  return () => { if (leaveGuard === guard) leaveGuard = null; };
}

window.addEventListener('hashchange', () => {
  const next = current();
  if (next === lastAccepted) return;
  const message = leaveGuard && leaveGuard();
  if (message && !window.confirm(message)) {
    window.location.hash = lastAccepted; // stay: the hashchange this makes is ignored above
    return;
  }
  leaveGuard = null;
  lastAccepted = next;
  route.value = next;
});

window.addEventListener('beforeunload', (e) => {
  const message = leaveGuard && leaveGuard();
  if (message) {
    e.preventDefault();
    e.returnValue = message;
  }
});

export function navigate(path) {
  window.location.hash = path;
}

/** match('/products/:code', '/products/FUNONG') → { code: 'FUNONG' } or null; a query string after ? is in params.query. */
export function match(pattern, path) {
  const [pathPart, queryPart] = path.split('?');
  const p = pattern.split('/');
  const a = pathPart.split('/');
  if (p.length !== a.length) return null;
  const params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(a[i]);
    else if (p[i] !== a[i]) return null;
  }
  params.query = Object.fromEntries(new URLSearchParams(queryPart || ''));
  return params;
}

/** '#/products/' + code, with each segment encoded. */
export function href(...segments) {
  return '#/' + segments.map((s) => encodeURIComponent(s)).join('/');
}
