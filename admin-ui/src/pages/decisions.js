// Decision search for auditors: every filter of GET /api/v1/decisions, one server-side page at a
// time (the list never loads everything), filters and page kept in the address so reload and back
// work. ID numbers and phones are shown masked, as the API returns them; the full values are only
// on the decision's own page, whose read is logged. Export writes the current filter as CSV/XLSX.
import { useState } from 'preact/hooks';
import { download, get, qs } from '../api.js';
import { ENUMS } from '../enums.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { dateTime, money, pct } from '../format.js';
import { href, navigate } from '../router.js';
import { ErrorMessage, Loading, PageTitle, Pager, StatusBadge, html, useAction, useAsync, useId } from '../ui.js';
import './audit.css';

addMessages({
  zh: {
    'decisions.title': '决策查询', 'decisions.filters': '查询条件', 'decisions.product': '产品', 'decisions.anyProduct': '全部产品',
    'decisions.outcome': '结果', 'decisions.anyOutcome': '全部结果', 'decisions.version': '规则版本', 'decisions.channel': '渠道',
    'decisions.requestId': '请求编号', 'decisions.from': '决策日期从', 'decisions.to': '决策日期至', 'decisions.size': '每页条数',
    'decisions.decidedAt': '决策时间', 'decisions.applicant': '申请人', 'decisions.idNumber': '身份证号', 'decisions.phone': '手机号',
    'decisions.tier': '等级', 'decisions.limit': '额度', 'decisions.rate': '年利率', 'decisions.approvalLevel': '审批层级',
    'decisions.reasons': '原因代码', 'decisions.count': '共 {n} 条决策（身份证号和手机号已脱敏；完整信息请打开单条决策，查看会被记录）',
    'decisions.empty': '没有符合条件的决策', 'decisions.export': '导出', 'decisions.exportCsv': '导出 CSV', 'decisions.exportXlsx': '导出 Excel',
    'decisions.exported': '已下载 {name}（本次导出已记入个人信息访问日志）', 'decisions.table': '决策列表',
    'decisions.openOne': '打开决策 {id}',
  },
  en: {
    'decisions.title': 'Decision search', 'decisions.filters': 'Filters', 'decisions.product': 'Product', 'decisions.anyProduct': 'All products',
    'decisions.outcome': 'Outcome', 'decisions.anyOutcome': 'All outcomes', 'decisions.version': 'Rule set version', 'decisions.channel': 'Channel',
    'decisions.requestId': 'Request ID', 'decisions.from': 'Decided from', 'decisions.to': 'Decided to', 'decisions.size': 'Per page',
    'decisions.decidedAt': 'Decided at', 'decisions.applicant': 'Applicant', 'decisions.idNumber': 'ID number', 'decisions.phone': 'Phone',
    'decisions.tier': 'Tier', 'decisions.limit': 'Limit', 'decisions.rate': 'Annual rate', 'decisions.approvalLevel': 'Approval level',
    'decisions.reasons': 'Reason codes', 'decisions.count': '{n} decisions (ID numbers and phones masked; open a decision for the full values — that read is logged)',
    'decisions.empty': 'No decision matches', 'decisions.export': 'Export', 'decisions.exportCsv': 'Export CSV', 'decisions.exportXlsx': 'Export Excel',
    'decisions.exported': 'Downloaded {name} (this export is recorded in the personal-data access log)', 'decisions.table': 'Decisions',
    'decisions.openOne': 'Open decision {id}',
  },
});

/** The filter parameters of the search, in the order of the form; all go to the API as they are. */
export const FILTERS = ['productCode', 'outcome', 'version', 'channel', 'requestId', 'from', 'to'];
const SIZES = ['20', '50', '100', '200'];
let last = '/decisions';
/** The search (filters and page) last shown, for the decision page's way back. */
export function lastSearch() {
  return last;
}

function pickFilters(query) {
  const out = {};
  for (const k of FILTERS) out[k] = (query && query[k]) || '';
  return out;
}

function Filters({ initial, size, products }) {
  const [form, setForm] = useState(initial);
  const [perPage, setPerPage] = useState(size);
  const ids = { productCode: useId(), outcome: useId(), version: useId(), channel: useId(), requestId: useId(), from: useId(), to: useId(), size: useId() };
  const set = (k) => (e) => setForm({ ...form, [k]: e.currentTarget.value });
  const search = (e) => {
    e.preventDefault();
    const trimmed = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v).trim()]));
    navigate('/decisions' + qs({ ...trimmed, size: perPage === '20' ? '' : perPage }));
  };
  const reset = () => { setForm(pickFilters({})); navigate('/decisions'); };
  return html`<form class="card filters" aria-label=${t('decisions.filters')} onSubmit=${search}>
    <div class="field"><label for=${ids.productCode}>${t('decisions.product')}</label>
      <select id=${ids.productCode} value=${form.productCode} onChange=${set('productCode')}>
        <option value="">${t('decisions.anyProduct')}</option>
        ${(products || []).map((p) => html`<option value=${p.code}>${p.code} · ${p.nameZh}</option>`)}
        ${form.productCode && !(products || []).some((p) => p.code === form.productCode)
          && html`<option value=${form.productCode}>${form.productCode}</option>`}
      </select></div>
    <div class="field"><label for=${ids.outcome}>${t('decisions.outcome')}</label>
      <select id=${ids.outcome} value=${form.outcome} onChange=${set('outcome')}>
        <option value="">${t('decisions.anyOutcome')}</option>
        ${ENUMS.outcome.map((o) => html`<option value=${o}>${enumLabel('outcome', o)}</option>`)}
      </select></div>
    <div class="field"><label for=${ids.version}>${t('decisions.version')}</label>
      <input id=${ids.version} type="number" min="1" step="1" value=${form.version} onInput=${set('version')} /></div>
    <div class="field"><label for=${ids.channel}>${t('decisions.channel')}</label>
      <input id=${ids.channel} value=${form.channel} onInput=${set('channel')} placeholder="MOBILE_APP" /></div>
    <div class="field"><label for=${ids.requestId}>${t('decisions.requestId')}</label>
      <input id=${ids.requestId} value=${form.requestId} onInput=${set('requestId')} /></div>
    <div class="field"><label for=${ids.from}>${t('decisions.from')}</label>
      <input id=${ids.from} type="date" value=${form.from} onInput=${set('from')} /></div>
    <div class="field"><label for=${ids.to}>${t('decisions.to')}</label>
      <input id=${ids.to} type="date" value=${form.to} onInput=${set('to')} /></div>
    <div class="field"><label for=${ids.size}>${t('decisions.size')}</label>
      <select id=${ids.size} value=${perPage} onChange=${(e) => setPerPage(e.currentTarget.value)}>
        ${SIZES.map((s) => html`<option value=${s}>${s}</option>`)}
      </select></div>
    <div class="buttons filter-buttons">
      <button type="submit" class="primary">${t('common.search')}</button>
      <button type="button" onClick=${reset}>${t('common.reset')}</button>
    </div>
  </form>`;
}

function Exports({ filters }) {
  const [done, setDone] = useState(null);
  const [run, busy, error] = useAction(async (format) => {
    setDone(null);
    const name = await download('/decisions/export' + qs({ format, ...filters }), `decisions.${format}`);
    setDone(name);
  });
  return html`<div class="exports">
    <button type="button" disabled=${busy} onClick=${() => run('csv')}>${t('decisions.exportCsv')}</button>
    <button type="button" disabled=${busy} onClick=${() => run('xlsx')}>${t('decisions.exportXlsx')}</button>
    ${done && html`<span role="status" class="hint">${t('decisions.exported', { name: done })}</span>`}
    <${ErrorMessage} error=${error} />
  </div>`;
}

export function DecisionsPage({ query }) {
  const filters = pickFilters(query);
  const page = Math.max(0, Number.parseInt(query.page || '0', 10) || 0);
  const size = SIZES.includes(query.size) ? query.size : '20';
  last = '/decisions' + qs({ ...filters, page: page || '', size: size === '20' ? '' : size });
  const products = useAsync(() => get('/products'), []);
  const list = useAsync(() => get('/decisions' + qs({ ...filters, page: page || '', size })), [JSON.stringify(filters), page, size]);
  const toPage = (p) => navigate('/decisions' + qs({ ...filters, page: p || '', size: size === '20' ? '' : size }));
  const data = list.data;
  return html`<section class="decisions-page">
    <${PageTitle} actions=${html`<${Exports} filters=${filters} />`}>${t('decisions.title')}<//>
    <${Filters} initial=${filters} size=${size} products=${products.data} />
    <${ErrorMessage} error=${list.error} />
    ${list.loading && !data && html`<${Loading} />`}
    ${data && html`<div class="table-wrap"><table class="data" aria-label=${t('decisions.table')} aria-busy=${list.loading ? 'true' : 'false'}>
      <caption>${t('decisions.count', { n: data.totalItems })}</caption>
      <thead><tr>
        <th scope="col">${t('decisions.decidedAt')}</th><th scope="col">${t('decisions.requestId')}</th>
        <th scope="col">${t('decisions.product')}</th><th scope="col">${t('decisions.channel')}</th>
        <th scope="col">${t('decisions.applicant')}</th><th scope="col">${t('decisions.idNumber')}</th>
        <th scope="col">${t('decisions.phone')}</th><th scope="col">${t('decisions.outcome')}</th>
        <th scope="col">${t('decisions.tier')}</th><th scope="col" class="num">${t('decisions.limit')}</th>
        <th scope="col" class="num">${t('decisions.rate')}</th><th scope="col">${t('decisions.reasons')}</th>
      </tr></thead>
      <tbody>
        ${data.items.length === 0 && html`<tr><td colspan="12" class="empty">${t('decisions.empty')}</td></tr>`}
        ${data.items.map((d) => html`<tr>
          <td><a href=${href('decisions', d.decisionId)} aria-label=${t('decisions.openOne', { id: d.decisionId })}>${dateTime(d.decidedAt)}</a></td>
          <td><code>${d.requestId}</code></td>
          <td>${d.productCode} v${d.ruleSet && d.ruleSet.version}</td>
          <td>${d.channel}</td>
          <td>${d.applicant && d.applicant.name}</td>
          <td class="mono">${d.applicant && d.applicant.idNumber}</td>
          <td class="mono">${d.applicant && d.applicant.phone}</td>
          <td><${StatusBadge} status=${d.outcome} type="outcome" /></td>
          <td>${d.tierCode || '—'}</td>
          <td class="num">${money(d.creditLimit)}</td>
          <td class="num">${pct(d.annualRatePct)}</td>
          <td class="codes">${(d.reasonCodes || []).join(', ')}</td>
        </tr>`)}
      </tbody>
    </table></div>
    <${Pager} page=${data.page} totalPages=${data.totalPages} totalItems=${data.totalItems} onPage=${toPage} />`}
  </section>`;
}
