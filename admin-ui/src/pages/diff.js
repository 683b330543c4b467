// Two versions of a product side by side: the DRL of every changed file in CodeMirror's merge
// view (read-only, only the differences by default), and the product's scenario suite run on both
// now (GET /products/{code}/diff), with the cases whose result differs. VersionDiff is reused by
// the review queue.
import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers, highlightSpecialChars } from '@codemirror/view';
import { syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { MergeView } from '@codemirror/merge';
import { get, qs } from '../api.js';
import { drl } from '../drl.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { navigate } from '../router.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, html, useAsync, useId } from '../ui.js';
import './diff.css';

addMessages({
  zh: {
    'diff.title': '版本对比 · {code}', 'diff.from': '旧版本', 'diff.to': '新版本', 'diff.compare': '对比',
    'diff.onlyChanges': '只看差异', 'diff.files': '文件', 'diff.file': '文件', 'diff.change': '变化',
    'diff.lines': '行数', 'diff.noChanges': '两个版本的规则内容相同。', 'diff.unchangedHidden': '另有 {n} 个文件未变化（取消“只看差异”可查看）。',
    'diff.change.ADDED': '新增', 'diff.change.REMOVED': '删除', 'diff.change.MODIFIED': '修改', 'diff.change.UNCHANGED': '未变',
    'diff.suite': '测试案例结果', 'diff.suite.summary': '共 {total} 个案例：v{from} 通过 {passedFrom} 个，v{to} 通过 {passedTo} 个，结果不同 {changed} 个。',
    'diff.suite.changed': '结果不同的案例', 'diff.suite.none': '所有案例在两个版本上的结果相同。',
    'diff.case': '案例', 'diff.pass': '通过', 'diff.fail': '未通过', 'diff.invalid': '未通过校验',
    'diff.field': '字段', 'diff.expected': '期望', 'diff.actual': '实际',
    'diff.problems': 'v{version} 未通过校验，案例未运行：', 'diff.pick': '请选择两个版本进行对比。', 'diff.sameVersion': '请选择两个不同的版本。',
    'diff.editorLabel': 'v{version} {path}', 'diff.passed': '通过', 'diff.failed': '未通过',
    'diff.showAllLines': '显示全部内容', 'diff.unchangedLines': '$ 行未变化（点击展开）',
  },
  en: {
    'diff.title': 'Compare versions · {code}', 'diff.from': 'Older version', 'diff.to': 'Newer version', 'diff.compare': 'Compare',
    'diff.onlyChanges': 'Only the differences', 'diff.files': 'Files', 'diff.file': 'File', 'diff.change': 'Change',
    'diff.lines': 'Lines', 'diff.noChanges': 'The two versions have the same rules.', 'diff.unchangedHidden': '{n} more files are unchanged (clear "Only the differences" to see them).',
    'diff.change.ADDED': 'added', 'diff.change.REMOVED': 'removed', 'diff.change.MODIFIED': 'changed', 'diff.change.UNCHANGED': 'unchanged',
    'diff.suite': 'Scenario results', 'diff.suite.summary': '{total} cases: v{from} passes {passedFrom}, v{to} passes {passedTo}, {changed} differ.',
    'diff.suite.changed': 'Cases whose result differs', 'diff.suite.none': 'Every case has the same result on both versions.',
    'diff.case': 'Case', 'diff.pass': 'passes', 'diff.fail': 'fails', 'diff.invalid': 'does not validate',
    'diff.field': 'Field', 'diff.expected': 'Expected', 'diff.actual': 'Actual',
    'diff.problems': 'v{version} does not validate; the cases did not run:', 'diff.pick': 'Choose two versions to compare.', 'diff.sameVersion': 'Choose two different versions.',
    'diff.editorLabel': 'v{version} {path}', 'diff.passed': 'Passed', 'diff.failed': 'Failed',
    'diff.showAllLines': 'Show everything', 'diff.unchangedLines': '$ unchanged lines (click to show)',
  },
});

const enc = encodeURIComponent;

function readOnly(label) {
  return [
    lineNumbers(), highlightSpecialChars(), drl(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    EditorState.phrases.of({ '$ unchanged lines': t('diff.unchangedLines') }),
  ];
}

/** One file, old on the left and new on the right, in CodeMirror's merge view. */
export function FileMerge({ path, fromVersion, toVersion, before, after, collapse }) {
  const host = useRef(null);
  useEffect(() => {
    const view = new MergeView({
      a: { doc: before ?? '', extensions: readOnly(t('diff.editorLabel', { version: fromVersion, path })) },
      b: { doc: after ?? '', extensions: readOnly(t('diff.editorLabel', { version: toVersion, path })) },
      parent: host.current,
      highlightChanges: true,
      gutter: true,
      collapseUnchanged: collapse ? { margin: 3, minSize: 4 } : undefined,
    });
    return () => view.destroy();
  }, [path, before, after, collapse]);
  return html`<div class="merge-host" ref=${host} data-file=${path}></div>`;
}

function ChangeBadge({ change }) {
  return html`<span class=${'badge diff-' + change.toLowerCase()}>${t('diff.change.' + change)}</span>`;
}

function CaseSide({ result, side }) {
  if (!result) return html`<span class="badge badge-fail">${t('diff.invalid')}</span>`;
  return html`<div>
    <span class=${'badge ' + (result.passed ? 'badge-pass' : 'badge-fail')}>${result.passed ? t('diff.pass') : t('diff.fail')}</span>
    ${result.differences.length > 0 && html`<table class="data compact" aria-label=${side}>
      <thead><tr><th scope="col">${t('diff.field')}</th><th scope="col">${t('diff.expected')}</th><th scope="col">${t('diff.actual')}</th></tr></thead>
      <tbody>${result.differences.map((d) => html`<tr><td><code>${d.field}</code></td><td>${d.expected}</td><td>${d.actual}</td></tr>`)}</tbody>
    </table>`}
  </div>`;
}

function Problems({ side }) {
  if (!side || !side.problems || !side.problems.length) return null;
  return html`<div class="error" role="alert"><strong>${t('diff.problems', { version: side.version })}</strong>
    <ul class="error-fields">${side.problems.map((p) => html`<li><code>${p.file}:${p.line}:${p.column}</code> ${p.message}</li>`)}</ul></div>`;
}

/** The suite on both sides: pass counts and the cases whose result differs. */
export function SuiteComparison({ diff }) {
  const s = diff.summary;
  const changed = diff.scenarios.filter((c) => c.changed);
  return html`<section class="diff-suite" aria-label=${t('diff.suite')}>
    <h3>${t('diff.suite')}</h3>
    <p data-testid="suite-summary">${t('diff.suite.summary', { total: s.total, from: diff.from.version, to: diff.to.version,
      passedFrom: s.passedFrom, passedTo: s.passedTo, changed: s.changed })}</p>
    <div class="suite-counts">
      <div class="count-card"><span>v${diff.from.version}</span><strong>${s.passedFrom} / ${s.total}</strong><small>${t('diff.passed')}</small></div>
      <div class="count-card"><span>v${diff.to.version}</span><strong>${s.passedTo} / ${s.total}</strong><small>${t('diff.passed')}</small></div>
    </div>
    <${Problems} side=${diff.from} /><${Problems} side=${diff.to} />
    ${changed.length === 0 ? html`<p class="hint">${t('diff.suite.none')}</p>` : html`<div class="table-wrap"><table class="data">
      <caption>${t('diff.suite.changed')} (${changed.length})</caption>
      <thead><tr><th scope="col">${t('diff.case')}</th><th scope="col">v${diff.from.version}</th><th scope="col">v${diff.to.version}</th></tr></thead>
      <tbody>${changed.map((c) => html`<tr>
        <th scope="row">${c.scenario}</th>
        <td><${CaseSide} result=${c.from} side=${'v' + diff.from.version} /></td>
        <td><${CaseSide} result=${c.to} side=${'v' + diff.to.version} /></td>
      </tr>`)}</tbody>
    </table></div>`}
  </section>`;
}

/** The DRL and suite diff of two versions of a product: the component the review queue shows. */
export function VersionDiff({ code, from, to }) {
  const [collapse, setCollapse] = useState(true);
  const toggleId = useId('diff-only');
  const data = useAsync(() => Promise.all([
    get(`/products/${enc(code)}/diff` + qs({ from, to })),
    get(`/products/${enc(code)}/versions/${enc(from)}`),
    get(`/products/${enc(code)}/versions/${enc(to)}`),
  ]), [code, from, to]);
  if (data.loading && !data.data) return html`<${Loading} />`;
  if (data.error) return html`<${ErrorMessage} error=${data.error} />`;
  const [diff, a, b] = data.data;
  const changed = diff.files.filter((f) => f.change !== 'UNCHANGED');
  const shown = collapse ? changed : diff.files;
  return html`<div class="version-diff" data-testid="version-diff">
    <div class="diff-head">
      <span>v${diff.from.version} <${StatusBadge} status=${diff.from.status} /> → v${diff.to.version} <${StatusBadge} status=${diff.to.status} /></span>
      <label class="check" for=${toggleId}><input id=${toggleId} type="checkbox" checked=${collapse}
        onChange=${(e) => setCollapse(e.currentTarget.checked)} /> ${t('diff.onlyChanges')}</label>
    </div>
    <div class="table-wrap"><table class="data diff-files">
      <caption>${t('diff.files')}</caption>
      <thead><tr><th scope="col">${t('diff.file')}</th><th scope="col">${t('diff.change')}</th><th scope="col" class="num">${t('diff.lines')}</th></tr></thead>
      <tbody>${shown.map((f) => html`<tr>
        <td><code>${f.path}</code></td><td><${ChangeBadge} change=${f.change} /></td>
        <td class="num">${f.change === 'UNCHANGED' ? '' : html`<span class="plus">+${f.linesAdded}</span> <span class="minus">−${f.linesRemoved}</span>`}</td>
      </tr>`)}</tbody>
    </table></div>
    ${changed.length === 0 && html`<p class="hint">${t('diff.noChanges')}</p>`}
    ${collapse && diff.files.length > changed.length && html`<p class="hint">${t('diff.unchangedHidden', { n: diff.files.length - changed.length })}</p>`}
    ${shown.map((f) => html`<section class="diff-file" aria-label=${f.path}>
      <h3><code>${f.path}</code> <${ChangeBadge} change=${f.change} /></h3>
      <div class="merge-labels"><span>v${diff.from.version}</span><span>v${diff.to.version}</span></div>
      <${FileMerge} path=${f.path} fromVersion=${diff.from.version} toVersion=${diff.to.version}
        before=${a.files[f.path]} after=${b.files[f.path]} collapse=${collapse} />
    </section>`)}
    <${SuiteComparison} diff=${diff} />
  </div>`;
}

export function DiffPage({ code, query }) {
  const product = useAsync(() => get(`/products/${enc(code)}`), [code]);
  const fromId = useId();
  const toId = useId();
  const p = product.data;
  const versions = p ? [...p.versions].sort((x, y) => y.version - x.version) : [];
  const latest = versions.length ? versions[0].version : null;
  const defaultFrom = p ? (p.inForce && p.inForce.version !== latest ? p.inForce.version : (versions[1] || versions[0] || {}).version) : null;
  const from = query.from || (defaultFrom != null ? String(defaultFrom) : '');
  const to = query.to || (latest != null ? String(latest) : '');
  const go = (f, tt) => navigate(`/products/${enc(code)}/diff` + qs({ from: f, to: tt }));
  return html`<section>
    <${PageTitle}>${t('diff.title', { code })}<//>
    <${ErrorMessage} error=${product.error} />
    ${product.loading && !p && html`<${Loading} />`}
    ${p && html`<form class="inline-form" aria-label=${t('diff.compare')} onSubmit=${(e) => e.preventDefault()}>
      <div class="field"><label for=${fromId}>${t('diff.from')}</label>
        <select id=${fromId} value=${from} onChange=${(e) => go(e.currentTarget.value, to)}>
          ${versions.map((v) => html`<option value=${String(v.version)}>v${v.version} · ${enumLabel('status', v.status)}</option>`)}
        </select></div>
      <div class="field"><label for=${toId}>${t('diff.to')}</label>
        <select id=${toId} value=${to} onChange=${(e) => go(from, e.currentTarget.value)}>
          ${versions.map((v) => html`<option value=${String(v.version)}>v${v.version} · ${enumLabel('status', v.status)}</option>`)}
        </select></div>
    </form>`}
    ${p && (!from || !to) && html`<p class="hint">${t('diff.pick')}</p>`}
    ${p && from && to && from === to && html`<p class="hint">${t('diff.sameVersion')}</p>`}
    ${p && from && to && from !== to && html`<${VersionDiff} code=${code} from=${from} to=${to} />`}
  </section>`;
}
