// The signed-in staff member: POST /api/v1/session signs in (the service sets an HttpOnly
// session cookie and returns the CSRF token), GET reads it back after a reload, DELETE signs out.
import { ApiError, api, onSignedOut, setCsrfToken } from './api.js';
import { signal } from './state.js';

/** null while unknown, false when signed out, else { username, roles, csrfToken, idleTimeoutSeconds }. */
export const session = signal(null);

function accept(body) {
  setCsrfToken(body.csrfToken);
  session.value = body;
  return body;
}

export async function loadSession() {
  try {
    return accept(await api('GET', '/session'));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      session.value = false;
      return false;
    }
    throw e;
  }
}

export async function signIn(username, password) {
  return accept(await api('POST', '/session', { username, password }));
}

export async function signOut() {
  try {
    await api('DELETE', '/session');
  } finally {
    setCsrfToken(null);
    session.value = false;
  }
}

onSignedOut(() => {
  setCsrfToken(null);
  session.value = false;
});

export function hasRole(...roles) {
  const s = session.value;
  return !!s && roles.some((r) => s.roles.includes(r));
}
