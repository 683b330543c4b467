// Market rates for admins: the one-year LPR history decisions are priced from, newest first, and
// a new entry. The API refuses an entry that would take effect in the past (422): the page shows
// its message with the field named.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, t } from '../i18n.js';
import { date, dateTime, pct, todayShanghai } from '../format.js';
import { ErrorMessage, Loading, PageTitle, TextInput, html, useAction, useAsync } from '../ui.js';
import './audit.css';

addMessages({
  zh: {
    'rates.title': '市场利率（LPR）', 'rates.add': '新增利率', 'rates.type': '利率类型', 'rates.type.LPR_1Y': '一年期 LPR',
    'rates.effectiveFrom': '生效日期', 'rates.effectiveHint': '今天（北京时间）或以后；不能倒签', 'rates.ratePct': '利率（%）',
    'rates.rateHint': '大于 0、小于 100，最多两位小数，例如 3.00', 'rates.submit': '新增', 'rates.added': '已新增：{from} 起 {rate}',
    'rates.backdated': '不能倒签：新利率的生效日期必须是今天（北京时间）或以后，已生效的决策不受影响。', 'rates.history': 'LPR 历史（{n} 条，按生效日期最新在前；每条生效至下一条为止）', 'rates.createdAt': '录入',
  },
  en: {
    'rates.title': 'Market rates (LPR)', 'rates.add': 'Add a rate', 'rates.type': 'Rate type', 'rates.type.LPR_1Y': 'One-year LPR',
    'rates.effectiveFrom': 'Effective from', 'rates.effectiveHint': 'Today (Asia/Shanghai) or later; no backdating', 'rates.ratePct': 'Rate (%)',
    'rates.rateHint': 'Above 0, below 100, at most 2 decimals, e.g. 3.00', 'rates.submit': 'Add', 'rates.added': 'Added: {rate} from {from}',
    'rates.backdated': 'No backdating: a new rate must take effect today (Asia/Shanghai) or later, so decisions already made keep their rate.', 'rates.history': 'LPR history ({n}, newest effective date first; each in force until the next)', 'rates.createdAt': 'Entered',
  },
});

export function AdminRatesPage() {
  const list = useAsync(() => get('/market-rates'), []);
  const today = todayShanghai();
  const [form, setForm] = useState({ effectiveFrom: today, ratePct: '' });
  const [added, setAdded] = useState(null);
  const [add, busy, error] = useAction(async () => {
    setAdded(null);
    const rate = form.ratePct.trim() === '' ? null : Number(form.ratePct);
    const created = await post('/market-rates', { rateType: 'LPR_1Y', effectiveFrom: form.effectiveFrom || null,
      ratePct: rate === null || Number.isNaN(rate) ? form.ratePct : rate });
    setAdded(created);
    setForm({ effectiveFrom: today, ratePct: '' });
    list.reload();
  });
  const rates = list.data ? [...list.data].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1)) : null;
  return html`<section>
    <${PageTitle}>${t('rates.title')}<//>
    <form class="card inline-form" aria-label=${t('rates.add')} onSubmit=${(e) => { e.preventDefault(); add(); }}>
      <h2 class="wide">${t('rates.add')} · ${t('rates.type.LPR_1Y')}</h2>
      <${TextInput} label=${t('rates.effectiveFrom')} type="date" value=${form.effectiveFrom}
        onInput=${(v) => setForm({ ...form, effectiveFrom: v })} required hint=${t('rates.effectiveHint')} />
      <${TextInput} label=${t('rates.ratePct')} type="number" step="0.01" min="0.01" max="99.99" inputmode="decimal" value=${form.ratePct}
        onInput=${(v) => setForm({ ...form, ratePct: v })} required hint=${t('rates.rateHint')} />
      <button type="submit" class="primary" disabled=${busy}>${t('rates.submit')}</button>
      <div class="wide"><${ErrorMessage} error=${error} />
        ${error && error.status === 422 && error.errors.some((e) => e.field === 'effectiveFrom')
          && html`<p class="bad-text" data-testid="backdated">${t('rates.backdated')}</p>`}</div>
    </form>
    ${added && html`<p role="status" class="ok-text">${t('rates.added', { from: date(added.effectiveFrom), rate: pct(added.ratePct) })}</p>`}
    <${ErrorMessage} error=${list.error} />
    ${list.loading && !rates && html`<${Loading} />`}
    ${rates && html`<div class="table-wrap"><table class="data" aria-label=${t('rates.title')}>
      <caption>${t('rates.history', { n: rates.length })}</caption>
      <thead><tr><th scope="col">${t('rates.type')}</th><th scope="col">${t('rates.effectiveFrom')}</th>
        <th scope="col" class="num">${t('rates.ratePct')}</th><th scope="col">${t('rates.createdAt')}</th></tr></thead>
      <tbody>${rates.map((r) => html`<tr>
          <td>${t('rates.type.' + r.rateType)}</td><td>${date(r.effectiveFrom)}</td><td class="num">${pct(r.ratePct)}</td>
          <td>${dateTime(r.createdAt)} · ${r.createdBy}</td>
        </tr>`)}</tbody>
    </table></div>`}
  </section>`;
}
