// Offers (一选多): the same request without a product; every product that does not decline,
// ranked as the channel's POST /api/v1/offers ranks them, side by side. Nothing stored.
import { useState } from 'preact/hooks';
import { post } from '../api.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { money, pct } from '../format.js';
import { href } from '../router.js';
import { RequestForm } from '../request-form.js';
import { ErrorMessage, PageTitle, StatusBadge, html, useAction } from '../ui.js';
import { EXAMPLE_REQUEST, GuaranteeText, Reasons } from './try.js';
import './try.css';

addMessages({
  zh: { 'offers.title': '一选多：为申请人匹配产品', 'offers.submit': '匹配产品', 'offers.busy': '正在匹配…',
    'offers.none': '没有产品给出批准或转人工的结论。', 'offers.rank': '第 {n} 名', 'offers.count': '{n} 个产品可以授信' },
  en: { 'offers.title': 'Offers: match an applicant with every product', 'offers.submit': 'Match products',
    'offers.busy': 'Matching…', 'offers.none': 'No product approves or refers this applicant.', 'offers.rank': 'Rank {n}',
    'offers.count': '{n} products offer a line' },
});

const { productCode: _ignored, ...EXAMPLE_WITHOUT_PRODUCT } = EXAMPLE_REQUEST;

export function OffersPage() {
  const [request, setRequest] = useState(EXAMPLE_WITHOUT_PRODUCT);
  const [result, setResult] = useState(null);
  const [run, busy, error] = useAction(async () => {
    setResult(null);
    setResult(await post('/trials/offers', request));
  });
  return html`<section>
    <${PageTitle}>${t('offers.title')}<//>
    <form aria-label=${t('offers.title')} onSubmit=${(e) => { e.preventDefault(); run(); }}>
      <div class="buttons">
        <button type="button" onClick=${() => setRequest(EXAMPLE_WITHOUT_PRODUCT)}>${t('try.example')}</button>
      </div>
      <${RequestForm} value=${request} onChange=${setRequest} withProduct=${false} />
      <${ErrorMessage} error=${error} />
      <div class="buttons sticky-actions">
        <button type="submit" class="primary" disabled=${busy}>${busy ? t('offers.busy') : t('offers.submit')}</button>
      </div>
    </form>
    ${result && html`<section aria-label=${t('offers.count', { n: result.offers.length })}>
      <h2>${t('offers.count', { n: result.offers.length })}</h2>
      <p class="notice-inline" role="note">${t('try.notStored')} LPR ${pct(result.lprPct)}</p>
      ${result.offers.length === 0 && html`<p>${t('offers.none')}</p>`}
      <div class="offers-grid">${result.offers.map((o, i) => html`<article class="card" data-testid="offer" aria-label=${o.productCode}>
        <div class="offer-rank">${t('offers.rank', { n: i + 1 })}</div>
        <h3>${o.productName} · ${o.productCode}</h3>
        <dl class="facts">
          <dt>${t('try.outcome')}</dt><dd><${StatusBadge} status=${o.outcome} type="outcome" /></dd>
          <dt>${t('try.tier')}</dt><dd>${o.tier ? `${o.tier.code} ${o.tier.label || ''}` : '—'}</dd>
          <dt>${t('try.limit')}</dt><dd>${money(o.creditLimit)}</dd>
          <dt>${t('try.rate')}</dt><dd>${pct(o.annualRatePct)}</dd>
          <dt>${t('try.guarantee')}</dt><dd><${GuaranteeText} guarantee=${o.guarantee} /></dd>
          <dt>${t('try.approval')}</dt><dd>${o.approvalLevel ? enumLabel('approvalLevel', o.approvalLevel) : '—'}</dd>
          <dt>${t('try.version')}</dt><dd><a href=${href('products', o.productCode, 'versions', String(o.ruleSet.version))}>v${o.ruleSet.version}</a></dd>
        </dl>
        <${Reasons} reasons=${o.reasons} />
      </article>`)}</div>
    </section>`}
  </section>`;
}
