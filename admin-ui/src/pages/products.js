// Products: every product with its status, the version in force and the next scheduled one;
// product managers create a product from a copy of any version or from the starter rule set.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { ENUMS } from '../enums.js';
import { addMessages, enumLabel, language, t } from '../i18n.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../session.js';
import { date } from '../format.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, TextInput, html, useAction, useAsync, useId } from '../ui.js';

addMessages({
  zh: {
    'products.title': '产品', 'products.code': '产品代码', 'products.name': '名称', 'products.segments': '客群',
    'products.status': '状态', 'products.inForce': '当前生效版本', 'products.next': '下一个待生效版本',
    'products.scenarios': '测试案例', 'products.none': '无', 'products.version': 'v{version}，自 {from} 起',
    'products.create': '新建产品', 'products.create.title': '新建产品', 'products.nameZh': '中文名称', 'products.nameEn': '英文名称',
    'products.description': '说明', 'products.copyFrom': '复制自', 'products.starter': '初始规则集（空白产品）',
    'products.copyOf': '{code} v{version}（{status}）', 'products.submit': '创建', 'products.count': '共 {n} 个产品',
  },
  en: {
    'products.title': 'Products', 'products.code': 'Code', 'products.name': 'Name', 'products.segments': 'Segments',
    'products.status': 'Status', 'products.inForce': 'Version in force', 'products.next': 'Next scheduled version',
    'products.scenarios': 'Scenarios', 'products.none': 'none', 'products.version': 'v{version}, from {from}',
    'products.create': 'New product', 'products.create.title': 'New product', 'products.nameZh': 'Chinese name', 'products.nameEn': 'English name',
    'products.description': 'Description', 'products.copyFrom': 'Copy from', 'products.starter': 'The starter rule set (empty product)',
    'products.copyOf': '{code} v{version} ({status})', 'products.submit': 'Create', 'products.count': '{n} products',
  },
});

export function productName(p) {
  return language.value === 'en' ? p.nameEn : p.nameZh;
}

function versionText(ref) {
  return ref ? t('products.version', { version: ref.version, from: date(ref.effectiveFrom) }) : t('products.none');
}

function CreateProduct({ products, onCreated, onCancel }) {
  const [form, setForm] = useState({ code: '', nameZh: '', nameEn: '', description: '', segments: [], copy: '' });
  const set = (k) => (v) => setForm({ ...form, [k]: v });
  const copyId = useId();
  const segId = useId();
  const sources = useAsync(() => Promise.all(products.map((p) => get(`/products/${encodeURIComponent(p.code)}`))), [products]);
  const [create, busy, error] = useAction(async () => {
    const [code, version] = form.copy ? form.copy.split(':') : [];
    const body = {
      code: form.code.trim(), nameZh: form.nameZh, nameEn: form.nameEn, description: form.description || null,
      segments: form.segments, copyFrom: form.copy ? { productCode: code, version: Number(version) } : null,
    };
    const created = await post('/products', body);
    onCreated(created);
  });
  const toggle = (s) => setForm({ ...form, segments: form.segments.includes(s) ? form.segments.filter((x) => x !== s) : [...form.segments, s] });
  return html`<form class="card form-grid" aria-label=${t('products.create.title')} onSubmit=${(e) => { e.preventDefault(); create(); }}>
    <h2>${t('products.create.title')}</h2>
    <${TextInput} label=${t('products.code')} value=${form.code} onInput=${set('code')} required hint="FUNONG_XX" />
    <${TextInput} label=${t('products.nameZh')} value=${form.nameZh} onInput=${set('nameZh')} required />
    <${TextInput} label=${t('products.nameEn')} value=${form.nameEn} onInput=${set('nameEn')} required />
    <${TextInput} label=${t('products.description')} value=${form.description} onInput=${set('description')} />
    <fieldset class="field wide" id=${segId}>
      <legend>${t('products.segments')} *</legend>
      ${ENUMS.segment.map((s) => html`<label class="check"><input type="checkbox" checked=${form.segments.includes(s)}
        onChange=${() => toggle(s)} /> ${enumLabel('segment', s)}</label>`)}
    </fieldset>
    <div class="field wide">
      <label for=${copyId}>${t('products.copyFrom')}</label>
      <select id=${copyId} value=${form.copy} onChange=${(e) => set('copy')(e.currentTarget.value)}>
        <option value="">${t('products.starter')}</option>
        ${(sources.data || []).flatMap((p) => p.versions.map((v) => html`<option value=${p.code + ':' + v.version}>
          ${t('products.copyOf', { code: p.code, version: v.version, status: enumLabel('status', v.status) })}</option>`))}
      </select>
    </div>
    <div class="wide"><${ErrorMessage} error=${error || sources.error} /></div>
    <div class="wide buttons">
      <button type="submit" class="primary" disabled=${busy}>${t('products.submit')}</button>
      <button type="button" onClick=${onCancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}

export function ProductsPage() {
  const list = useAsync(() => get('/products'), []);
  const [creating, setCreating] = useState(false);
  const canCreate = hasRole('PRODUCT_MANAGER');
  return html`<section>
    <${PageTitle} actions=${canCreate && !creating && html`<button type="button" class="primary" onClick=${() => setCreating(true)}>${t('products.create')}</button>`}>
      ${t('products.title')}<//>
    ${creating && list.data && html`<${CreateProduct} products=${list.data} onCancel=${() => setCreating(false)}
      onCreated=${(p) => navigate('/products/' + encodeURIComponent(p.code))} />`}
    ${list.loading && html`<${Loading} />`}
    <${ErrorMessage} error=${list.error} />
    ${list.data && html`<table class="data">
      <caption>${t('products.count', { n: list.data.length })}</caption>
      <thead><tr>
        <th scope="col">${t('products.code')}</th><th scope="col">${t('products.name')}</th>
        <th scope="col">${t('products.segments')}</th><th scope="col">${t('products.status')}</th>
        <th scope="col">${t('products.inForce')}</th><th scope="col">${t('products.next')}</th>
        <th scope="col" class="num">${t('products.scenarios')}</th>
      </tr></thead>
      <tbody>${list.data.map((p) => html`<tr>
        <td><a href=${href('products', p.code)}>${p.code}</a></td>
        <td>${productName(p)}</td>
        <td>${p.segments.map((s) => enumLabel('segment', s)).join('、')}</td>
        <td><${StatusBadge} status=${p.status} /></td>
        <td>${versionText(p.inForce)}</td>
        <td>${versionText(p.scheduled && p.scheduled[0])}</td>
        <td class="num">${p.scenarios}</td>
      </tr>`)}</tbody>
    </table>`}
  </section>`;
}
