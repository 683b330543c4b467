// Shared building blocks of the pages: htm bound to Preact, errors as readable text, loading,
// labelled fields, status badges, progress bars.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { ApiError } from './api.js';
import { addMessages, enumLabel, t } from './i18n.js';

export const html = htm.bind(h);

addMessages({
  zh: {
    'error.0': '无法连接服务，请检查网络后重试',
    'error.400': '请求内容有误', 'error.401': '请先登录', 'error.403': '无权执行此操作',
    'error.404': '未找到', 'error.408': '请求超时', 'error.409': '冲突：内容已被他人修改或状态已变',
    'error.413': '内容过大', 'error.422': '无法处理', 'error.429': '请求过于频繁，请稍后再试',
    'error.500': '服务内部错误', 'error.503': '服务暂不可用，请稍后再试', 'error.other': '请求失败',
    'error.retryAfter': '{s} 秒后可重试',
    'common.loading': '加载中…', 'common.save': '保存', 'common.cancel': '取消', 'common.close': '关闭',
    'common.none': '无', 'common.yes': '是', 'common.no': '否', 'common.refresh': '刷新',
    'common.previous': '上一页', 'common.next': '下一页', 'common.page': '第 {page} / {pages} 页，共 {total} 条',
    'common.actions': '操作', 'common.open': '打开', 'common.download': '下载', 'common.search': '查询',
    'common.reset': '重置', 'common.required': '必填',
    'progress.eta': '预计剩余 {eta}', 'progress.rate': '{rate} 条/秒',
  },
  en: {
    'error.0': 'The service cannot be reached; check the network and try again',
    'error.400': 'The request is not valid', 'error.401': 'Please sign in', 'error.403': 'You may not do this',
    'error.404': 'Not found', 'error.408': 'The request timed out', 'error.409': 'Conflict: changed by someone else, or its status changed',
    'error.413': 'Too large', 'error.422': 'Cannot be processed', 'error.429': 'Too many requests; try again shortly',
    'error.500': 'Internal error in the service', 'error.503': 'The service is unavailable; try again shortly', 'error.other': 'The request failed',
    'error.retryAfter': 'retry in {s} s',
    'common.loading': 'Loading…', 'common.save': 'Save', 'common.cancel': 'Cancel', 'common.close': 'Close',
    'common.none': 'None', 'common.yes': 'Yes', 'common.no': 'No', 'common.refresh': 'Refresh',
    'common.previous': 'Previous', 'common.next': 'Next', 'common.page': 'Page {page} of {pages}, {total} in all',
    'common.actions': 'Actions', 'common.open': 'Open', 'common.download': 'Download', 'common.search': 'Search',
    'common.reset': 'Reset', 'common.required': 'required',
    'progress.eta': '{eta} left', 'progress.rate': '{rate}/s',
  },
});

/** The heading of an error: what kind of failure, in the reader's language. */
export function errorTitle(error) {
  if (!(error instanceof ApiError)) return t('error.other');
  const key = `error.${error.status}`;
  const text = t(key);
  return text === key ? t('error.other') + ` (HTTP ${error.status})` : text;
}

/** An API error as a readable block: the kind, the service's detail, and each field with its message. */
export function ErrorMessage({ error, id }) {
  if (!error) return null;
  const detail = error instanceof ApiError ? error.problem.detail : String(error.message || error);
  const errors = error instanceof ApiError ? error.errors : [];
  return html`<div class="error" role="alert" id=${id}>
    <strong>${errorTitle(error)}</strong>
    ${detail && html`<div class="error-detail">${detail}</div>`}
    ${errors.length > 0 && html`<ul class="error-fields">
      ${errors.map((e) => html`<li><code>${e.field}</code>：${e.message}</li>`)}
    </ul>`}
    ${error.retryAfter && html`<div class="error-detail">${t('error.retryAfter', { s: error.retryAfter })}</div>`}
  </div>`;
}

export function Loading() {
  return html`<p class="loading" role="status">${t('common.loading')}</p>`;
}

/**
 * useAsync(() => get('/products'), [deps]) → { data, error, loading, reload }. A newer call
 * replaces an older one still under way.
 */
export function useAsync(fn, deps) {
  const [state, setState] = useState({ data: undefined, error: null, loading: true });
  const seq = useRef(0);
  const run = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve()
      .then(fn)
      .then((data) => { if (mine === seq.current) setState({ data, error: null, loading: false }); })
      .catch((error) => { if (mine === seq.current) setState({ data: undefined, error, loading: false }); });
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

/** A run-once action with its own busy flag and error: const [act, busy, error] = useAction(fn). */
export function useAction(fn) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const act = async (...args) => {
    setBusy(true);
    setError(null);
    try {
      return await fn(...args);
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return [act, busy, error, setError];
}

let fieldSeq = 0;
/** A stable id for a label's `for`. */
export function useId(prefix = 'f') {
  const ref = useRef(null);
  if (ref.current === null) ref.current = `${prefix}-${++fieldSeq}`;
  return ref.current;
}

/** A labelled input; every control of the workspace has a visible label. */
export function Field({ label, hint, children, id }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${children}
    ${hint && html`<small class="hint">${hint}</small>`}
  </div>`;
}

export function TextInput({ label, value, onInput, type = 'text', hint, required, ...rest }) {
  const id = useId();
  return html`<${Field} label=${label + (required ? ' *' : '')} hint=${hint} id=${id}>
    <input id=${id} type=${type} value=${value ?? ''} required=${required}
      onInput=${(e) => onInput(e.currentTarget.value)} ...${rest} />
  <//>`;
}

/** A select of enum values with their labels: options = ['FARMER', …], type = 'segment'. */
export function EnumSelect({ label, type, options, value, onChange, allowEmpty, emptyLabel, ...rest }) {
  const id = useId();
  return html`<${Field} label=${label} id=${id}>
    <select id=${id} value=${value ?? ''} onChange=${(e) => onChange(e.currentTarget.value)} ...${rest}>
      ${allowEmpty && html`<option value="">${emptyLabel ?? '—'}</option>`}
      ${options.map((o) => html`<option value=${o}>${type ? enumLabel(type, o) : o}</option>`)}
    </select>
  <//>`;
}

export function StatusBadge({ status, type = 'status' }) {
  if (!status) return null;
  return html`<span class=${'badge badge-' + String(status).toLowerCase()}>${enumLabel(type, status)}</span>`;
}

function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** done/total with a bar, the rate and the time left. */
export function ProgressBar({ done, total, rate, etaSeconds, label }) {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  return html`<div class="progress">
    <div class="progress-label">${label ? label + ' · ' : ''}${done ?? 0} / ${total ?? '?'}
      ${rate ? ' · ' + t('progress.rate', { rate: Math.round(rate) }) : ''}
      ${etaSeconds !== undefined && etaSeconds !== null ? ' · ' + t('progress.eta', { eta: formatDuration(etaSeconds) }) : ''}</div>
    <div class="progress-track" role="progressbar" aria-label=${label || 'progress'} aria-valuemin="0"
      aria-valuemax=${total || 0} aria-valuenow=${done || 0}>
      <div class="progress-fill" style=${{ width: (fraction * 100).toFixed(1) + '%' }}></div>
    </div>
  </div>`;
}

/** Previous / next with the page count, for server-side paged lists (page numbers from 0). */
export function Pager({ page, totalPages, totalItems, onPage }) {
  return html`<nav class="pager" aria-label="pages">
    <button type="button" disabled=${page <= 0} onClick=${() => onPage(page - 1)}>${t('common.previous')}</button>
    <span>${t('common.page', { page: totalPages ? page + 1 : 0, pages: totalPages, total: totalItems })}</span>
    <button type="button" disabled=${page + 1 >= totalPages} onClick=${() => onPage(page + 1)}>${t('common.next')}</button>
  </nav>`;
}

export function PageTitle({ children, actions }) {
  useEffect(() => {
    const text = Array.isArray(children) ? children.join('') : String(children);
    document.title = text + ' · ' + t('app.title');
  });
  return html`<div class="page-title"><h1>${children}</h1>${actions && html`<div class="page-actions">${actions}</div>`}</div>`;
}
