// 整村授信: a credit officer uploads a village's file, follows the job as it runs (Server-Sent
// Events), reads its summary and downloads the results and the bad rows. Only the officer's own jobs.
import { useEffect, useState } from 'preact/hooks';
import { get, upload } from '../api.js';
import { addMessages, t } from '../i18n.js';
import { count, dateTime, money, todayShanghai } from '../format.js';
import { ErrorMessage, Loading, PageTitle, ProgressBar, TextInput, html, useAction, useAsync, useId } from '../ui.js';

addMessages({
  zh: {
    'batches.title': '整村授信', 'batches.upload': '上传名单', 'batches.file': '名单文件（XLSX 或 CSV）',
    'batches.product': '产品代码', 'batches.bestOffer': '一选多：每户匹配最优产品', 'batches.asOf': '评估日期',
    'batches.label': '批次名称（如村名）', 'batches.start': '开始评级', 'batches.template': '下载模板',
    'batches.jobs': '我的批次', 'batches.none': '还没有批次', 'batches.col.label': '批次', 'batches.col.file': '文件',
    'batches.col.status': '状态', 'batches.col.progress': '进度', 'batches.col.created': '上传时间',
    'batches.progress': '评级进度', 'batches.failedRows': '错误行 {n}', 'batches.summary': '结果汇总',
    'batches.outcome': '结果', 'batches.tier': '资信等级', 'batches.count': '户数', 'batches.exposure': '授信总额',
    'batches.results.csv': '下载结果 CSV', 'batches.results.xlsx': '下载结果 XLSX', 'batches.errors': '下载错误行',
    'batches.existing': '同一文件已上传过：显示已有批次', 'batches.status.QUEUED': '排队中', 'batches.status.RUNNING': '评级中',
    'batches.status.DONE': '已完成', 'batches.status.FAILED': '失败', 'batches.outcome.APPROVED': '通过',
    'batches.outcome.REFERRED': '上报', 'batches.outcome.DECLINED': '拒绝',
  },
  en: {
    'batches.title': 'Village rating', 'batches.upload': 'Upload a file', 'batches.file': 'File (XLSX or CSV)',
    'batches.product': 'Product code', 'batches.bestOffer': 'Best offer per household', 'batches.asOf': 'Evaluation date',
    'batches.label': 'Label (e.g. the village)', 'batches.start': 'Start rating', 'batches.template': 'Download the template',
    'batches.jobs': 'My batches', 'batches.none': 'No batches yet', 'batches.col.label': 'Batch', 'batches.col.file': 'File',
    'batches.col.status': 'Status', 'batches.col.progress': 'Progress', 'batches.col.created': 'Uploaded',
    'batches.progress': 'Rating', 'batches.failedRows': '{n} bad rows', 'batches.summary': 'Summary',
    'batches.outcome': 'Outcome', 'batches.tier': 'Tier', 'batches.count': 'Households', 'batches.exposure': 'Total exposure',
    'batches.results.csv': 'Results CSV', 'batches.results.xlsx': 'Results XLSX', 'batches.errors': 'Bad rows',
    'batches.existing': 'This file was uploaded before: its batch is shown', 'batches.status.QUEUED': 'Queued',
    'batches.status.RUNNING': 'Running', 'batches.status.DONE': 'Done', 'batches.status.FAILED': 'Failed',
    'batches.outcome.APPROVED': 'Approved', 'batches.outcome.REFERRED': 'Referred', 'batches.outcome.DECLINED': 'Declined',
  },
});

const finished = (job) => job && (job.status === 'DONE' || job.status === 'FAILED');

/** The job, live: the stream's events until it is finished. */
function useLiveJob(initial) {
  const [job, setJob] = useState(initial);
  useEffect(() => {
    setJob(initial);
    if (!initial || finished(initial)) return undefined;
    const source = new EventSource(`/api/v1/batches/${encodeURIComponent(initial.id)}/events`);
    source.onmessage = (e) => {
      const next = JSON.parse(e.data);
      setJob(next);
      if (finished(next)) source.close();
    };
    let timer = null;
    source.onerror = () => {
      // the stream ends after the last event, or broke: read the job each second until it is finished
      source.close();
      const poll = () => get(`/batches/${encodeURIComponent(initial.id)}`).then((next) => {
        setJob(next);
        if (!finished(next)) timer = setTimeout(poll, 1000);
      }).catch(() => { timer = setTimeout(poll, 2000); });
      poll();
    };
    return () => { source.close(); if (timer) clearTimeout(timer); };
  }, [initial && initial.id]);
  return job;
}

function Summary({ summary }) {
  const outcomes = ['APPROVED', 'REFERRED', 'DECLINED'];
  const max = Math.max(1, ...outcomes.map((o) => summary.byOutcome[o] || 0));
  return html`<section class="card" aria-label=${t('batches.summary')}>
    <h3>${t('batches.summary')}</h3>
    <div class="bars" role="list">
      ${outcomes.map((o) => html`<div class="bar-row" role="listitem" data-outcome=${o}>
        <span class="bar-label">${t('batches.outcome.' + o)}</span>
        <span class="bar-track"><span class=${'bar-fill bar-' + o.toLowerCase()}
          style=${{ width: ((summary.byOutcome[o] || 0) * 100 / max).toFixed(1) + '%' }}></span></span>
        <span class="bar-value">${count(summary.byOutcome[o] || 0)}</span></div>`)}
    </div>
    <p>${t('batches.exposure')}: <strong>${money(summary.totalExposure)}</strong> · ${t('batches.failedRows', { n: summary.failedRows })}</p>
    <table><thead><tr><th>${t('batches.product')}</th><th>${t('batches.tier')}</th><th>${t('batches.count')}</th>
      <th>${t('batches.exposure')}</th></tr></thead>
      <tbody>${summary.byTier.map((r) => html`<tr><td>${r.productCode}</td><td>${r.tierCode ? r.tierCode + ' ' + r.tierLabel : '—'}</td>
        <td>${count(r.count)}</td><td>${money(r.exposure)}</td></tr>`)}</tbody></table>
  </section>`;
}

function JobDetail({ initial, onFinished }) {
  const job = useLiveJob(initial);
  useEffect(() => { if (finished(job) && onFinished) onFinished(job); }, [job && job.status]);
  if (!job) return null;
  const base = `/batches/${encodeURIComponent(job.id)}`;
  return html`<section class="card" aria-label=${job.label || job.id}>
    <h2>${job.label || job.file.name || job.id} · ${t('batches.status.' + job.status)}</h2>
    <${ProgressBar} label=${t('batches.progress')} done=${job.progress.done} total=${job.progress.total}
      rate=${job.progress.ratePerSecond} etaSeconds=${job.progress.etaSeconds} />
    <p>${t('batches.failedRows', { n: job.progress.failedRows })}</p>
    ${job.error && html`<p role="alert">${job.error}</p>`}
    ${job.summary && html`<${Summary} summary=${job.summary} />`}
    <div class="buttons">
      <a class="button" href=${'/api/v1' + base + '/results?format=csv'} download>${t('batches.results.csv')}</a>
      <a class="button" href=${'/api/v1' + base + '/results?format=xlsx'} download>${t('batches.results.xlsx')}</a>
      <a class="button" href=${'/api/v1' + base + '/results?format=csv&rows=errors'} download>${t('batches.errors')}</a>
    </div>
  </section>`;
}

function UploadForm({ onStarted }) {
  const [form, setForm] = useState({ productCode: 'FUNONG', bestOffer: false, asOfDate: todayShanghai(), label: '' });
  const [file, setFile] = useState(null);
  const [notice, setNotice] = useState(null);
  const fileId = useId();
  const bestId = useId();
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const [start, busy, error] = useAction(async () => {
    const data = new FormData();
    if (file) data.append('file', file, file.name);
    if (form.bestOffer) data.append('mode', 'BEST_OFFER');
    else data.append('productCode', form.productCode.trim());
    if (form.asOfDate) data.append('asOfDate', form.asOfDate);
    if (form.label) data.append('label', form.label);
    const job = await upload('/batches', data);
    setNotice(job.status !== 'QUEUED' || job.progress.done > 0 ? t('batches.existing') : null);
    onStarted(job);
  });
  return html`<form class="card form-grid" aria-label=${t('batches.upload')} onSubmit=${(e) => { e.preventDefault(); start(); }}>
    <h2>${t('batches.upload')}</h2>
    <div class="field wide"><label for=${fileId}>${t('batches.file')}</label>
      <input id=${fileId} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange=${(e) => setFile(e.currentTarget.files[0] || null)} required /></div>
    <label class="check wide" for=${bestId}><input id=${bestId} type="checkbox" checked=${form.bestOffer}
      onChange=${(e) => set('bestOffer')(e.currentTarget.checked)} /> ${t('batches.bestOffer')}</label>
    ${!form.bestOffer && html`<${TextInput} label=${t('batches.product')} value=${form.productCode} onInput=${set('productCode')} required />`}
    <${TextInput} label=${t('batches.asOf')} type="date" value=${form.asOfDate} onInput=${set('asOfDate')} />
    <${TextInput} label=${t('batches.label')} value=${form.label} onInput=${set('label')} />
    <div class="wide"><${ErrorMessage} error=${error} />${notice && html`<p role="status">${notice}</p>`}</div>
    <div class="wide buttons">
      <button type="submit" class="primary" disabled=${busy}>${t('batches.start')}</button>
      <a class="button" href="/api/v1/batches/template?format=xlsx" download>${t('batches.template')}</a>
    </div>
  </form>`;
}

export function BatchesPage() {
  const [selected, setSelected] = useState(null);
  const [refresh, setRefresh] = useState(0);
  const jobs = useAsync(() => get('/batches'), [refresh]);
  return html`<div>
    <${PageTitle}>${t('batches.title')}<//>
    <${UploadForm} onStarted=${(job) => { setSelected(job); setRefresh(refresh + 1); }} />
    ${selected && html`<${JobDetail} initial=${selected} onFinished=${() => jobs.reload()} />`}
    <section class="card" aria-label=${t('batches.jobs')}>
      <h2>${t('batches.jobs')}</h2>
      ${jobs.loading ? html`<${Loading} />` : jobs.error ? html`<${ErrorMessage} error=${jobs.error} />`
        : !jobs.data.length ? html`<p>${t('batches.none')}</p>`
        : html`<table><thead><tr><th>${t('batches.col.label')}</th><th>${t('batches.col.file')}</th>
            <th>${t('batches.col.status')}</th><th>${t('batches.col.progress')}</th><th>${t('batches.col.created')}</th></tr></thead>
          <tbody>${jobs.data.map((j) => html`<tr>
            <td><a href="javascript:void 0" onClick=${(e) => { e.preventDefault(); setSelected(j); }}>${j.label || j.id}</a></td>
            <td>${j.file.name}</td><td>${t('batches.status.' + j.status)}</td>
            <td>${j.progress.done} / ${j.progress.total}</td><td>${dateTime(j.createdAt)}</td></tr>`)}</tbody></table>`}
    </section>
  </div>`;
}
