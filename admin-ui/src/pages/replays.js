// Replay campaigns for auditors: every decision of a product and date range replayed in the
// background with its recorded rule set version and LPR. Start one, list them, watch the progress
// of one (polled while it runs), read its summary and mismatches, download the report.
import { useEffect, useState } from 'preact/hooks';
import { download, get, post, qs } from '../api.js';
import { addMessages, t } from '../i18n.js';
import { count, date, dateTime } from '../format.js';
import { href, navigate } from '../router.js';
import { ErrorMessage, Loading, PageTitle, ProgressBar, StatusBadge, html, useAction, useAsync, useId } from '../ui.js';
import './audit.css';

addMessages({
  zh: {
    'replays.title': '重放批次', 'replays.start': '发起重放批次', 'replays.product': '产品', 'replays.anyProduct': '全部产品',
    'replays.from': '决策日期从', 'replays.to': '决策日期至', 'replays.fromHint': '默认：截止日前 89 天', 'replays.toHint': '默认：今天',
    'replays.submit': '开始重放', 'replays.list': '重放批次列表（最近 100 个）', 'replays.filterProduct': '按产品筛选',
    'replays.id': '批次', 'replays.status': '状态', 'replays.range': '日期范围', 'replays.progress': '进度',
    'replays.matched': '一致', 'replays.mismatched': '不一致', 'replays.failed': '失败', 'replays.createdBy': '发起人',
    'replays.createdAt': '发起时间', 'replays.none': '还没有重放批次', 'replays.back': '返回重放批次列表',
    'replays.one': '重放批次 {id}', 'replays.summary': '结果汇总', 'replays.total': '已重放',
    'replays.downloadJson': '下载报告（JSON）', 'replays.downloadCsv': '下载报告（CSV）',
    'replays.mismatches': '不一致的决策（{n}）', 'replays.failures': '失败的决策（{n}）', 'replays.decision': '决策',
    'replays.fields': '不同的字段', 'replays.error': '错误', 'replays.allMatch': '全部一致：每个决策用记录的规则版本和 LPR 重新评估，结果与存储的相同。',
    'replays.running': '正在运行，页面每 2 秒刷新进度', 'replays.startedAt': '开始时间', 'replays.finishedAt': '完成时间',
    'replays.shown': '仅显示前 {n} 个，完整内容请下载报告', 'replays.jobError': '批次失败：{error}',
  },
  en: {
    'replays.title': 'Replay campaigns', 'replays.start': 'Start a replay campaign', 'replays.product': 'Product', 'replays.anyProduct': 'All products',
    'replays.from': 'Decided from', 'replays.to': 'Decided to', 'replays.fromHint': 'Default: 89 days before the end', 'replays.toHint': 'Default: today',
    'replays.submit': 'Start replay', 'replays.list': 'Replay campaigns (the 100 newest)', 'replays.filterProduct': 'Filter by product',
    'replays.id': 'Campaign', 'replays.status': 'Status', 'replays.range': 'Days', 'replays.progress': 'Progress',
    'replays.matched': 'Matched', 'replays.mismatched': 'Mismatched', 'replays.failed': 'Failed', 'replays.createdBy': 'Started by',
    'replays.createdAt': 'Started at', 'replays.none': 'No replay campaign yet', 'replays.back': 'Back to the campaigns',
    'replays.one': 'Replay campaign {id}', 'replays.summary': 'Summary', 'replays.total': 'Replayed',
    'replays.downloadJson': 'Download report (JSON)', 'replays.downloadCsv': 'Download report (CSV)',
    'replays.mismatches': 'Mismatched decisions ({n})', 'replays.failures': 'Failed decisions ({n})', 'replays.decision': 'Decision',
    'replays.fields': 'Differing fields', 'replays.error': 'Error', 'replays.allMatch': 'All match: every decision, evaluated again with its recorded version and LPR, equals the stored one.',
    'replays.running': 'Running; the progress refreshes every 2 s', 'replays.startedAt': 'Started', 'replays.finishedAt': 'Finished',
    'replays.shown': 'Only the first {n} are shown; download the report for all', 'replays.jobError': 'The campaign failed: {error}',
  },
});

const SHOWN = 200;

function StartCampaign({ products }) {
  const [form, setForm] = useState({ productCode: '', from: '', to: '' });
  const ids = { p: useId(), f: useId(), t: useId() };
  const [start, busy, error] = useAction(async () => {
    const job = await post('/replays', { productCode: form.productCode || null, from: form.from || null, to: form.to || null });
    navigate('/replays/' + encodeURIComponent(job.id));
  });
  return html`<form class="card inline-form" aria-label=${t('replays.start')} onSubmit=${(e) => { e.preventDefault(); start(); }}>
    <h2 class="wide">${t('replays.start')}</h2>
    <div class="field"><label for=${ids.p}>${t('replays.product')} *</label>
      <select id=${ids.p} value=${form.productCode} required onChange=${(e) => setForm({ ...form, productCode: e.currentTarget.value })}>
        <option value="">—</option>
        ${(products || []).map((p) => html`<option value=${p.code}>${p.code} · ${p.nameZh}</option>`)}
      </select></div>
    <div class="field"><label for=${ids.f}>${t('replays.from')}</label>
      <input id=${ids.f} type="date" value=${form.from} onInput=${(e) => setForm({ ...form, from: e.currentTarget.value })} />
      <small class="hint">${t('replays.fromHint')}</small></div>
    <div class="field"><label for=${ids.t}>${t('replays.to')}</label>
      <input id=${ids.t} type="date" value=${form.to} onInput=${(e) => setForm({ ...form, to: e.currentTarget.value })} />
      <small class="hint">${t('replays.toHint')}</small></div>
    <button type="submit" class="primary" disabled=${busy}>${t('replays.submit')}</button>
    <div class="wide"><${ErrorMessage} error=${error} /></div>
  </form>`;
}

export function ReplaysPage({ query }) {
  const productCode = (query && query.productCode) || '';
  const products = useAsync(() => get('/products'), []);
  const list = useAsync(() => get('/replays' + qs({ productCode })), [productCode]);
  const running = (list.data || []).some((j) => j.status === 'QUEUED' || j.status === 'RUNNING');
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(list.reload, 2000);
    return () => clearTimeout(timer);
  }, [running, list.data]);
  const filterId = useId();
  return html`<section>
    <${PageTitle}>${t('replays.title')}<//>
    <${StartCampaign} products=${products.data} />
    <div class="inline-form">
      <div class="field"><label for=${filterId}>${t('replays.filterProduct')}</label>
        <select id=${filterId} value=${productCode} onChange=${(e) => navigate('/replays' + qs({ productCode: e.currentTarget.value }))}>
          <option value="">${t('replays.anyProduct')}</option>
          ${(products.data || []).map((p) => html`<option value=${p.code}>${p.code}</option>`)}
        </select></div>
    </div>
    <${ErrorMessage} error=${list.error} />
    ${list.loading && !list.data && html`<${Loading} />`}
    ${list.data && html`<div class="table-wrap"><table class="data" aria-label=${t('replays.list')}>
      <caption>${t('replays.list')}</caption>
      <thead><tr><th scope="col">${t('replays.id')}</th><th scope="col">${t('replays.product')}</th>
        <th scope="col">${t('replays.range')}</th><th scope="col">${t('replays.status')}</th><th scope="col">${t('replays.progress')}</th>
        <th scope="col" class="num">${t('replays.matched')}</th><th scope="col" class="num">${t('replays.mismatched')}</th>
        <th scope="col" class="num">${t('replays.failed')}</th><th scope="col">${t('replays.createdBy')}</th><th scope="col">${t('replays.createdAt')}</th></tr></thead>
      <tbody>
        ${list.data.length === 0 && html`<tr><td colspan="10" class="empty">${t('replays.none')}</td></tr>`}
        ${list.data.map((j) => html`<tr>
          <td><a href=${href('replays', j.id)}><code>${j.id}</code></a></td>
          <td>${j.productCode}</td><td>${date(j.from)} ~ ${date(j.to)}</td>
          <td><${StatusBadge} status=${j.status} /></td>
          <td>${count(j.progress.done)} / ${count(j.progress.total)}</td>
          <td class="num">${count(j.matched)}</td><td class="num">${count(j.mismatched)}</td><td class="num">${count(j.failed)}</td>
          <td>${j.createdBy}</td><td>${dateTime(j.createdAt)}</td>
        </tr>`)}
      </tbody>
    </table></div>`}
  </section>`;
}

function Report({ id }) {
  const report = useAsync(() => get(`/replays/${encodeURIComponent(id)}/report`), [id]);
  if (report.loading) return html`<${Loading} />`;
  if (report.error) return html`<${ErrorMessage} error=${report.error} />`;
  const r = report.data;
  return html`<div>
    ${r.mismatches.length === 0 && r.failures.length === 0 && html`<p class="replay-verdict ok" role="status">${t('replays.allMatch')}</p>`}
    ${r.mismatches.length > 0 && html`<h3>${t('replays.mismatches', { n: r.mismatched })}</h3>
      <table class="data diffs" aria-label=${t('replays.mismatches', { n: r.mismatched })}>
        <thead><tr><th scope="col">${t('replays.decision')}</th><th scope="col">${t('replays.fields')}</th></tr></thead>
        <tbody>${r.mismatches.slice(0, SHOWN).map((m) => html`<tr>
          <td><a href=${href('decisions', m.decisionId)}><code>${m.decisionId}</code></a></td>
          <td>${(m.differences || []).map((d) => html`<div><code>${d.field}</code>：
            <span class="diff-old">${JSON.stringify(d.original)}</span> → <span class="diff-new">${JSON.stringify(d.replayed)}</span></div>`)}</td>
        </tr>`)}</tbody>
      </table>
      ${r.mismatches.length > SHOWN && html`<p class="hint">${t('replays.shown', { n: SHOWN })}</p>`}`}
    ${r.failures.length > 0 && html`<h3>${t('replays.failures', { n: r.failed })}</h3>
      <table class="data" aria-label=${t('replays.failures', { n: r.failed })}>
        <thead><tr><th scope="col">${t('replays.decision')}</th><th scope="col">${t('replays.error')}</th></tr></thead>
        <tbody>${r.failures.slice(0, SHOWN).map((f) => html`<tr>
          <td><a href=${href('decisions', f.decisionId)}><code>${f.decisionId}</code></a></td><td>${f.error}</td></tr>`)}</tbody>
      </table>`}
  </div>`;
}

export function ReplayPage({ id }) {
  const job = useAsync(() => get(`/replays/${encodeURIComponent(id)}`), [id]);
  const j = job.data;
  const active = j && (j.status === 'QUEUED' || j.status === 'RUNNING');
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(job.reload, 2000);
    return () => clearTimeout(timer);
  }, [active, j]);
  const [fetchReport, busy, downloadError] = useAction((format) => download(
    `/replays/${encodeURIComponent(id)}/report?format=${format}`, `replay-${id}.${format}`));
  if (!j && job.loading) return html`<${Loading} />`;
  if (!j) return html`<section><p><a href="#/replays">${t('replays.back')}</a></p><${ErrorMessage} error=${job.error} /></section>`;
  return html`<section>
    <p class="back"><a href="#/replays">← ${t('replays.back')}</a></p>
    <${PageTitle} actions=${j.status === 'DONE' && html`
      <button type="button" disabled=${busy} onClick=${() => fetchReport('json')}>${t('replays.downloadJson')}</button>
      <button type="button" disabled=${busy} onClick=${() => fetchReport('csv')}>${t('replays.downloadCsv')}</button>`}>
      ${t('replays.one', { id: j.id })}<//>
    <${ErrorMessage} error=${downloadError || job.error} />
    <dl class="facts">
      <dt>${t('replays.product')}</dt><dd>${j.productCode}</dd>
      <dt>${t('replays.range')}</dt><dd>${date(j.from)} ~ ${date(j.to)}</dd>
      <dt>${t('replays.status')}</dt><dd data-testid="replay-status"><${StatusBadge} status=${j.status} /></dd>
      <dt>${t('replays.createdBy')}</dt><dd>${j.createdBy} · ${dateTime(j.createdAt)}</dd>
      <dt>${t('replays.startedAt')}</dt><dd>${dateTime(j.startedAt)}</dd>
      <dt>${t('replays.finishedAt')}</dt><dd>${dateTime(j.finishedAt)}</dd>
    </dl>
    <${ProgressBar} label=${t('replays.progress')} done=${j.progress.done} total=${j.progress.total}
      rate=${j.progress.ratePerSecond} etaSeconds=${j.progress.etaSeconds} />
    ${active && html`<p class="hint" role="status">${t('replays.running')}</p>`}
    ${j.error && html`<div class="error" role="alert">${t('replays.jobError', { error: j.error })}</div>`}
    <h2>${t('replays.summary')}</h2>
    <div class="counts" aria-label=${t('replays.summary')}>
      <div><strong>${count(j.progress.done)}</strong><span>${t('replays.total')}</span></div>
      <div><strong class="ok-text">${count(j.matched)}</strong><span>${t('replays.matched')}</span></div>
      <div><strong class=${j.mismatched ? 'bad-text' : ''}>${count(j.mismatched)}</strong><span>${t('replays.mismatched')}</span></div>
      <div><strong class=${j.failed ? 'bad-text' : ''}>${count(j.failed)}</strong><span>${t('replays.failed')}</span></div>
    </div>
    ${j.status === 'DONE' && html`<${Report} id=${j.id} />`}
  </section>`;
}
