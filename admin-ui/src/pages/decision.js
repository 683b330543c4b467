// One stored decision for auditors: the response (outcome, tier, limit, rate, guarantee, reasons
// with their Chinese messages, the fired rules grouped by where they come from, the rule set
// version and its sha256, the LPR) and the request as evaluated. It is read through
// GET /api/v1/decisions/{id}, which shows the full ID number and phone and records the read in the
// personal-data access log: the page says so. Replay evaluates the stored request again with the
// recorded version and LPR and shows whether it matches, with every differing field.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { date, dateTime, money, pct } from '../format.js';
import { href } from '../router.js';
import { session } from '../session.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, html, useAction, useAsync } from '../ui.js';
import { lastSearch } from './decisions.js';
import { REQUEST_FIELDS, fieldLabel } from '../request-form.js';
import './audit.css';

addMessages({
  zh: {
    'decision.title': '决策 {id}', 'decision.back': '返回决策查询',
    'decision.logged': '此页显示完整的身份证号和手机号。本次查看已记入个人信息访问日志（查看人：{user}，时间：{at}）。',
    'decision.response': '决策结果', 'decision.request': '申请内容（按评估时的原样）',
    'decision.outcome': '结果', 'decision.tier': '等级', 'decision.limit': '授信额度', 'decision.rate': '年利率',
    'decision.lpr': 'LPR（一年期）', 'decision.approvalLevel': '审批层级', 'decision.validity': '额度有效期',
    'decision.months': '{n} 个月', 'decision.guarantee': '担保', 'decision.guaranteeRequired': '需要担保',
    'decision.guaranteeNotRequired': '无需担保', 'decision.acceptable': '可接受的担保方式', 'decision.securedBy': '已提供的担保',
    'decision.version': '规则版本', 'decision.versionLink': '{code} 第 {version} 版', 'decision.sha256': '规则集 SHA-256',
    'decision.asOf': '评估日期', 'decision.decidedAt': '决策时间', 'decision.requestId': '请求编号', 'decision.channel': '渠道',
    'decision.reasons': '原因', 'decision.reasonCode': '代码', 'decision.reasonMessage': '说明', 'decision.noReasons': '无',
    'decision.fired': '触发的规则（{n} 条，按来源分组，编号为触发顺序）', 'decision.group.common': '通用规则（common）',
    'decision.group.product': '产品规则（{code}）', 'decision.group.other': '其他',
    'decision.field': '字段', 'decision.value': '值',
    'decision.replay': '重放', 'decision.replaying': '正在重放…', 'decision.replayResult': '重放结果',
    'decision.match': '一致 / match', 'decision.mismatch': '不一致 / mismatch',
    'decision.matchText': '用记录的规则版本和 LPR 重新评估，所有输出字段与存储的结果一致。',
    'decision.mismatchText': '重新评估的结果与存储的结果有 {n} 处不同：',
    'decision.diffField': '字段', 'decision.diffOriginal': '原结果', 'decision.diffReplayed': '重放结果',
    'decision.replayedWith': '重放所用规则版本', 'decision.engine': '规则引擎版本（记录 / 重放）', 'decision.replayedAt': '重放时间',
    'decision.versionStatus': '状态',
  },
  en: {
    'decision.title': 'Decision {id}', 'decision.back': 'Back to the search',
    'decision.logged': 'This page shows the full ID number and phone. This read is recorded in the personal-data access log (reader: {user}, at {at}).',
    'decision.response': 'Decision', 'decision.request': 'Request (exactly as evaluated)',
    'decision.outcome': 'Outcome', 'decision.tier': 'Tier', 'decision.limit': 'Credit limit', 'decision.rate': 'Annual rate',
    'decision.lpr': 'LPR (1 year)', 'decision.approvalLevel': 'Approval level', 'decision.validity': 'Line validity',
    'decision.months': '{n} months', 'decision.guarantee': 'Guarantee', 'decision.guaranteeRequired': 'required',
    'decision.guaranteeNotRequired': 'not required', 'decision.acceptable': 'Acceptable types', 'decision.securedBy': 'Secured by',
    'decision.version': 'Rule set version', 'decision.versionLink': '{code} version {version}', 'decision.sha256': 'Rule set SHA-256',
    'decision.asOf': 'As of', 'decision.decidedAt': 'Decided at', 'decision.requestId': 'Request ID', 'decision.channel': 'Channel',
    'decision.reasons': 'Reasons', 'decision.reasonCode': 'Code', 'decision.reasonMessage': 'Message', 'decision.noReasons': 'none',
    'decision.fired': 'Fired rules ({n}, grouped by source, numbered in firing order)', 'decision.group.common': 'Common rules (common)',
    'decision.group.product': 'Product rules ({code})', 'decision.group.other': 'Other',
    'decision.field': 'Field', 'decision.value': 'Value',
    'decision.replay': 'Replay', 'decision.replaying': 'Replaying…', 'decision.replayResult': 'Replay',
    'decision.match': '一致 / match', 'decision.mismatch': '不一致 / mismatch',
    'decision.matchText': 'Evaluated again with the recorded rule set version and LPR: every output field equals the stored one.',
    'decision.mismatchText': 'The replay differs from the stored decision in {n} fields:',
    'decision.diffField': 'Field', 'decision.diffOriginal': 'Original', 'decision.diffReplayed': 'Replayed',
    'decision.replayedWith': 'Replayed with', 'decision.engine': 'Engine version (recorded / replayed)', 'decision.replayedAt': 'Replayed at',
    'decision.versionStatus': 'status',
  },
});

const MONEY_FIELDS = new Set(['applicant.annualIncome', 'applicant.annualExpenses', 'applicant.totalAssets', 'applicant.totalLiabilities',
  'applicant.annualRevenue', 'applicant.avgDepositBalance12m', 'application.requestedAmount']);
const ENUM_FIELDS = { 'applicant.segment': 'segment', 'applicant.adminRank': 'adminRank', 'applicant.committeeRating': 'committeeRating',
  'application.purpose': 'purpose', 'application.offeredGuarantees': 'guarantee' };

/** The request's fields as the form lists them (request-form.js), with the product after the request id. */
const FIELD_ORDER = ['productCode', ...Object.values(REQUEST_FIELDS).flat().map((f) => f.path), 'application.offeredGuarantees'];
/** The request's fields in the order of the form (the stored JSON has them alphabetically), unknown ones last. */
function ordered(pairs) {
  const rank = (p) => { const i = FIELD_ORDER.indexOf(p); return i < 0 ? FIELD_ORDER.length : i; };
  return [...pairs].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function labelOf(path) {
  const text = fieldLabel(path);
  return text.startsWith('rf.') ? path : text;
}

/** [['applicant.name', '张三'], …]: the leaves of a JSON object; arrays of scalars stay whole. */
function leaves(value, prefix = '') {
  if (value === null || typeof value !== 'object' || (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object'))) {
    return [[prefix, value]];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${prefix}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

function showValue(path, value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (MONEY_FIELDS.has(path)) return money(value);
  if (ENUM_FIELDS[path]) return Array.isArray(value) ? value.map((v) => enumLabel(ENUM_FIELDS[path], v)).join('、') || t('common.none')
    : enumLabel(ENUM_FIELDS[path], value);
  if (Array.isArray(value)) return value.join('、') || t('common.none');
  return String(value);
}

/** Fired rule names start with where they come from ("common: …", "FUNONG: …"): grouped by that, firing order kept. */
export function groupFiredRules(names, productCode) {
  const groups = new Map();
  (names || []).forEach((name, i) => {
    const m = /^([A-Za-z0-9_]+):\s*(.*)$/.exec(name);
    const source = m ? m[1] : '';
    const key = source === 'common' ? 'common' : source === productCode ? 'product' : source ? source : 'other';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push({ n: i + 1, text: m ? m[2] : name, name });
  });
  const order = ['common', 'product'];
  return [...groups.entries()].sort((a, b) => {
    const ia = order.indexOf(a[0]); const ib = order.indexOf(b[0]);
    return (ia < 0 ? 9 : ia) - (ib < 0 ? 9 : ib);
  }).map(([key, rules]) => ({ key, rules }));
}

function groupTitle(key, productCode) {
  if (key === 'common') return t('decision.group.common');
  if (key === 'product') return t('decision.group.product', { code: productCode });
  if (key === 'other') return t('decision.group.other');
  return key;
}

function FiredRules({ names, productCode }) {
  const groups = groupFiredRules(names, productCode);
  return html`<section class="card" aria-labelledby="fired-title">
    <h2 id="fired-title">${t('decision.fired', { n: (names || []).length })}</h2>
    <div class="fired-groups">
      ${groups.map((g) => html`<div class="fired-group">
        <h3>${groupTitle(g.key, productCode)} · ${g.rules.length}</h3>
        <ol class="fired">${g.rules.map((r) => html`<li value=${r.n} title=${r.name}>${r.text}</li>`)}</ol>
      </div>`)}
    </div>
  </section>`;
}

function jsonText(value) {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function Replay({ id }) {
  const [run, busy, error] = useAction(() => post(`/decisions/${encodeURIComponent(id)}/replay`));
  const [result, setResult] = useState(null); // the last replay stays visible if a retry fails
  return html`<section class="card replay" aria-labelledby="replay-title">
    <div class="page-title"><h2 id="replay-title">${t('decision.replayResult')}</h2>
      <button type="button" class="primary" disabled=${busy}
        onClick=${async () => { const r = await run(); if (r) setResult(r); }}>${busy ? t('decision.replaying') : t('decision.replay')}</button></div>
    <${ErrorMessage} error=${error} />
    ${result && html`<${ReplayResult} result=${result} />`}
  </section>`;
}

function ReplayResult({ result }) {
  const diffs = result.differences || [];
  return html`<div role="status" aria-live="polite">
    <p class=${'replay-verdict ' + (result.match ? 'ok' : 'bad')} data-testid="replay-verdict">
      <strong>${result.match ? t('decision.match') : t('decision.mismatch')}</strong>
      ${' '}${result.match ? t('decision.matchText') : t('decision.mismatchText', { n: diffs.length })}
    </p>
    ${diffs.length > 0 && html`<table class="data diffs" aria-label=${t('decision.mismatch')}>
      <thead><tr><th scope="col">${t('decision.diffField')}</th><th scope="col">${t('decision.diffOriginal')}</th>
        <th scope="col">${t('decision.diffReplayed')}</th></tr></thead>
      <tbody>${diffs.map((d) => html`<tr class="diff-row">
        <th scope="row"><code>${d.field}</code></th>
        <td class="diff-old"><code>${jsonText(d.original)}</code></td>
        <td class="diff-new"><code>${jsonText(d.replayed)}</code></td>
      </tr>`)}</tbody>
    </table>`}
    <dl class="facts small">
      ${result.ruleSet && html`<dt>${t('decision.replayedWith')}</dt>
        <dd>v${result.ruleSet.version} · ${enumLabel('status', result.ruleSet.status)} · <code class="sha">${result.ruleSet.sha256}</code></dd>`}
      <dt>${t('decision.lpr')}</dt><dd>${pct(result.lprPct)}</dd>
      ${result.engineVersion && html`<dt>${t('decision.engine')}</dt><dd>${result.engineVersion.recorded} / ${result.engineVersion.replayed}</dd>`}
      <dt>${t('decision.replayedAt')}</dt><dd>${dateTime(result.replayedAt)}</dd>
    </dl>
  </div>`;
}

function Guarantee({ g }) {
  if (!g) return '—';
  return html`${g.required ? t('decision.guaranteeRequired') : t('decision.guaranteeNotRequired')}
    ${g.acceptableTypes && g.acceptableTypes.length > 0 && html`；${t('decision.acceptable')}：${g.acceptableTypes.map((x) => enumLabel('guarantee', x)).join('、')}`}
    ${g.securedBy && html`；${t('decision.securedBy')}：${enumLabel('guarantee', g.securedBy)}`}`;
}

export function DecisionPage({ id }) {
  const data = useAsync(() => get(`/decisions/${encodeURIComponent(id)}`).then((d) => ({ d, readAt: new Date().toISOString() })), [id]);
  if (data.loading && !data.data) return html`<${Loading} />`;
  if (data.error) return html`<section><p><a href=${'#' + lastSearch()}>${t('decision.back')}</a></p><${ErrorMessage} error=${data.error} /></section>`;
  const { d, readAt } = data.data;
  const s = session.value;
  return html`<section class="decision-page">
    <p class="back"><a href=${'#' + lastSearch()}>← ${t('decision.back')}</a></p>
    <${PageTitle}>${t('decision.title', { id: d.decisionId })}<//>
    <div class="logged-notice" role="note" data-testid="logged-notice">
      ${t('decision.logged', { user: s ? s.username : '', at: dateTime(readAt) })}
    </div>
    <div class="decision-grid">
      <section class="card" aria-labelledby="response-title">
        <h2 id="response-title">${t('decision.response')}</h2>
        <dl class="facts decision-facts">
          <dt>${t('decision.outcome')}</dt><dd data-testid="outcome"><${StatusBadge} status=${d.outcome} type="outcome" /></dd>
          <dt>${t('decision.tier')}</dt><dd data-testid="tier">${d.tier ? `${d.tier.code} · ${d.tier.label}` : '—'}</dd>
          <dt>${t('decision.limit')}</dt><dd data-testid="limit" class="big">${money(d.creditLimit)}</dd>
          <dt>${t('decision.rate')}</dt><dd data-testid="rate" class="big">${pct(d.annualRatePct)}</dd>
          <dt>${t('decision.lpr')}</dt><dd data-testid="lpr">${pct(d.lprPct)}</dd>
          <dt>${t('decision.guarantee')}</dt><dd><${Guarantee} g=${d.guarantee} /></dd>
          <dt>${t('decision.approvalLevel')}</dt><dd>${d.approvalLevel ? enumLabel('approvalLevel', d.approvalLevel) : '—'}</dd>
          <dt>${t('decision.validity')}</dt><dd>${d.validityMonths ? t('decision.months', { n: d.validityMonths }) : '—'}</dd>
          <dt>${t('decision.version')}</dt><dd><a href=${href('products', d.productCode, 'versions', String(d.ruleSet.version))}
            data-testid="version-link">${t('decision.versionLink', { code: d.productCode, version: d.ruleSet.version })}</a></dd>
          <dt>${t('decision.sha256')}</dt><dd><code class="sha" data-testid="sha256">${d.ruleSet.sha256}</code></dd>
          <dt>${t('decision.asOf')}</dt><dd>${date(d.asOfDate)}</dd>
          <dt>${t('decision.decidedAt')}</dt><dd>${dateTime(d.decidedAt)}</dd>
          <dt>${t('decision.requestId')}</dt><dd><code>${d.requestId}</code></dd>
          ${d.request && d.request.channel && html`<dt>${t('decision.channel')}</dt><dd>${d.request.channel}</dd>`}
        </dl>
        <h3>${t('decision.reasons')}</h3>
        ${(d.reasons || []).length === 0 ? html`<p>${t('decision.noReasons')}</p>` : html`<table class="data" aria-label=${t('decision.reasons')}>
          <thead><tr><th scope="col">${t('decision.reasonCode')}</th><th scope="col">${t('decision.reasonMessage')}</th></tr></thead>
          <tbody>${d.reasons.map((r) => html`<tr><td><code>${r.code}</code></td><td>${r.message}</td></tr>`)}</tbody>
        </table>`}
      </section>
      <section class="card" aria-labelledby="request-title">
        <h2 id="request-title">${t('decision.request')}</h2>
        <table class="data request-table" aria-label=${t('decision.request')}>
          <thead><tr><th scope="col">${t('decision.field')}</th><th scope="col">${t('decision.value')}</th></tr></thead>
          <tbody>${ordered(leaves(d.request || {})).map(([path, value]) => html`<tr>
            <th scope="row" title=${path}>${labelOf(path)}</th><td>${showValue(path, value)}</td></tr>`)}</tbody>
        </table>
      </section>
    </div>
    <${Replay} id=${d.decisionId} />
    <${FiredRules} names=${d.firedRules} productCode=${d.productCode} />
  </section>`;
}
