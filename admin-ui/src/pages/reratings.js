// Re-rating (动态调整): re-evaluate a product's current lines under a version, watch it, read the
// report (UP / DOWN / UNCHANGED / RATE_ONLY / WITHDRAWN, exposure before and after), download it,
// and — a second person, an approver — apply it (POST /api/v1/products/{code}/re-ratings, API.md).
import { useEffect, useState } from 'preact/hooks';
import { download, get, post } from '../api.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { count, date, dateTime, money, pct } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, session } from '../session.js';
import { ErrorMessage, Loading, PageTitle, ProgressBar, StatusBadge, TextInput, html, useAction, useAsync } from '../ui.js';

addMessages({
  zh: {
    'rr.title': '动态调整 · {code}', 'rr.start': '开始重新评级', 'rr.version': '规则集版本（默认当前生效版本）',
    'rr.asOfDate': '评估日期（默认今天）', 'rr.from': '原决策起始日期', 'rr.to': '原决策截止日期', 'rr.list': '重新评级记录',
    'rr.none': '还没有重新评级。', 'rr.id': '编号', 'rr.status': '状态', 'rr.by': '发起人', 'rr.open': '查看',
    'rr.detail': '重新评级 {id}', 'rr.lines': '在用额度笔数', 'rr.exposure': '授信敞口', 'rr.before': '调整前', 'rr.after': '调整后',
    'rr.apply': '应用调整（存为新决策）', 'rr.applyHint': '应用须由未发起本次评级的审批人执行；未应用的报告不产生任何决策。',
    'rr.applied': '已由 {by} 于 {at} 应用', 'rr.download': '下载报告', 'rr.report': '逐笔结果', 'rr.change': '调整',
    'rr.name': '姓名', 'rr.idNumber': '身份证号', 'rr.limit': '额度', 'rr.rate': '利率', 'rr.outcome': '结论', 'rr.reasons': '原因',
    'rr.back': '返回产品', 'change.UP': '上调', 'change.DOWN': '下调', 'change.UNCHANGED': '不变', 'change.RATE_ONLY': '仅利率变化',
    'change.WITHDRAWN': '收回', 'change.ERROR': '出错',
  },
  en: {
    'rr.title': 'Re-rating · {code}', 'rr.start': 'Start a re-rating', 'rr.version': 'Rule set version (default: in force)',
    'rr.asOfDate': 'As-of date (default today)', 'rr.from': 'Original decisions from', 'rr.to': 'Original decisions to', 'rr.list': 'Re-ratings',
    'rr.none': 'No re-rating yet.', 'rr.id': 'Id', 'rr.status': 'Status', 'rr.by': 'Started by', 'rr.open': 'Open',
    'rr.detail': 'Re-rating {id}', 'rr.lines': 'Current lines', 'rr.exposure': 'Exposure', 'rr.before': 'Before', 'rr.after': 'After',
    'rr.apply': 'Apply (store as new decisions)', 'rr.applyHint': 'Applied by an approver other than the one who started it; an unapplied report stores no decision.',
    'rr.applied': 'Applied by {by} at {at}', 'rr.download': 'Download the report', 'rr.report': 'Lines', 'rr.change': 'Change',
    'rr.name': 'Name', 'rr.idNumber': 'ID number', 'rr.limit': 'Limit', 'rr.rate': 'Rate', 'rr.outcome': 'Outcome', 'rr.reasons': 'Reasons',
    'rr.back': 'Back to the product', 'change.UP': 'Up', 'change.DOWN': 'Down', 'change.UNCHANGED': 'Unchanged', 'change.RATE_ONLY': 'Rate only',
    'change.WITHDRAWN': 'Withdrawn', 'change.ERROR': 'Error',
  },
});

const enc = encodeURIComponent;
const base = (code) => `/products/${enc(code)}/re-ratings`;
const CHANGES = ['UP', 'DOWN', 'UNCHANGED', 'RATE_ONLY', 'WITHDRAWN', 'ERROR'];
const RUNNING = new Set(['QUEUED', 'RUNNING', 'APPLYING']);

export function ReratingsPage({ code }) {
  const list = useAsync(() => get(base(code)), [code]);
  const [form, setForm] = useState({ version: '', asOfDate: '', from: '', to: '' });
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const [start, busy, error] = useAction(async () => {
    const body = {};
    for (const [k, v] of Object.entries(form)) if (v) body[k] = k === 'version' ? Number(v) : v;
    const job = await post(base(code), body);
    navigate(`/products/${enc(code)}/re-ratings/${enc(job.id)}`);
  });
  return html`<section>
    <p><a href=${href('products', code)}>← ${t('rr.back')}</a></p>
    <${PageTitle}>${t('rr.title', { code })}<//>
    <form class="card form-grid" aria-label=${t('rr.start')} onSubmit=${(e) => { e.preventDefault(); start(); }}>
      <${TextInput} label=${t('rr.version')} type="number" min="1" value=${form.version} onInput=${set('version')} />
      <${TextInput} label=${t('rr.asOfDate')} type="date" value=${form.asOfDate} onInput=${set('asOfDate')} />
      <${TextInput} label=${t('rr.from')} type="date" value=${form.from} onInput=${set('from')} />
      <${TextInput} label=${t('rr.to')} type="date" value=${form.to} onInput=${set('to')} />
      <div class="wide"><${ErrorMessage} error=${error} /></div>
      <div class="wide buttons"><button type="submit" class="primary" disabled=${busy}>${t('rr.start')}</button></div>
    </form>
    <h2>${t('rr.list')}</h2>
    ${list.loading && !list.data && html`<${Loading} />`}
    <${ErrorMessage} error=${list.error} />
    ${list.data && (list.data.length === 0 ? html`<p>${t('rr.none')}</p>` : html`<table class="data">
      <thead><tr><th scope="col">${t('rr.id')}</th><th scope="col">${t('rr.status')}</th><th scope="col">${t('rr.version')}</th>
        <th scope="col">${t('rr.asOfDate')}</th><th scope="col">${t('rr.by')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
      <tbody>${list.data.map((r) => html`<tr>
        <td><code>${r.id}</code></td><td><${StatusBadge} status=${r.status} /></td><td>v${r.version}</td>
        <td>${date(r.asOfDate)}</td><td>${r.createdBy}</td>
        <td><a href=${'#/products/' + enc(code) + '/re-ratings/' + enc(r.id)}>${t('rr.open')}</a></td></tr>`)}</tbody>
    </table>`)}
  </section>`;
}

function useRerating(code, id) {
  const [state, setState] = useState({ data: null, error: null });
  useEffect(() => {
    let live = true;
    let timer = null;
    const poll = () => get(`${base(code)}/${enc(id)}`).then((data) => {
      if (!live) return;
      setState({ data, error: null });
      if (RUNNING.has(data.status)) timer = setTimeout(poll, 700);
    }, (error) => live && setState({ data: null, error }));
    poll();
    return () => { live = false; clearTimeout(timer); };
  }, [code, id, state.reload]);
  return [state, () => setState({ ...state, reload: (state.reload || 0) + 1 })];
}

export function ReratingPage({ code, id }) {
  const [{ data, error }, reload] = useRerating(code, id);
  const report = useAsync(() => (data && (data.status === 'DONE' || data.status === 'APPLIED')
    ? get(`${base(code)}/${enc(id)}/report?format=json`) : Promise.resolve(null)), [data && data.status]);
  const [apply, applying, applyError] = useAction(async () => { await post(`${base(code)}/${enc(id)}/apply`, {}); reload(); });
  if (error) return html`<${ErrorMessage} error=${error} />`;
  if (!data) return html`<${Loading} />`;
  const s = data.summary;
  const lines = report.data ? (Array.isArray(report.data) ? report.data : report.data.lines || []) : [];
  const mayApply = hasRole('APPROVER') && data.status === 'DONE' && data.createdBy !== session.value.username;
  return html`<section>
    <p><a href=${'#/products/' + enc(code) + '/re-ratings'}>← ${t('rr.list')}</a></p>
    <${PageTitle}>${t('rr.detail', { id })}<//>
    <p><${StatusBadge} status=${data.status} /> v${data.version} · ${date(data.asOfDate)} · LPR ${pct(data.lprPct)}</p>
    ${RUNNING.has(data.status) && data.progress && html`<${ProgressBar} done=${data.progress.done} total=${data.progress.total}
      rate=${data.progress.ratePerSecond} etaSeconds=${data.progress.etaSeconds} label=${t('rr.status')} />`}
    ${s && html`<div class="card" data-testid="rerating-summary">
      <dl class="facts">
        <dt>${t('rr.lines')}</dt><dd data-testid="rr-lines">${count(s.lines)}</dd>
        ${CHANGES.map((c) => html`<dt>${t('change.' + c)}</dt><dd data-testid=${'rr-' + c}>${count(s.byChange[c] || 0)}</dd>`)}
        <dt>${t('rr.exposure')}</dt><dd>${t('rr.before')} ${money(s.exposureBefore)} → ${t('rr.after')} ${money(s.exposureAfter)}</dd>
      </dl>
      <div class="buttons">
        <button type="button" onClick=${() => download(`${base(code)}/${enc(id)}/report?format=csv`, `re-rating-${id}.csv`)}>${t('rr.download')} CSV</button>
        <button type="button" onClick=${() => download(`${base(code)}/${enc(id)}/report?format=xlsx`, `re-rating-${id}.xlsx`)}>${t('rr.download')} XLSX</button>
        ${mayApply && html`<button type="button" class="primary" disabled=${applying} onClick=${apply}>${t('rr.apply')}</button>`}
      </div>
      <p class="hint">${data.appliedBy ? t('rr.applied', { by: data.appliedBy, at: dateTime(data.appliedAt) }) : t('rr.applyHint')}</p>
      <${ErrorMessage} error=${applyError} />
    </div>`}
    <${ErrorMessage} error=${report.error} />
    ${lines.length > 0 && html`<div class="table-wrap"><table class="data">
      <caption>${t('rr.report')}</caption>
      <thead><tr><th scope="col">#</th><th scope="col">${t('rr.name')}</th><th scope="col">${t('rr.idNumber')}</th>
        <th scope="col">${t('rr.change')}</th><th scope="col">${t('rr.outcome')}</th><th scope="col" class="num">${t('rr.limit')}</th>
        <th scope="col" class="num">${t('rr.rate')}</th><th scope="col">${t('rr.reasons')}</th></tr></thead>
      <tbody>${lines.map((l) => html`<tr>
        <td>${l.line}</td><td>${l.applicantName}</td><td>${l.idNumber}</td><td>${t('change.' + l.change)}</td>
        <td>${enumLabel('outcome', l.outcomeBefore)} → ${enumLabel('outcome', l.outcomeAfter)}</td>
        <td class="num">${money(l.limitBefore)} → ${money(l.limitAfter)}</td>
        <td class="num">${pct(l.rateBefore)} → ${pct(l.rateAfter)}</td>
        <td>${(l.reasonsAfter || []).map((r) => (typeof r === 'string' ? r : r.code)).join('、')}</td></tr>`)}</tbody>
    </table></div>`}
  </section>`;
}
