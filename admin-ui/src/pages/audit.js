// The audit page: whether the tamper-evident decision log is intact (GET /api/v1/audit/verify,
// which seals what is pending first, then checks every record and seal, naming the first broken
// record), and the personal-data access log (who saw full ID numbers and phones, who exported),
// with its filters and server-side paging kept in the address.
import { useState } from 'preact/hooks';
import { get, qs } from '../api.js';
import { addMessages, t } from '../i18n.js';
import { count, date, dateTime } from '../format.js';
import { href, navigate } from '../router.js';
import { ErrorMessage, Loading, PageTitle, Pager, html, useAsync, useId } from '../ui.js';
import './audit.css';

addMessages({
  zh: {
    'audit.title': '审计', 'audit.verify': '决策日志校验', 'audit.verifyNow': '立即校验', 'audit.verifying': '正在校验…',
    'audit.intact': '完整：日志未被篡改', 'audit.broken': '已损坏：日志在第 {seq} 条记录处被破坏',
    'audit.checkedAt': '校验时间 {at}', 'audit.range': '范围', 'audit.whole': '整个日志', 'audit.from': '决策日期从', 'audit.to': '决策日期至',
    'audit.checked': '已校验记录', 'audit.batches': '封存批次', 'audit.sealed': '已封存（至序号）', 'audit.unsealed': '未封存',
    'audit.seqRange': '覆盖序号', 'audit.firstBroken': '第一条损坏的记录', 'audit.seq': '序号', 'audit.decision': '决策',
    'audit.batch': '封存批次', 'audit.problem': '问题', 'audit.detail': '说明',
    'audit.problem.MISSING': '记录缺失（决策被删除）', 'audit.problem.CONTENT_CHANGED': '内容被修改',
    'audit.problem.OUT_OF_ORDER': '顺序或链被改写', 'audit.problem.SEAL_BROKEN': '封存签名无效',
    'audit.unsealedNote': '未封存的决策只由各自的记录哈希保护，封存程序每隔几秒处理一次。',
    'audit.reads': '个人信息访问日志', 'audit.reader': '查看人', 'audit.decisionId': '决策编号', 'audit.readAt': '时间',
    'audit.roles': '角色', 'audit.purpose': '用途', 'audit.filter': '导出条件', 'audit.rows': '导出条数',
    'audit.purpose.DECISION_VIEW': '查看单条决策（完整信息）', 'audit.purpose.EXPORT': '导出（已脱敏）',
    'audit.readFrom': '访问日期从', 'audit.readTo': '访问日期至', 'audit.readsCount': '共 {n} 条访问记录', 'audit.readsEmpty': '没有符合条件的访问记录', 'audit.readsFilters': '访问日志查询条件',
  },
  en: {
    'audit.title': 'Audit', 'audit.verify': 'Decision log verification', 'audit.verifyNow': 'Verify now', 'audit.verifying': 'Verifying…',
    'audit.intact': 'Intact: the log has not been tampered with', 'audit.broken': 'Broken: the log breaks at record {seq}',
    'audit.checkedAt': 'checked at {at}', 'audit.range': 'Range', 'audit.whole': 'the whole log', 'audit.from': 'Decided from', 'audit.to': 'Decided to',
    'audit.checked': 'Records checked', 'audit.batches': 'Sealed batches', 'audit.sealed': 'Sealed through', 'audit.unsealed': 'Not sealed yet',
    'audit.seqRange': 'Sequence covered', 'audit.firstBroken': 'First broken record', 'audit.seq': 'Sequence', 'audit.decision': 'Decision',
    'audit.batch': 'Batch', 'audit.problem': 'Problem', 'audit.detail': 'Detail',
    'audit.problem.MISSING': 'Record missing (a decision was deleted)', 'audit.problem.CONTENT_CHANGED': 'Content changed',
    'audit.problem.OUT_OF_ORDER': 'Order or chain rewritten', 'audit.problem.SEAL_BROKEN': 'Seal not valid',
    'audit.unsealedNote': 'Decisions not sealed yet are protected by their record hash only; the sealer runs every few seconds.',
    'audit.reads': 'Personal-data access log', 'audit.reader': 'Reader', 'audit.decisionId': 'Decision ID', 'audit.readAt': 'At',
    'audit.roles': 'Roles', 'audit.purpose': 'Purpose', 'audit.filter': 'Export filter', 'audit.rows': 'Rows exported',
    'audit.purpose.DECISION_VIEW': 'Viewed one decision (full values)', 'audit.purpose.EXPORT': 'Export (masked)',
    'audit.readFrom': 'Read from', 'audit.readTo': 'Read to', 'audit.readsCount': '{n} entries', 'audit.readsEmpty': 'No entry matches', 'audit.readsFilters': 'Access log filters',
  },
});

const READ_FILTERS = ['reader', 'decisionId', 'from', 'to'];

function Verification() {
  const [range, setRange] = useState({ from: '', to: '' });
  const [asked, setAsked] = useState({ from: '', to: '' });
  const ids = { f: useId(), t: useId() };
  const report = useAsync(() => get('/audit/verify' + qs(asked)).then((r) => ({ r, at: new Date().toISOString() })), [asked]);
  const verifyNow = (e) => {
    e.preventDefault();
    if (range.from === asked.from && range.to === asked.to) report.reload();
    else setAsked({ ...range });
  };
  const r = report.data && report.data.r;
  return html`<section class="card" aria-labelledby="verify-title">
    <h2 id="verify-title">${t('audit.verify')}</h2>
    <form class="inline-form" aria-label=${t('audit.verify')} onSubmit=${verifyNow}>
      <div class="field"><label for=${ids.f}>${t('audit.from')}</label>
        <input id=${ids.f} type="date" value=${range.from} onInput=${(e) => setRange({ ...range, from: e.currentTarget.value })} /></div>
      <div class="field"><label for=${ids.t}>${t('audit.to')}</label>
        <input id=${ids.t} type="date" value=${range.to} onInput=${(e) => setRange({ ...range, to: e.currentTarget.value })} /></div>
      <button type="submit" class="primary" disabled=${report.loading}>${report.loading ? t('audit.verifying') : t('audit.verifyNow')}</button>
    </form>
    <${ErrorMessage} error=${report.error} />
    ${report.loading && !r && html`<${Loading} />`}
    ${r && html`<div aria-busy=${report.loading ? 'true' : 'false'}>
      <div class="verify-status">
        <span class=${'verify-big ' + (r.intact ? 'ok' : 'bad')} role="status" data-testid="verify-result">
          ${r.intact ? t('audit.intact') : t('audit.broken', { seq: r.firstBroken ? r.firstBroken.seq : '?' })}</span>
        <span class="hint">${t('audit.checkedAt', { at: dateTime(report.data.at) })} ·
          ${t('audit.range')}：${r.from || r.to ? `${date(r.from)} ~ ${date(r.to)}` : t('audit.whole')}</span>
      </div>
      <div class="counts">
        <div><strong data-testid="verify-checked">${count(r.checked)}</strong><span>${t('audit.checked')}</span></div>
        <div><strong>${count(r.batches)}</strong><span>${t('audit.batches')}</span></div>
        <div><strong data-testid="verify-sealed">${count(r.sealedThrough)}</strong><span>${t('audit.sealed')}</span></div>
        <div><strong data-testid="verify-unsealed">${count(r.unsealed)}</strong><span>${t('audit.unsealed')}</span></div>
        <div><strong>${r.firstSeq === null ? '—' : `${r.firstSeq} ~ ${r.lastSeq}`}</strong><span>${t('audit.seqRange')}</span></div>
      </div>
      ${r.unsealed > 0 && html`<p class="hint">${t('audit.unsealedNote')}</p>`}
      ${r.firstBroken && html`<div class="error" role="alert">
        <strong>${t('audit.firstBroken')}</strong>
        <dl class="facts">
          <dt>${t('audit.seq')}</dt><dd>${r.firstBroken.seq}</dd>
          <dt>${t('audit.decision')}</dt><dd>${r.firstBroken.decisionId
            ? html`<a href=${href('decisions', r.firstBroken.decisionId)}><code>${r.firstBroken.decisionId}</code></a>` : '—'}</dd>
          <dt>${t('audit.batch')}</dt><dd>${r.firstBroken.batchNo ?? '—'}</dd>
          <dt>${t('audit.problem')}</dt><dd>${t('audit.problem.' + r.firstBroken.problem)} (${r.firstBroken.problem})</dd>
          <dt>${t('audit.detail')}</dt><dd>${r.firstBroken.detail}</dd>
        </dl>
      </div>`}
    </div>`}
  </section>`;
}

function filterText(filter) {
  if (!filter) return '—';
  return Object.entries(filter).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join('，');
}

function Reads({ query }) {
  const filters = Object.fromEntries(READ_FILTERS.map((k) => [k, (query && query[k]) || '']));
  const page = Math.max(0, Number.parseInt(query.page || '0', 10) || 0);
  const [form, setForm] = useState(filters);
  const ids = { reader: useId(), decisionId: useId(), from: useId(), to: useId() };
  const list = useAsync(() => get('/audit/personal-data-reads' + qs({ ...filters, page: page || '' })), [JSON.stringify(filters), page]);
  const search = (e) => {
    e.preventDefault();
    navigate('/audit' + qs(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()]))));
  };
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const data = list.data;
  return html`<section class="card" aria-labelledby="reads-title">
    <h2 id="reads-title">${t('audit.reads')}</h2>
    <form class="filters" aria-label=${t('audit.readsFilters')} onSubmit=${search}>
      <div class="field"><label for=${ids.reader}>${t('audit.reader')}</label>
        <input id=${ids.reader} value=${form.reader} onInput=${set('reader')} /></div>
      <div class="field"><label for=${ids.decisionId}>${t('audit.decisionId')}</label>
        <input id=${ids.decisionId} value=${form.decisionId} onInput=${set('decisionId')} /></div>
      <div class="field"><label for=${ids.from}>${t('audit.readFrom')}</label>
        <input id=${ids.from} type="date" value=${form.from} onInput=${set('from')} /></div>
      <div class="field"><label for=${ids.to}>${t('audit.readTo')}</label>
        <input id=${ids.to} type="date" value=${form.to} onInput=${set('to')} /></div>
      <div class="buttons filter-buttons">
        <button type="submit" class="primary">${t('common.search')}</button>
        <button type="button" onClick=${() => { setForm({ reader: '', decisionId: '', from: '', to: '' }); navigate('/audit'); }}>${t('common.reset')}</button>
      </div>
    </form>
    <${ErrorMessage} error=${list.error} />
    ${list.loading && !data && html`<${Loading} />`}
    ${data && html`<div class="table-wrap"><table class="data" aria-label=${t('audit.reads')}>
      <caption>${t('audit.readsCount', { n: data.totalItems })}</caption>
      <thead><tr><th scope="col">${t('audit.readAt')}</th><th scope="col">${t('audit.reader')}</th><th scope="col">${t('audit.roles')}</th>
        <th scope="col">${t('audit.purpose')}</th><th scope="col">${t('audit.decision')}</th><th scope="col">${t('audit.filter')}</th>
        <th scope="col" class="num">${t('audit.rows')}</th></tr></thead>
      <tbody>
        ${data.items.length === 0 && html`<tr><td colspan="7" class="empty">${t('audit.readsEmpty')}</td></tr>`}
        ${data.items.map((e) => html`<tr>
          <td>${dateTime(e.readAt)}</td><td>${e.reader}</td><td>${(e.readerRoles || []).join('、')}</td>
          <td>${t('audit.purpose.' + e.purpose)}</td>
          <td>${e.decisionId ? html`<a href=${href('decisions', e.decisionId)}><code>${e.decisionId}</code></a>` : '—'}</td>
          <td class="codes">${filterText(e.filter)}</td>
          <td class="num">${e.rowCount === null || e.rowCount === undefined ? '—' : count(e.rowCount)}</td>
        </tr>`)}
      </tbody>
    </table></div>
    <${Pager} page=${data.page} totalPages=${data.totalPages} totalItems=${data.totalItems}
      onPage=${(p) => navigate('/audit' + qs({ ...filters, page: p || '' }))} />`}
  </section>`;
}

export function AuditPage({ query }) {
  return html`<section>
    <${PageTitle}>${t('audit.title')}<//>
    <${Verification} />
    <${Reads} query=${query} />
  </section>`;
}
