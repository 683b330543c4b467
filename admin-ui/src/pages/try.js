// Try a decision (试算): any product's request in the form, the answer the channel would get from
// the version in force, nothing stored (POST /api/v1/trials/decisions).
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { money, pct, date } from '../format.js';
import { href } from '../router.js';
import { RequestForm } from '../request-form.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, html, useAction, useAsync } from '../ui.js';
import { productName } from './products.js';
import './try.css';

addMessages({
  zh: {
    'try.title': '试算一笔决策', 'try.submit': '试算', 'try.busy': '正在试算…',
    'try.example': '填入示例申请', 'try.clear': '清空', 'try.notStored': '试算结果不保存，不产生决策记录。',
    'try.result': '试算结果', 'try.outcome': '结论', 'try.tier': '资信等级', 'try.limit': '授信额度', 'try.rate': '年利率',
    'try.lpr': 'LPR', 'try.guarantee': '担保', 'try.guaranteeRequired': '需要担保', 'try.guaranteeNone': '无需担保',
    'try.acceptable': '可接受', 'try.securedBy': '采用', 'try.approval': '审批层级', 'try.validity': '额度有效期',
    'try.months': '{n} 个月', 'try.version': '规则集版本', 'try.asOfDate': '评估日期', 'try.reasons': '原因',
    'try.firedRules': '触发的规则（按阶段）', 'try.noReasons': '无',
    'stage.terms': '产品参数', 'stage.eligibility': '准入', 'stage.scoring': '评分', 'stage.grading': '定级',
    'stage.limit': '额度', 'stage.guarantee': '担保', 'stage.pricing': '定价', 'stage.rate': '利率',
    'stage.approval': '审批', 'stage.outcome': '结论', 'stage.other': '其他',
  },
  en: {
    'try.title': 'Try a decision', 'try.submit': 'Try', 'try.busy': 'Trying…',
    'try.example': 'Fill in the example request', 'try.clear': 'Clear', 'try.notStored': 'A trial is not stored: no decision is recorded.',
    'try.result': 'Result', 'try.outcome': 'Outcome', 'try.tier': 'Tier', 'try.limit': 'Credit limit', 'try.rate': 'Annual rate',
    'try.lpr': 'LPR', 'try.guarantee': 'Guarantee', 'try.guaranteeRequired': 'required', 'try.guaranteeNone': 'not required',
    'try.acceptable': 'acceptable', 'try.securedBy': 'secured by', 'try.approval': 'Approval level', 'try.validity': 'Line valid for',
    'try.months': '{n} months', 'try.version': 'Rule set version', 'try.asOfDate': 'As-of date', 'try.reasons': 'Reasons',
    'try.firedRules': 'Fired rules, by stage', 'try.noReasons': 'none',
    'stage.terms': 'Terms', 'stage.eligibility': 'Eligibility', 'stage.scoring': 'Scoring', 'stage.grading': 'Grading',
    'stage.limit': 'Limit', 'stage.guarantee': 'Guarantee', 'stage.pricing': 'Pricing', 'stage.rate': 'Rate',
    'stage.approval': 'Approval', 'stage.outcome': 'Outcome', 'stage.other': 'Other',
  },
});

/** The request of API.md, the example every product manager knows. */
export const EXAMPLE_REQUEST = {
  productCode: 'FUNONG',
  asOfDate: '2025-11-21',
  applicant: {
    idNumber: '150422197511020041', name: '张三', phone: '13800138000', segment: 'FARMER',
    annualIncome: 120000, annualExpenses: 40000, totalAssets: 600000, totalLiabilities: 50000,
    avgDepositBalance12m: 30000, eBankingProducts: 2, committeeRating: 'GOOD', blacklisted: false,
    hukou: { local: true, localSinceYears: 30 },
    creditHistory: { overdueCount24m: 0, maxOverdueDays24m: 0, currentOverdue: false },
  },
  application: { requestedAmount: 80000, termMonths: 12, purpose: 'PRODUCTION', offeredGuarantees: ['GUARANTOR'] },
};

export function GuaranteeText({ guarantee }) {
  if (!guarantee) return '—';
  const parts = [guarantee.required ? t('try.guaranteeRequired') : t('try.guaranteeNone')];
  if (guarantee.acceptableTypes && guarantee.acceptableTypes.length) {
    parts.push(t('try.acceptable') + '：' + guarantee.acceptableTypes.map((g) => enumLabel('guarantee', g)).join('、'));
  }
  if (guarantee.securedBy) parts.push(t('try.securedBy') + '：' + enumLabel('guarantee', guarantee.securedBy));
  return parts.join('；');
}

export function Reasons({ reasons }) {
  if (!reasons || !reasons.length) return html`<p>${t('try.noReasons')}</p>`;
  return html`<ul class="reasons">${reasons.map((r) => html`<li><code>${r.code}</code> ${r.message}</li>`)}</ul>`;
}

function TrialResult({ result }) {
  return html`<section class="card trial-result" aria-labelledby="trial-result-title" data-testid="trial-result">
    <h2 id="trial-result-title">${t('try.result')}</h2>
    <p class="notice-inline" role="note">${t('try.notStored')}</p>
    <dl class="facts">
      <dt>${t('try.outcome')}</dt><dd data-testid="outcome"><${StatusBadge} status=${result.outcome} type="outcome" /></dd>
      <dt>${t('try.tier')}</dt><dd data-testid="tier">${result.tier ? `${result.tier.code} ${result.tier.label || ''}` : '—'}</dd>
      <dt>${t('try.limit')}</dt><dd data-testid="credit-limit">${money(result.creditLimit)}</dd>
      <dt>${t('try.rate')}</dt><dd data-testid="annual-rate">${pct(result.annualRatePct)}</dd>
      <dt>${t('try.lpr')}</dt><dd data-testid="lpr">${pct(result.lprPct)}</dd>
      <dt>${t('try.guarantee')}</dt><dd><${GuaranteeText} guarantee=${result.guarantee} /></dd>
      <dt>${t('try.approval')}</dt><dd>${result.approvalLevel ? enumLabel('approvalLevel', result.approvalLevel) : '—'}</dd>
      <dt>${t('try.validity')}</dt><dd>${result.validityMonths ? t('try.months', { n: result.validityMonths }) : '—'}</dd>
      <dt>${t('try.asOfDate')}</dt><dd>${date(result.asOfDate)}</dd>
      <dt>${t('try.version')}</dt><dd data-testid="rule-set-version">
        <a href=${href('products', result.productCode, 'versions', String(result.ruleSet.version))}>${result.productCode} v${result.ruleSet.version}</a>
        · <code title="sha256">${result.ruleSet.sha256}</code></dd>
    </dl>
    <h3>${t('try.reasons')}</h3>
    <${Reasons} reasons=${result.reasons} />
    <h3>${t('try.firedRules')}</h3>
    <ol class="stages">${(result.firedRulesByStage || []).map((s) => html`<li>
      <strong>${t('stage.' + s.stage)}</strong>
      <ul>${s.rules.map((r) => html`<li>${r}</li>`)}</ul>
    </li>`)}</ol>
  </section>`;
}

export function TryPage() {
  const products = useAsync(() => get('/products'), []);
  const [request, setRequest] = useState(EXAMPLE_REQUEST);
  const [result, setResult] = useState(null);
  const [run, busy, error] = useAction(async () => {
    setResult(null);
    setResult(await post('/trials/decisions', request));
  });
  if (products.loading && !products.data) return html`<${Loading} />`;
  const choices = (products.data || []).map((p) => ({ code: p.code, name: productName(p) }));
  return html`<section>
    <${PageTitle}>${t('try.title')}<//>
    <${ErrorMessage} error=${products.error} />
    <div class="split try-split">
      <form aria-label=${t('try.title')} onSubmit=${(e) => { e.preventDefault(); run(); }}>
        <div class="buttons">
          <button type="button" onClick=${() => setRequest(EXAMPLE_REQUEST)}>${t('try.example')}</button>
          <button type="button" onClick=${() => setRequest({ productCode: request.productCode })}>${t('try.clear')}</button>
        </div>
        <${RequestForm} value=${request} onChange=${setRequest} withProduct=${true} products=${choices} />
        <${ErrorMessage} error=${error} />
        <div class="buttons sticky-actions">
          <button type="submit" class="primary" disabled=${busy}>${busy ? t('try.busy') : t('try.submit')}</button>
        </div>
      </form>
      <div>${result && html`<${TrialResult} result=${result} />`}</div>
    </div>
  </section>`;
}
