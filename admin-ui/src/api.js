// Every call of the workspace goes through here: same origin, the staff session cookie, the CSRF
// token on state-changing requests, and API problems turned into ApiError with the fields named.

let csrfToken = null;
const signedOutListeners = new Set();

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when the API says the session is gone (401), so the shell can show the sign-in page. */
export function onSignedOut(listener) {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    this.retryAfter = null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * api('GET', '/products') → parsed JSON (or null for 204). Throws ApiError for any status ≥ 400,
 * and for a network failure (status 0).
 */
export async function api(method, path, body, { raw = false, signal } = {}) {
  const headers = { 'X-Requested-With': 'loanfactory-admin', Accept: 'application/json, application/problem+json' };
  let payload;
  if (body !== undefined && body !== null) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'network', detail: null });
  }
  if (response.status === 401 && !path.startsWith('/session')) signedOutListeners.forEach((l) => l());
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try { problem = await response.json(); } catch (e) { problem = null; }
    }
    const error = new ApiError(response.status, problem);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body === undefined ? {} : body, opts);
export const put = (path, body, opts) => api('PUT', path, body, opts);
export const del = (path, opts) => api('DELETE', path, undefined, opts);

/** A query string of the non-empty values: qs({a: 1, b: ''}) → '?a=1'. */
export function qs(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!entries.length) return '';
  return '?' + entries.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

/** Downloads a file the API serves (export, report) with the session, under its own name. */
export async function download(path, fallbackName) {
  const response = await api('GET', path, undefined, { raw: true });
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

/** POST of a multipart form (a file upload) with the session and the CSRF token; the parsed JSON answer. */
export async function upload(path, form) {
  const headers = { 'X-Requested-With': 'loanfactory-admin', Accept: 'application/json, application/problem+json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch('/api/v1' + path, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, { title: 'network', detail: null });
  }
  if (response.status === 401) signedOutListeners.forEach((l) => l());
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, body);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  return body;
}
