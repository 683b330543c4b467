// A product's scenario suite: the cases as a table, a case edited in a form with Chinese labels
// (raw JSON as an option), copy and delete, and the suite run on a chosen version with each case's
// result and, for a failure, every differing field with the expected and the actual value.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, del, get, post, put } from '../api.js';
import { ENUMS } from '../enums.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { dateTime, money, pct, todayShanghai } from '../format.js';
import { href } from '../router.js';
import { hasRole } from '../session.js';
import { NumberInput, RequestForm } from '../request-form.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, errorTitle, html, useAsync, useId } from '../ui.js';
import { productName } from './products.js';
import './scenarios.css';

addMessages({
  zh: {
    'sc.title': '{name} · 测试案例', 'sc.product': '产品页', 'sc.add': '新建案例', 'sc.count': '共 {n} 个案例',
    'sc.name': '案例名', 'sc.caseTitle': '标题', 'sc.description': '说明（手工计算过程）', 'sc.segment': '客群',
    'sc.income': '年收入', 'sc.amount': '申请金额', 'sc.term': '期限（月）', 'sc.outcome': '预期结果', 'sc.tier': '预期等级',
    'sc.limit': '预期额度', 'sc.rate': '预期利率', 'sc.lastResult': '最近结果', 'sc.actions': '操作',
    'sc.edit': '编辑', 'sc.copy': '复制', 'sc.delete': '删除', 'sc.deleteConfirm': '删除案例 {name}？',
    'sc.editTitle': '编辑案例 {name}', 'sc.newTitle': '新建案例', 'sc.copyTitle': '复制案例 {name}',
    'sc.nameHint': '1–200 个字母、数字、“.”、“_”或“-”，以字母或数字开头；保存后不能修改',
    'sc.json': '以 JSON 编辑', 'sc.jsonLabel': '案例 JSON（title、description、request、expected、firedRules）',
    'sc.jsonInvalid': 'JSON 格式有误：{message}', 'sc.save': '保存案例', 'sc.saving': '正在保存…', 'sc.cancel': '取消',
    'sc.saved': '已保存案例 {name}', 'sc.deleted': '已删除案例 {name}', 'sc.request': '申请（决策请求）',
    'sc.expected': '预期决策', 'sc.expectedHint': '只核对勾选的字段；不勾选的字段不检查。',
    'sc.conflict': '保存失败：这个案例已被他人修改。您的修改仍保留在表单中。', 'sc.reloadCase': '重新加载此案例（放弃我的修改）',
    'sc.keep': '保留我的修改', 'sc.reloadList': '重新加载案例列表', 'sc.firedRules': '必须触发的规则（每行一条，可留空）',
    'sc.run': '运行测试', 'sc.runTitle': '运行测试案例', 'sc.version': '运行的版本', 'sc.running': '正在运行全部案例…',
    'sc.runSummary': '测试运行 #{id}：{passed} / {total} 通过，{failed} 个未通过 · {at} · {by}',
    'sc.notCurrent': '（这次运行之后版本内容已修改）', 'sc.noRun': '这个版本还没有运行过测试。',
    'sc.results': '测试结果', 'sc.showAll': '显示全部 {n} 个案例的结果', 'sc.case': '案例', 'sc.result': '结果',
    'sc.field': '不同的字段', 'sc.exp': '预期', 'sc.act': '实际',
    'sc.pass': '通过', 'sc.fail': '未通过', 'sc.notRun': '未运行', 'sc.allPass': '全部通过',
    'sc.x.outcome': '预期结果', 'sc.x.tier': '预期等级', 'sc.x.creditLimit': '预期授信额度（元）', 'sc.x.annualRatePct': '预期年利率（%）',
    'sc.x.guarantee.required': '预期需要担保', 'sc.x.guarantee.acceptableTypes': '预期可接受的担保方式',
    'sc.x.guarantee.securedBy': '预期担保方式', 'sc.x.approvalLevel': '预期审批层级', 'sc.x.reasons': '预期原因代码（按顺序，逗号分隔）',
    'sc.x.validityMonths': '预期额度有效期（月）', 'sc.x.lprPct': '预期 LPR（%）',
    'sc.c.outcome': '核对结果', 'sc.c.tier': '核对等级', 'sc.c.creditLimit': '核对授信额度', 'sc.c.annualRatePct': '核对年利率',
    'sc.c.guarantee.required': '核对是否需要担保', 'sc.c.guarantee.acceptableTypes': '核对可接受的担保方式',
    'sc.c.guarantee.securedBy': '核对担保方式', 'sc.c.approvalLevel': '核对审批层级', 'sc.c.reasons': '核对原因代码',
    'sc.c.validityMonths': '核对额度有效期', 'sc.c.lprPct': '核对 LPR',
    'sc.nullHint': '留空表示无（拒绝时为空）', 'sc.none': '无',
  },
  en: {
    'sc.title': '{name} · scenarios', 'sc.product': 'Product page', 'sc.add': 'New scenario', 'sc.count': '{n} scenarios',
    'sc.name': 'Name', 'sc.caseTitle': 'Title', 'sc.description': 'Description (the hand computation)', 'sc.segment': 'Segment',
    'sc.income': 'Annual income', 'sc.amount': 'Requested', 'sc.term': 'Term (months)', 'sc.outcome': 'Expected outcome', 'sc.tier': 'Expected tier',
    'sc.limit': 'Expected limit', 'sc.rate': 'Expected rate', 'sc.lastResult': 'Last result', 'sc.actions': 'Actions',
    'sc.edit': 'Edit', 'sc.copy': 'Copy', 'sc.delete': 'Delete', 'sc.deleteConfirm': 'Delete scenario {name}?',
    'sc.editTitle': 'Edit scenario {name}', 'sc.newTitle': 'New scenario', 'sc.copyTitle': 'Copy of scenario {name}',
    'sc.nameHint': '1–200 letters, digits, ".", "_" or "-", starting with a letter or digit; cannot change once saved',
    'sc.json': 'Edit as JSON', 'sc.jsonLabel': 'Scenario JSON (title, description, request, expected, firedRules)',
    'sc.jsonInvalid': 'The JSON is not valid: {message}', 'sc.save': 'Save scenario', 'sc.saving': 'Saving…', 'sc.cancel': 'Cancel',
    'sc.saved': 'Scenario {name} saved', 'sc.deleted': 'Scenario {name} deleted', 'sc.request': 'Request (the decision request)',
    'sc.expected': 'Expected decision', 'sc.expectedHint': 'Only the ticked fields are checked.',
    'sc.conflict': 'Not saved: someone else changed this scenario. Your changes are still in the form.', 'sc.reloadCase': 'Reload this scenario (discard my changes)',
    'sc.keep': 'Keep my changes', 'sc.reloadList': 'Reload the scenarios', 'sc.firedRules': 'Rules that must fire (one a line, optional)',
    'sc.run': 'Run the suite', 'sc.runTitle': 'Run the scenarios', 'sc.version': 'Version to run', 'sc.running': 'Running every scenario…',
    'sc.runSummary': 'Test run #{id}: {passed} of {total} passed, {failed} failed · {at} · {by}',
    'sc.notCurrent': '(the version changed after this run)', 'sc.noRun': 'This version has not been tested yet.',
    'sc.results': 'Test results', 'sc.showAll': 'Show the result of all {n} scenarios', 'sc.case': 'Scenario', 'sc.result': 'Result',
    'sc.field': 'Differing field', 'sc.exp': 'Expected', 'sc.act': 'Actual',
    'sc.pass': 'Passed', 'sc.fail': 'Failed', 'sc.notRun': 'Not run', 'sc.allPass': 'All passed',
    'sc.x.outcome': 'Expected outcome', 'sc.x.tier': 'Expected tier', 'sc.x.creditLimit': 'Expected credit limit (yuan)', 'sc.x.annualRatePct': 'Expected annual rate (%)',
    'sc.x.guarantee.required': 'Expected: guarantee required', 'sc.x.guarantee.acceptableTypes': 'Expected acceptable guarantees',
    'sc.x.guarantee.securedBy': 'Expected secured by', 'sc.x.approvalLevel': 'Expected approval level', 'sc.x.reasons': 'Expected reason codes (in order, comma separated)',
    'sc.x.validityMonths': 'Expected validity (months)', 'sc.x.lprPct': 'Expected LPR (%)',
    'sc.c.outcome': 'Check outcome', 'sc.c.tier': 'Check tier', 'sc.c.creditLimit': 'Check credit limit', 'sc.c.annualRatePct': 'Check annual rate',
    'sc.c.guarantee.required': 'Check guarantee required', 'sc.c.guarantee.acceptableTypes': 'Check acceptable guarantees',
    'sc.c.guarantee.securedBy': 'Check secured by', 'sc.c.approvalLevel': 'Check approval level', 'sc.c.reasons': 'Check reason codes',
    'sc.c.validityMonths': 'Check validity', 'sc.c.lprPct': 'Check LPR',
    'sc.nullHint': 'Empty means none (as when declined)', 'sc.none': 'none',
  },
});

const enc = encodeURIComponent;

/** The expected fields of the scenario format (rule-tests README), with the value a newly ticked one starts at. */
const EXPECTED = [
  { path: 'outcome', kind: 'enum', type: 'outcome', start: 'APPROVED' },
  { path: 'tier', kind: 'text', nullable: true, start: null },
  { path: 'creditLimit', kind: 'number', start: 0 },
  { path: 'annualRatePct', kind: 'number', nullable: true, start: null },
  { path: 'guarantee.required', kind: 'bool', start: false },
  { path: 'guarantee.acceptableTypes', kind: 'guarantees', start: [] },
  { path: 'guarantee.securedBy', kind: 'enum', type: 'guarantee', nullable: true, start: null },
  { path: 'approvalLevel', kind: 'enum', type: 'approvalLevel', nullable: true, start: null },
  { path: 'reasons', kind: 'list', start: [] },
  { path: 'validityMonths', kind: 'number', start: 0 },
  { path: 'lprPct', kind: 'number', start: 0 },
];

function has(obj, path) {
  const [head, ...rest] = path.split('.');
  if (!obj || typeof obj !== 'object' || !(head in obj)) return false;
  return rest.length === 0 ? true : has(obj[head], rest.join('.'));
}
function read(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}
/** A copy with the value at path set, or removed (remove = true), dropping an object left empty. */
function write(obj, path, value, remove) {
  const [head, ...rest] = path.split('.');
  const copy = { ...(obj || {}) };
  if (rest.length === 0) {
    if (remove) delete copy[head]; else copy[head] = value;
    return copy;
  }
  const child = write(copy[head], rest.join('.'), value, remove);
  if (Object.keys(child).length === 0) delete copy[head]; else copy[head] = child;
  return copy;
}

/** A comma-separated list of codes that keeps what is being typed. */
function ListInput({ id, value, onChange, disabled }) {
  const [text, setText] = useState((value || []).join(', '));
  useEffect(() => {
    const typed = text.split(/[,，\s]+/).filter(Boolean);
    if (typed.join(',') !== (value || []).join(',')) setText((value || []).join(', '));
  }, [value]);
  return html`<input id=${id} value=${text} disabled=${disabled} autocomplete="off" spellcheck="false"
    onInput=${(e) => { const s = e.currentTarget.value; setText(s); onChange(s.split(/[,，\s]+/).filter(Boolean)); }} />`;
}

function ExpectedField({ field, expected, onChange }) {
  const id = useId('x');
  const checkId = useId('xc');
  const checked = has(expected, field.path);
  const value = read(expected, field.path);
  const set = (v) => onChange(write(expected, field.path, v, false));
  let control;
  if (field.kind === 'enum') {
    control = html`<select id=${id} disabled=${!checked} value=${value ?? ''}
      onChange=${(e) => set(e.currentTarget.value === '' ? null : e.currentTarget.value)}>
      ${field.nullable && html`<option value="">${t('sc.none')}</option>`}
      ${ENUMS[field.type].map((o) => html`<option value=${o}>${enumLabel(field.type, o)}</option>`)}
    </select>`;
  } else if (field.kind === 'bool') {
    control = html`<select id=${id} disabled=${!checked} value=${value ? 'true' : 'false'}
      onChange=${(e) => set(e.currentTarget.value === 'true')}>
      <option value="true">${t('common.yes')}</option><option value="false">${t('common.no')}</option>
    </select>`;
  } else if (field.kind === 'number') {
    control = html`<${NumberInput} id=${id} disabled=${!checked} value=${value}
      onChange=${(v) => set(v === undefined ? null : v)} />`;
  } else if (field.kind === 'list') {
    control = html`<${ListInput} id=${id} disabled=${!checked} value=${value} onChange=${set} />`;
  } else if (field.kind === 'guarantees') {
    const chosen = Array.isArray(value) ? value : [];
    control = html`<div id=${id} role="group" aria-label=${t('sc.x.' + field.path)} class="checks">
      ${ENUMS.guarantee.map((g) => html`<label class="check"><input type="checkbox" disabled=${!checked} checked=${chosen.includes(g)}
        onChange=${() => set(chosen.includes(g) ? chosen.filter((x) => x !== g) : [...chosen, g])} />${enumLabel('guarantee', g)}</label>`)}
    </div>`;
  } else {
    control = html`<input id=${id} disabled=${!checked} value=${value ?? ''} autocomplete="off"
      onInput=${(e) => set(e.currentTarget.value === '' ? null : e.currentTarget.value)} />`;
  }
  return html`<div class=${'field expected-field' + (checked ? '' : ' unchecked')} data-field=${field.path}>
    <div class="expected-head">
      <input type="checkbox" id=${checkId} checked=${checked}
        onChange=${(e) => onChange(write(expected, field.path, field.start, !e.currentTarget.checked))} />
      <label for=${checkId} class="check-label">${t('sc.c.' + field.path)}</label>
    </div>
    ${field.kind === 'guarantees' ? html`<span class="label-like">${t('sc.x.' + field.path)}</span>` : html`<label for=${id}>${t('sc.x.' + field.path)}</label>`}
    ${control}
    ${field.nullable && checked && html`<small class="hint">${t('sc.nullHint')}</small>`}
  </div>`;
}

function contentOf(c) {
  return { title: c.title ?? null, description: c.description ?? null, request: c.request || {}, expected: c.expected || {}, firedRules: c.firedRules ?? null };
}

/** Add, edit or copy one case. mode: 'edit' | 'new'. */
function CaseEditor({ code, productLabel, mode, original, onSaved, onCancel }) {
  const [name, setName] = useState(mode === 'edit' ? original.name : (original ? original.name + '-copy' : ''));
  const [lockVersion, setLockVersion] = useState(mode === 'edit' ? original.lockVersion : null);
  const [content, setContent] = useState(original ? contentOf(original) : {
    title: null, description: null, firedRules: null, expected: { outcome: 'APPROVED' },
    request: { requestId: `scn-${code}-new`, productCode: code, asOfDate: todayShanghai(), applicant: {}, application: {} },
  });
  const [jsonMode, setJsonMode] = useState(false);
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [conflict, setConflict] = useState(null);
  const heading = useRef(null);
  const ids = { name: useId('sc'), title: useId('sc'), description: useId('sc'), json: useId('sc'), fired: useId('sc'), toggle: useId('sc') };
  useEffect(() => { heading.current?.scrollIntoView({ block: 'start' }); heading.current?.focus(); }, []);

  const parseJson = () => {
    try {
      const parsed = JSON.parse(jsonText);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('{ … }');
      setJsonError(null);
      return contentOf(parsed);
    } catch (e) {
      setJsonError(t('sc.jsonInvalid', { message: e.message }));
      return null;
    }
  };
  const toggleJson = (on) => {
    if (on) {
      setJsonText(JSON.stringify(content, null, 2));
      setJsonError(null);
      setJsonMode(true);
    } else {
      const parsed = parseJson();
      if (parsed) { setContent(parsed); setJsonMode(false); }
    }
  };

  const save = async (e) => {
    e.preventDefault();
    const body = jsonMode ? parseJson() : content;
    if (!body) return;
    if (jsonMode) setContent(body);
    setBusy(true);
    setError(null);
    try {
      const stored = mode === 'edit'
        ? await put(`/products/${enc(code)}/scenarios/${enc(name)}`, { ...body, lockVersion })
        : await post(`/products/${enc(code)}/scenarios`, { ...body, name });
      onSaved(stored);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && mode === 'edit') setConflict(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const reloadCase = async () => {
    try {
      const fresh = await get(`/products/${enc(code)}/scenarios/${enc(name)}`);
      setLockVersion(fresh.lockVersion);
      setContent(contentOf(fresh));
      if (jsonMode) setJsonText(JSON.stringify(contentOf(fresh), null, 2));
      setConflict(null);
    } catch (err) {
      setError(err);
    }
  };

  const title = mode === 'edit' ? t('sc.editTitle', { name }) : original ? t('sc.copyTitle', { name: original.name }) : t('sc.newTitle');
  const set = (k) => (v) => setContent({ ...content, [k]: v });
  return html`<form class="card case-editor" aria-label=${title} onSubmit=${save} novalidate>
    <h2 tabindex="-1" ref=${heading}>${title}</h2>
    <div class="form-grid">
      <div class="field"><label for=${ids.name}>${t('sc.name')} *</label>
        <input id=${ids.name} value=${name} disabled=${mode === 'edit'} required autocomplete="off" spellcheck="false"
          onInput=${(e) => setName(e.currentTarget.value)} aria-describedby=${ids.name + '-hint'} />
        <small class="hint" id=${ids.name + '-hint'}>${t('sc.nameHint')}</small></div>
      <div class="field wide"><label for=${ids.title}>${t('sc.caseTitle')}</label>
        <input id=${ids.title} value=${content.title ?? ''} disabled=${jsonMode} onInput=${(e) => set('title')(e.currentTarget.value || null)} /></div>
      <div class="field wide"><label for=${ids.description}>${t('sc.description')}</label>
        <textarea id=${ids.description} rows="3" disabled=${jsonMode} value=${content.description ?? ''}
          onInput=${(e) => set('description')(e.currentTarget.value || null)}></textarea></div>
    </div>
    <label class="check json-toggle"><input type="checkbox" id=${ids.toggle} checked=${jsonMode}
      onChange=${(e) => toggleJson(e.currentTarget.checked)} />${t('sc.json')}</label>
    ${jsonError && html`<div class="error" role="alert">${jsonError}</div>`}
    ${jsonMode
      ? html`<div class="field"><label for=${ids.json}>${t('sc.jsonLabel')}</label>
          <textarea id=${ids.json} class="json-text" rows="28" spellcheck="false" value=${jsonText}
            onInput=${(e) => setJsonText(e.currentTarget.value)}></textarea></div>`
      : html`<div class="case-columns">
          <section aria-label=${t('sc.request')}>
            <h3 class="section-title">${t('sc.request')}</h3>
            <${RequestForm} value=${content.request} onChange=${set('request')} withProduct=${true}
              products=${[{ code, name: productLabel }]} />
          </section>
          <section aria-label=${t('sc.expected')} class="expected">
            <h3 class="section-title">${t('sc.expected')}</h3>
            <p class="hint">${t('sc.expectedHint')}</p>
            ${EXPECTED.map((f) => html`<${ExpectedField} key=${f.path} field=${f} expected=${content.expected} onChange=${set('expected')} />`)}
            <div class="field"><label for=${ids.fired}>${t('sc.firedRules')}</label>
              <textarea id=${ids.fired} rows="3" value=${(content.firedRules || []).join('\n')}
                onInput=${(e) => { const l = e.currentTarget.value.split('\n').map((s) => s.trim()).filter(Boolean); set('firedRules')(l.length ? l : null); }}></textarea></div>
          </section>
        </div>`}
    ${conflict && html`<div class="error" role="alert">
      <strong>${errorTitle(conflict)}</strong>
      <div class="error-detail">${t('sc.conflict')}</div>
      ${conflict.problem.detail && html`<div class="error-detail">${conflict.problem.detail}</div>`}
      <div class="buttons"><button type="button" class="primary" onClick=${reloadCase}>${t('sc.reloadCase')}</button>
        <button type="button" onClick=${() => setConflict(null)}>${t('sc.keep')}</button></div>
    </div>`}
    <${ErrorMessage} error=${error} />
    <div class="buttons">
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('sc.saving') : t('sc.save')}</button>
      <button type="button" onClick=${onCancel}>${t('sc.cancel')}</button>
    </div>
  </form>`;
}

function isNotRun(c) {
  return !c.passed && c.differences.some((d) => d.field === 'evaluation' && String(d.actual).startsWith('not run'));
}
function resultOf(c) {
  if (!c) return null;
  return c.passed ? 'pass' : isNotRun(c) ? 'not-run' : 'fail';
}
function ResultBadge({ result }) {
  if (!result) return html`<span class="hint">—</span>`;
  const label = result === 'pass' ? t('sc.pass') : result === 'fail' ? t('sc.fail') : t('sc.notRun');
  return html`<span class=${'badge badge-' + result}>${label}</span>`;
}

function fieldLabel(field) {
  const key = 'sc.x.' + field;
  const text = t(key);
  return text === key ? field : `${field}（${text.replace(/^预期|^Expected:? ?/, '').replace(/（.*）$/, '')}）`;
}

/** The suite run on a version: choose the version, run, read each case's result. */
function SuiteRun({ code, product, initialVersion, onResult }) {
  const versions = [...product.versions].reverse();
  const draft = versions.find((v) => v.status === 'DRAFT');
  const start = initialVersion || (draft ? draft.version : product.inForce ? product.inForce.version : versions[0]?.version);
  const [version, setVersion] = useState(String(start ?? ''));
  const [run, setRun] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [showAll, setShowAll] = useState(false);
  const versionId = useId('sv');
  const canRun = hasRole('PRODUCT_MANAGER', 'APPROVER');

  useEffect(() => {
    if (!version) return undefined;
    let live = true;
    setRun(null);
    setError(null);
    get(`/products/${enc(code)}/versions/${enc(version)}/test-runs`)
      .then((runs) => (runs.length ? get(`/products/${enc(code)}/versions/${enc(version)}/test-runs/${runs[0].id}`) : null))
      .then((r) => { if (live) { setRun(r || false); onResult(r || null); } })
      .catch((e) => live && setError(e));
    return () => { live = false; };
  }, [version]);

  const start_ = async () => {
    setBusy(true);
    setError(null);
    setRun(null);
    try {
      const r = await post(`/products/${enc(code)}/versions/${enc(version)}/test-runs`);
      setRun(r);
      onResult(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const cases = run ? [...run.cases].sort((a, b) => Number(a.passed) - Number(b.passed)) : [];
  // The cases that did not pass, unless every case is asked for (each case's result is also in the table of cases).
  const shown = showAll ? cases : cases.filter((c) => !c.passed);
  return html`<section class="card suite-run" aria-labelledby="suite-run-heading">
    <h2 id="suite-run-heading">${t('sc.runTitle')}</h2>
    <div class="inline-form">
      <div class="field"><label for=${versionId}>${t('sc.version')}</label>
        <select id=${versionId} value=${version} onChange=${(e) => setVersion(e.currentTarget.value)}>
          ${versions.map((v) => html`<option value=${String(v.version)}>v${v.version} · ${enumLabel('status', v.status)}</option>`)}
        </select></div>
      ${canRun && html`<button type="button" class="primary" onClick=${start_} disabled=${busy || !version}>${busy ? t('sc.running') : t('sc.run')}</button>`}
      ${version && html`<a href=${href('products', code, 'versions', version)}>${t('editor.title', { code, version })}</a>`}
    </div>
    <${ErrorMessage} error=${error} />
    ${busy && html`<p role="status">${t('sc.running')}</p>`}
    ${run === false && !busy && html`<p class="hint">${t('sc.noRun')}</p>`}
    ${run && html`<p role="status" data-testid="run-summary" class=${run.failed ? 'run-failed' : 'run-passed'}>
      ${t('sc.runSummary', { id: run.id, passed: run.passed, total: run.total, failed: run.failed, at: dateTime(run.ranAt), by: run.ranBy })}
      ${run.failed === 0 ? ' · ' + t('sc.allPass') : ''} ${run.ofCurrentContent ? '' : t('sc.notCurrent')}</p>
      <label class="check"><input type="checkbox" checked=${showAll} onChange=${(e) => setShowAll(e.currentTarget.checked)} />${t('sc.showAll', { n: run.total })}</label>
      ${shown.length > 0 && html`<div class="table-wrap"><table class="data results" aria-label=${t('sc.results')}>
        <thead><tr><th scope="col">${t('sc.case')}</th><th scope="col">${t('sc.result')}</th><th scope="col">${t('sc.field')}</th>
          <th scope="col">${t('sc.exp')}</th><th scope="col">${t('sc.act')}</th></tr></thead>
        <tbody>${shown.map((c) => {
          const result = resultOf(c);
          if (c.passed || !c.differences.length) {
            return html`<tr data-case=${c.scenario}><th scope="row">${c.scenario}</th><td><${ResultBadge} result=${result} /></td><td></td><td></td><td></td></tr>`;
          }
          return c.differences.map((d, i) => html`<tr data-case=${c.scenario} class=${'diff-row' + (i ? ' cont' : '')}>
            <th scope="row">${c.scenario}</th><td><${ResultBadge} result=${result} /></td>
            <td>${fieldLabel(d.field)}</td><td><code>${d.expected}</code></td><td><code>${d.actual}</code></td></tr>`);
        })}</tbody>
      </table></div>`}`}
  </section>`;
}

export function ScenariosPage({ code, query }) {
  const data = useAsync(() => Promise.all([get(`/products/${enc(code)}`), get(`/products/${enc(code)}/scenarios`)]), [code]);
  const [editing, setEditing] = useState(null); // { mode, original }
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState(null);
  const [results, setResults] = useState(null);
  // The cases as last read, with this page's own saves and deletions applied at once (an edit
  // right after a save must send the new lockVersion, not wait for the list to be read again).
  const [local, setLocal] = useState(null);
  useEffect(() => { if (data.data) setLocal(data.data[1]); }, [data.data]);
  const pm = hasRole('PRODUCT_MANAGER');
  if (data.loading && !data.data) return html`<${Loading} />`;
  if (data.error) return html`<${ErrorMessage} error=${data.error} />`;
  const product = data.data[0];
  const cases = local || data.data[1];
  const edit = (e) => { setNotice(null); setError(null); setEditing(e); };
  const byCase = results ? Object.fromEntries(results.cases.map((c) => [c.scenario, c])) : {};

  const remove = async (c) => {
    if (!window.confirm(t('sc.deleteConfirm', { name: c.name }))) return;
    setError(null);
    try {
      await del(`/products/${enc(code)}/scenarios/${enc(c.name)}?lockVersion=${c.lockVersion}`);
      setNotice(t('sc.deleted', { name: c.name }));
      setLocal(cases.filter((x) => x.name !== c.name));
    } catch (e) {
      setError(e);
    }
  };

  return html`<section class="scenarios-page">
    <${PageTitle} actions=${html`
      <a class="button" href=${href('products', code)}>${t('sc.product')}</a>
      ${pm && html`<button type="button" class="primary" onClick=${() => edit({ mode: 'new', original: null })}>${t('sc.add')}</button>`}`}>
      ${t('sc.title', { name: productName(product) })}<//>
    ${notice && html`<p role="status" class="notice-ok">${notice}</p>`}
    <${ErrorMessage} error=${error} />
    ${error instanceof ApiError && error.status === 409 && html`<button type="button" onClick=${() => { setError(null); data.reload(); }}>${t('sc.reloadList')}</button>`}
    ${editing && editing.mode === 'view' && html`<section class="card" aria-label=${editing.original.name}>
      <h2>${editing.original.name}</h2>
      <pre class="json-text">${JSON.stringify(contentOf(editing.original), null, 2)}</pre>
      <button type="button" onClick=${() => edit(null)}>${t('common.close')}</button>
    </section>`}
    ${editing && editing.mode !== 'view' && html`<${CaseEditor} key=${editing.mode + ':' + (editing.original ? editing.original.name : '')} code=${code}
      productLabel=${productName(product)} mode=${editing.mode} original=${editing.original}
      onCancel=${() => setEditing(null)}
      onSaved=${(stored) => {
        setEditing(null);
        setNotice(t('sc.saved', { name: stored.name }));
        setLocal(cases.some((x) => x.name === stored.name) ? cases.map((x) => (x.name === stored.name ? stored : x))
          : [...cases, stored].sort((a, b) => (a.name < b.name ? -1 : 1)));
      }} />`}
    <${SuiteRun} code=${code} product=${product} initialVersion=${query && query.version} onResult=${setResults} />
    <div class="table-wrap"><table class="data scenarios" aria-label=${t('sc.title', { name: productName(product) })}>
      <caption>${t('sc.count', { n: cases.length })}</caption>
      <thead><tr>
        <th scope="col">${t('sc.name')}</th><th scope="col">${t('sc.segment')}</th><th scope="col" class="num">${t('sc.income')}</th>
        <th scope="col" class="num">${t('sc.amount')}</th><th scope="col" class="num">${t('sc.term')}</th>
        <th scope="col">${t('sc.outcome')}</th><th scope="col">${t('sc.tier')}</th><th scope="col" class="num">${t('sc.limit')}</th>
        <th scope="col" class="num">${t('sc.rate')}</th><th scope="col">${t('sc.lastResult')}</th><th scope="col">${t('sc.actions')}</th>
      </tr></thead>
      <tbody>${cases.map((c) => {
        const a = (c.request && c.request.applicant) || {};
        const app = (c.request && c.request.application) || {};
        const x = c.expected || {};
        return html`<tr data-case=${c.name}>
          <th scope="row"><div class="case-name">${c.name}</div>${c.title && html`<div class="hint">${c.title}</div>`}</th>
          <td>${enumLabel('segment', a.segment)}</td>
          <td class="num">${money(a.annualIncome)}</td>
          <td class="num">${money(app.requestedAmount)}</td>
          <td class="num">${app.termMonths ?? '—'}</td>
          <td>${'outcome' in x ? html`<${StatusBadge} status=${x.outcome} type="outcome" />` : '—'}</td>
          <td>${'tier' in x ? (x.tier ?? t('sc.none')) : '—'}</td>
          <td class="num">${'creditLimit' in x ? money(x.creditLimit) : '—'}</td>
          <td class="num">${'annualRatePct' in x ? pct(x.annualRatePct) : '—'}</td>
          <td><${ResultBadge} result=${resultOf(byCase[c.name])} /></td>
          <td class="row-actions">
            ${pm ? html`
              <button type="button" class="link" aria-label=${t('sc.edit') + ' ' + c.name} onClick=${() => edit({ mode: 'edit', original: c })}>${t('sc.edit')}</button>
              <button type="button" class="link" aria-label=${t('sc.copy') + ' ' + c.name} onClick=${() => edit({ mode: 'new', original: c })}>${t('sc.copy')}</button>
              <button type="button" class="link danger-link" aria-label=${t('sc.delete') + ' ' + c.name} onClick=${() => remove(c)}>${t('sc.delete')}</button>`
              : html`<button type="button" class="link" aria-label=${t('common.open') + ' ' + c.name} onClick=${() => edit({ mode: 'view', original: c })}>${t('common.open')}</button>`}
          </td>
        </tr>`;
      })}</tbody>
    </table></div>
  </section>`;
}
