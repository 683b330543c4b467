// One product: what it is, the version in force, and the timeline of every version with each
// lifecycle event and its comment. Product managers start a new draft here.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { date, dateTime } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../session.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, html, useAction, useAsync, useId } from '../ui.js';
import { productName } from './products.js';
import { ApproverActions } from './reviews.js';

addMessages({
  zh: {
    'product.segments': '客群', 'product.inForce': '当前生效', 'product.scheduled': '待生效', 'product.none': '无',
    'product.timeline': '版本时间线', 'product.version': '版本 {version}', 'product.author': '作者', 'product.approver': '审批人',
    'product.effectiveFrom': '生效日期', 'product.sha256': 'SHA-256', 'product.events': '事件',
    'product.newDraft': '新建草稿', 'product.copyOf': '复制自', 'product.starter': '初始规则集', 'product.note': '说明',
    'product.create': '创建草稿', 'product.open': '打开规则', 'product.scenarios': '测试案例', 'product.diff': '版本对比',
    'product.simulations': '模拟', 'product.reratings': '动态调整', 'product.inForceNow': '生效中',
  },
  en: {
    'product.segments': 'Segments', 'product.inForce': 'In force', 'product.scheduled': 'Scheduled', 'product.none': 'none',
    'product.timeline': 'Version timeline', 'product.version': 'Version {version}', 'product.author': 'Author', 'product.approver': 'Approver',
    'product.effectiveFrom': 'Effective from', 'product.sha256': 'SHA-256', 'product.events': 'Events',
    'product.newDraft': 'New draft', 'product.copyOf': 'Copy of', 'product.starter': 'The starter rule set', 'product.note': 'Note',
    'product.create': 'Create draft', 'product.open': 'Open rules', 'product.scenarios': 'Scenarios', 'product.diff': 'Compare versions',
    'product.simulations': 'Simulations', 'product.reratings': 'Re-rating', 'product.inForceNow': 'in force',
  },
});

function NewDraft({ product, onCreated }) {
  const latest = product.versions.length ? product.versions[product.versions.length - 1].version : '';
  const [copy, setCopy] = useState(String(product.inForce ? product.inForce.version : latest));
  const [note, setNote] = useState('');
  const copyId = useId();
  const noteId = useId();
  const [create, busy, error] = useAction(async () => {
    const body = { copyFrom: copy ? { version: Number(copy) } : null, note: note || null };
    onCreated(await post(`/products/${encodeURIComponent(product.code)}/versions`, body));
  });
  return html`<form class="inline-form" aria-label=${t('product.newDraft')} onSubmit=${(e) => { e.preventDefault(); create(); }}>
    <div class="field"><label for=${copyId}>${t('product.copyOf')}</label>
      <select id=${copyId} value=${copy} onChange=${(e) => setCopy(e.currentTarget.value)}>
        ${product.versions.map((v) => html`<option value=${String(v.version)}>v${v.version} · ${enumLabel('status', v.status)}</option>`)}
        <option value="">${t('product.starter')}</option>
      </select></div>
    <div class="field"><label for=${noteId}>${t('product.note')}</label>
      <input id=${noteId} value=${note} onInput=${(e) => setNote(e.currentTarget.value)} /></div>
    <button type="submit" class="primary" disabled=${busy}>${t('product.create')}</button>
    <${ErrorMessage} error=${error} />
  </form>`;
}

export function ProductPage({ code }) {
  const data = useAsync(() => Promise.all([get(`/products/${encodeURIComponent(code)}`), get(`/products/${encodeURIComponent(code)}/history`)]), [code]);
  if (data.loading && !data.data) return html`<${Loading} />`;
  if (data.error) return html`<${ErrorMessage} error=${data.error} />`;
  const [product, history] = data.data;
  const events = (v) => history.filter((e) => e.version === v);
  const inForce = product.inForce ? product.inForce.version : null;
  const versions = [...product.versions].reverse();
  return html`<section>
    <${PageTitle} actions=${html`
      <a class="button" href=${href('products', code, 'scenarios')}>${t('product.scenarios')}</a>
      <a class="button" href=${'#/products/' + encodeURIComponent(code) + '/diff'}>${t('product.diff')}</a>
      ${hasRole('PRODUCT_MANAGER', 'APPROVER') && html`<a class="button" href=${href('products', code, 're-ratings')}>${t('product.reratings')}</a>`}`}>
      ${productName(product)} · ${product.code}<//>
    <dl class="facts">
      <dt>${t('product.segments')}</dt><dd>${product.segments.map((s) => enumLabel('segment', s)).join('、')}</dd>
      <dt>${t('product.inForce')}</dt><dd data-testid="in-force">${product.inForce ? `v${product.inForce.version} · ${date(product.inForce.effectiveFrom)}` : t('product.none')}</dd>
      <dt>${t('product.scheduled')}</dt><dd>${product.scheduled.length ? product.scheduled.map((s) => `v${s.version} · ${date(s.effectiveFrom)}`).join('；') : t('product.none')}</dd>
    </dl>
    ${product.description && html`<p>${product.description}</p>`}
    ${hasRole('PRODUCT_MANAGER') && html`<${NewDraft} product=${product}
      onCreated=${(v) => navigate(`/products/${encodeURIComponent(code)}/versions/${v.version}`)} />`}
    <h2>${t('product.timeline')}</h2>
    <ol class="timeline">
      ${versions.map((v) => html`<li class=${'timeline-item' + (v.version === inForce ? ' in-force' : '')} data-version=${v.version}>
        <div class="timeline-head">
          <a href=${href('products', code, 'versions', String(v.version))}><strong>${t('product.version', { version: v.version })}</strong></a>
          <${StatusBadge} status=${v.status} />
          ${v.version === inForce && html`<span class="badge badge-in-force">${t('product.inForceNow')}</span>`}
          ${(v.status === 'DRAFT' || v.status === 'IN_REVIEW') && html`<a href=${'#/products/' + encodeURIComponent(code) + '/versions/' + v.version + '/simulations'}>${t('product.simulations')}</a>`}
        </div>
        <dl class="facts small">
          <dt>${t('product.author')}</dt><dd>${v.author || '—'}</dd>
          <dt>${t('product.approver')}</dt><dd>${v.approver || '—'}</dd>
          <dt>${t('product.effectiveFrom')}</dt><dd>${date(v.effectiveFrom)}</dd>
          <dt>${t('product.sha256')}</dt><dd><code title=${v.sha256}>${(v.sha256 || '').slice(0, 12)}</code></dd>
        </dl>
        ${hasRole('APPROVER') && html`<${ApproverActions} product=${product} version=${v} onDone=${data.reload} compact />`}
        <details>
          <summary>${t('product.events')} (${events(v.version).length})</summary>
          <ul class="events">${events(v.version).map((e) => html`<li>
            <time>${dateTime(e.at)}</time> · <strong>${enumLabel('event', e.event)}</strong> · ${e.actor}
            ${e.comment && html`<span class="comment">「${e.comment}」</span>`}</li>`)}</ul>
        </details>
      </li>`)}
    </ol>
  </section>`;
}
