// The decision request (API.md "Decide") as a form: every field with a Chinese label, enums as
// choices, the as-of date as a date picker. Generic: the scenario editor uses it for a case's
// request, "Try a decision" and "Offers" for a request of their own.
//
//   <RequestForm value=${request} onChange=${setRequest} withProduct=${true} products=${[{code, name}]} />
//
// `value` is the request as JSON (the API's shape); onChange receives a new object, never the old
// one changed. A field left empty is left out of the request (the API's defaults apply,
// PRODUCTS.md 1.1), so a minimal request stays minimal; yes/no fields have a third choice "not
// given" for the same reason. Numbers are sent as JSON numbers.
import { useEffect, useState } from 'preact/hooks';
import { ENUMS } from './enums.js';
import { addMessages, enumLabel, t } from './i18n.js';
import { html, useId } from './ui.js';

addMessages({
  zh: {
    'rf.request': '申请信息', 'rf.general': '基本信息', 'rf.applicant': '申请人', 'rf.hukou': '户籍', 'rf.credit': '征信记录',
    'rf.application': '申请', 'rf.unset': '（未填）', 'rf.yes': '是', 'rf.no': '否', 'rf.yuan': '元',
    'rf.requestId': '请求编号', 'rf.productCode': '贷款产品', 'rf.asOfDate': '评估日期', 'rf.channel': '渠道',
    'rf.idNumber': '身份证号', 'rf.name': '姓名', 'rf.phone': '手机号', 'rf.segment': '客群',
    'rf.annualIncome': '年收入（元）', 'rf.annualExpenses': '年支出（元）', 'rf.totalAssets': '总资产（元）',
    'rf.totalLiabilities': '总负债（元）', 'rf.annualRevenue': '年营业收入（元）',
    'rf.avgDepositBalance12m': '近12个月日均存款（元）', 'rf.eBankingProducts': '已开通电子银行产品数',
    'rf.salaryPaidByUs': '本行代发工资', 'rf.adminRank': '行政职级', 'rf.businessYears': '经营年限（年）',
    'rf.socialSecurityMonths': '社保缴纳月数', 'rf.workingAwayYears': '外出务工年限（年）',
    'rf.inMigrantDatabase': '已入务工人员库', 'rf.relationshipMonths': '与本行业务往来月数', 'rf.offlineVerified': '已线下核实',
    'rf.hukou.local': '本地户籍', 'rf.hukou.localSinceYears': '落户本地年限（年）', 'rf.committeeRating': '村（社区）委评议',
    'rf.blacklisted': '列入黑名单', 'rf.creditHistory.overdueCount24m': '近24个月逾期次数',
    'rf.creditHistory.maxOverdueDays24m': '近24个月最长逾期天数', 'rf.creditHistory.currentOverdue': '当前有逾期',
    'rf.requestedAmount': '申请金额（元）', 'rf.termMonths': '期限（月）', 'rf.purpose': '借款用途',
    'rf.offeredGuarantees': '可提供的担保方式',
  },
  en: {
    'rf.request': 'Request', 'rf.general': 'General', 'rf.applicant': 'Applicant', 'rf.hukou': 'Household registration',
    'rf.credit': 'Credit history', 'rf.application': 'Application', 'rf.unset': '(not given)', 'rf.yes': 'Yes', 'rf.no': 'No',
    'rf.yuan': 'yuan',
    'rf.requestId': 'Request id', 'rf.productCode': 'Product', 'rf.asOfDate': 'As-of date', 'rf.channel': 'Channel',
    'rf.idNumber': 'ID number', 'rf.name': 'Name', 'rf.phone': 'Phone', 'rf.segment': 'Segment',
    'rf.annualIncome': 'Annual income (yuan)', 'rf.annualExpenses': 'Annual expenses (yuan)', 'rf.totalAssets': 'Total assets (yuan)',
    'rf.totalLiabilities': 'Total liabilities (yuan)', 'rf.annualRevenue': 'Annual revenue (yuan)',
    'rf.avgDepositBalance12m': 'Average deposit, 12 months (yuan)', 'rf.eBankingProducts': 'E-banking products',
    'rf.salaryPaidByUs': 'Salary paid through us', 'rf.adminRank': 'Administrative rank', 'rf.businessYears': 'Years in business',
    'rf.socialSecurityMonths': 'Months of social security', 'rf.workingAwayYears': 'Years working away',
    'rf.inMigrantDatabase': 'In the migrant-worker database', 'rf.relationshipMonths': 'Months of relationship', 'rf.offlineVerified': 'Verified offline',
    'rf.hukou.local': 'Local hukou', 'rf.hukou.localSinceYears': 'Years of local hukou', 'rf.committeeRating': 'Village committee rating',
    'rf.blacklisted': 'Blacklisted', 'rf.creditHistory.overdueCount24m': 'Overdues in 24 months',
    'rf.creditHistory.maxOverdueDays24m': 'Longest overdue in 24 months (days)', 'rf.creditHistory.currentOverdue': 'Overdue now',
    'rf.requestedAmount': 'Requested amount (yuan)', 'rf.termMonths': 'Term (months)', 'rf.purpose': 'Purpose',
    'rf.offeredGuarantees': 'Guarantees offered',
  },
});

/** The request's fields: path, kind (text, number, bool, enum, date), enum type, required (API.md). */
export const REQUEST_FIELDS = {
  general: [
    { path: 'requestId', kind: 'text' },
    { path: 'asOfDate', kind: 'date' },
    { path: 'channel', kind: 'text' },
  ],
  applicant: [
    { path: 'applicant.idNumber', kind: 'text', required: true },
    { path: 'applicant.name', kind: 'text', required: true },
    { path: 'applicant.phone', kind: 'text' },
    { path: 'applicant.segment', kind: 'enum', type: 'segment', required: true },
    { path: 'applicant.annualIncome', kind: 'number' },
    { path: 'applicant.annualExpenses', kind: 'number' },
    { path: 'applicant.totalAssets', kind: 'number' },
    { path: 'applicant.totalLiabilities', kind: 'number' },
    { path: 'applicant.annualRevenue', kind: 'number' },
    { path: 'applicant.avgDepositBalance12m', kind: 'number' },
    { path: 'applicant.eBankingProducts', kind: 'number', step: 1 },
    { path: 'applicant.salaryPaidByUs', kind: 'bool' },
    { path: 'applicant.adminRank', kind: 'enum', type: 'adminRank' },
    { path: 'applicant.businessYears', kind: 'number' },
    { path: 'applicant.socialSecurityMonths', kind: 'number', step: 1 },
    { path: 'applicant.workingAwayYears', kind: 'number' },
    { path: 'applicant.inMigrantDatabase', kind: 'bool' },
    { path: 'applicant.relationshipMonths', kind: 'number', step: 1 },
    { path: 'applicant.offlineVerified', kind: 'bool' },
    { path: 'applicant.committeeRating', kind: 'enum', type: 'committeeRating' },
    { path: 'applicant.blacklisted', kind: 'bool' },
  ],
  hukou: [
    { path: 'applicant.hukou.local', kind: 'bool' },
    { path: 'applicant.hukou.localSinceYears', kind: 'number' },
  ],
  credit: [
    { path: 'applicant.creditHistory.overdueCount24m', kind: 'number', step: 1 },
    { path: 'applicant.creditHistory.maxOverdueDays24m', kind: 'number', step: 1 },
    { path: 'applicant.creditHistory.currentOverdue', kind: 'bool' },
  ],
  application: [
    { path: 'application.requestedAmount', kind: 'number' },
    { path: 'application.termMonths', kind: 'number', step: 1, required: true },
    { path: 'application.purpose', kind: 'enum', type: 'purpose' },
  ],
};

/** The value at a dotted path, or undefined. */
export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o === null || o === undefined ? undefined : o[k]), obj);
}

/**
 * A copy of obj with the value at path set; undefined removes the key (and an object it leaves
 * empty, so that an untouched nested object does not appear as {}).
 */
export function setPath(obj, path, value) {
  const [head, ...rest] = path.split('.');
  const copy = { ...(obj || {}) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = setPath(copy[head], rest.join('.'), value);
  if (Object.keys(child).length === 0) delete copy[head];
  else copy[head] = child;
  return copy;
}

/** The label of a request field by its path: fieldLabel('applicant.annualIncome') → 年收入（元）. */
export const fieldLabel = (path) => t('rf.' + path.replace(/^applicant\.|^application\./, ''));
const label = fieldLabel;

/** One field of the request, by its kind. Exported for forms with fields of their own (the expected outcome). */
export function RequestField({ field, value, onChange, disabled }) {
  const id = useId('rf');
  const text = label(field.path) + (field.required ? ' *' : '');
  let control;
  if (field.kind === 'enum') {
    control = html`<select id=${id} value=${value ?? ''} disabled=${disabled} required=${field.required}
      onChange=${(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}>
      <option value="">${t('rf.unset')}</option>
      ${ENUMS[field.type].map((o) => html`<option value=${o}>${enumLabel(field.type, o)}</option>`)}
    </select>`;
  } else if (field.kind === 'bool') {
    const v = value === true ? 'true' : value === false ? 'false' : '';
    control = html`<select id=${id} value=${v} disabled=${disabled}
      onChange=${(e) => { const s = e.currentTarget.value; onChange(s === '' ? undefined : s === 'true'); }}>
      <option value="">${t('rf.unset')}</option>
      <option value="true">${t('rf.yes')}</option>
      <option value="false">${t('rf.no')}</option>
    </select>`;
  } else if (field.kind === 'number') {
    control = html`<${NumberInput} id=${id} step=${field.step} value=${value} disabled=${disabled}
      required=${field.required} onChange=${onChange} />`;
  } else if (field.kind === 'date') {
    control = html`<input id=${id} type="date" value=${value ?? ''} disabled=${disabled}
      onInput=${(e) => onChange(e.currentTarget.value || undefined)} />`;
  } else {
    control = html`<input id=${id} type="text" value=${value ?? ''} disabled=${disabled} required=${field.required}
      autocomplete="off" onInput=${(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)} />`;
  }
  return html`<div class="field" data-field=${field.path}><label for=${id}>${text}</label>${control}</div>`;
}

/**
 * A number field that keeps what is being typed ("1." on the way to "1.5") while the request holds
 * the number; a value changed from outside replaces the text.
 */
export function NumberInput({ id, value, onChange, step, disabled, required, ...rest }) {
  const [text, setText] = useState(value === undefined || value === null ? '' : String(value));
  useEffect(() => {
    const typed = text.trim() === '' ? undefined : Number(text);
    if (typed !== value && !(value === null && typed === undefined)) setText(value === undefined || value === null ? '' : String(value));
  }, [value]);
  return html`<input id=${id} type="number" inputmode="decimal" step=${step || 'any'} min="0" value=${text}
    disabled=${disabled} required=${required} ...${rest}
    onInput=${(e) => { const s = e.currentTarget.value; setText(s); onChange(s.trim() === '' ? undefined : Number(s)); }} />`;
}

function Guarantees({ value, onChange, disabled }) {
  const chosen = Array.isArray(value) ? value : [];
  const toggle = (g) => onChange(chosen.includes(g) ? chosen.filter((x) => x !== g) : [...chosen, g]);
  return html`<fieldset class="field">
    <legend>${t('rf.offeredGuarantees')}</legend>
    ${ENUMS.guarantee.map((g) => html`<label class="check">
      <input type="checkbox" checked=${chosen.includes(g)} disabled=${disabled} onChange=${() => toggle(g)} />
      ${enumLabel('guarantee', g)}</label>`)}
  </fieldset>`;
}

/**
 * The whole request. withProduct shows the product field (a choice among `products`
 * [{code, name}] when given, else a text field); without it the request has no productCode
 * (offers). `disabled` makes every field read-only.
 */
export function RequestForm({ value, onChange, withProduct, products, disabled }) {
  const v = value || {};
  const set = (path) => (x) => onChange(setPath(v, path, x));
  const fields = (list) => list.map((f) => html`<${RequestField} key=${f.path} field=${f} value=${getPath(v, f.path)}
    onChange=${set(f.path)} disabled=${disabled} />`);
  const productId = useId('rf');
  const product = withProduct && html`<div class="field"><label for=${productId}>${t('rf.productCode')} *</label>
    ${products
      ? html`<select id=${productId} value=${v.productCode ?? ''} disabled=${disabled} required
          onChange=${(e) => set('productCode')(e.currentTarget.value || undefined)}>
          <option value="">${t('rf.unset')}</option>
          ${products.map((p) => html`<option value=${p.code}>${p.name ? `${p.name} · ${p.code}` : p.code}</option>`)}
        </select>`
      : html`<input id=${productId} value=${v.productCode ?? ''} disabled=${disabled} required
          onInput=${(e) => set('productCode')(e.currentTarget.value || undefined)} />`}
  </div>`;
  return html`<div class="request-form" role="group" aria-label=${t('rf.request')}>
    <h3>${t('rf.general')}</h3>
    <div class="form-grid">${product}${fields(REQUEST_FIELDS.general)}</div>
    <h3>${t('rf.applicant')}</h3>
    <div class="form-grid">${fields(REQUEST_FIELDS.applicant)}</div>
    <h3>${t('rf.hukou')} · ${t('rf.credit')}</h3>
    <div class="form-grid">${fields(REQUEST_FIELDS.hukou)}${fields(REQUEST_FIELDS.credit)}</div>
    <h3>${t('rf.application')}</h3>
    <div class="form-grid">${fields(REQUEST_FIELDS.application)}
      <${Guarantees} value=${getPath(v, 'application.offeredGuarantees')} disabled=${disabled}
        onChange=${set('application.offeredGuarantees')} />
    </div>
  </div>`;
}
