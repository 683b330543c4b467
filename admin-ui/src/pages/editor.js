// The rule editor: a version's DRL files in tabs (CodeMirror 6 with the DRL mode), save as draft
// with the lockVersion read (a stale save is a 409: the user keeps the text and may reload),
// validate with every problem marked at its line and column and listed beside the editor (click →
// jump), and the product manager's lifecycle actions on a draft: submit for review, delete.
import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorState } from '@codemirror/state';
import {
  EditorView, crosshairCursor, drawSelection, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, keymap, lineNumbers, rectangularSelection,
} from '@codemirror/view';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { ApiError, del, get, post, put } from '../api.js';
import { drl } from '../drl.js';
import { addMessages, t } from '../i18n.js';
import { dateTime } from '../format.js';
import { href, navigate, setLeaveGuard } from '../router.js';
import { hasRole } from '../session.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, errorTitle, html, useId } from '../ui.js';
import './editor.css';

addMessages({
  zh: {
    'editor.title': '{code} 规则 · 版本 {version}', 'editor.files': '规则文件', 'editor.status': '状态', 'editor.author': '作者',
    'editor.lockVersion': '修订号', 'editor.updatedAt': '最后修改', 'editor.basedOn': '复制自', 'editor.note': '修改说明',
    'editor.save': '保存草稿', 'editor.saving': '正在保存…', 'editor.saved': '已保存（修订号 {lock}）',
    'editor.validate': '校验', 'editor.saveAndValidate': '保存并校验', 'editor.validating': '正在校验…',
    'editor.validateHint': '校验检查的是已保存的版本：有未保存的修改时，“保存并校验”会先保存草稿再校验。',
    'editor.validateReadOnly': '校验检查的是这个版本已保存的内容。',
    'editor.valid': '校验通过：没有问题', 'editor.invalid': '发现 {n} 个问题', 'editor.problems': '问题',
    'editor.noProblems': '尚未校验，或没有问题。', 'editor.staleProblems': '规则已修改，这些问题对应修改前的内容。',
    'editor.kind.SANDBOX': '规则安全检查', 'editor.kind.COMPILE': '编译错误',
    'editor.at': '第 {line} 行，第 {column} 列', 'editor.atLine': '第 {line} 行', 'editor.noLine': '位置不详',
    'editor.generated': '规则代码生成的程序（规则的 then 部分）中的问题：{file}', 'editor.more': '详细信息',
    'editor.cursor': '第 {line} 行，第 {column} 列', 'editor.unsaved': '有未保存的修改', 'editor.allSaved': '已全部保存',
    'editor.readOnly': '只读：只有产品经理可以修改草稿状态的版本。',
    'editor.conflict': '保存失败：这个草稿已被他人修改。您的修改仍保留在编辑器中。',
    'editor.reload': '重新加载（放弃我的修改）', 'editor.keep': '保留我的修改',
    'editor.submit': '提交审批', 'editor.submitting': '正在校验并运行全部测试案例…', 'editor.submitSaveFirst': '请先保存草稿再提交。',
    'editor.submitted': '已提交审批', 'editor.submitFailed': '不能提交：', 'editor.failingCase': '案例 {name}',
    'editor.delete': '删除草稿', 'editor.deleteConfirm': '删除版本 {version} 的草稿？此操作不能撤销。',
    'editor.leave': '规则有未保存的修改，离开后将丢失。确定离开吗？',
    'editor.product': '产品页', 'editor.scenarios': '测试案例', 'editor.runSuite': '运行测试案例', 'editor.diff': '与 v{from} 对比',
    'editor.editorLabel': 'DRL 规则：{file}', 'editor.search': '搜索：Ctrl-F；撤销：Ctrl-Z；重做：Ctrl-Shift-Z；保存：Ctrl-S',
  },
  en: {
    'editor.title': '{code} rules · version {version}', 'editor.files': 'Rule files', 'editor.status': 'Status', 'editor.author': 'Author',
    'editor.lockVersion': 'Revision', 'editor.updatedAt': 'Last changed', 'editor.basedOn': 'Copied from', 'editor.note': 'Note on the change',
    'editor.save': 'Save draft', 'editor.saving': 'Saving…', 'editor.saved': 'Saved (revision {lock})',
    'editor.validate': 'Validate', 'editor.saveAndValidate': 'Save and validate', 'editor.validating': 'Validating…',
    'editor.validateHint': 'Validation checks the saved version: with unsaved changes, "Save and validate" saves the draft first.',
    'editor.validateReadOnly': 'Validation checks the saved content of this version.',
    'editor.valid': 'Valid: no problems', 'editor.invalid': '{n} problems found', 'editor.problems': 'Problems',
    'editor.noProblems': 'Not validated yet, or no problems.', 'editor.staleProblems': 'The rules changed since; these problems are of the earlier content.',
    'editor.kind.SANDBOX': 'Rule guard', 'editor.kind.COMPILE': 'Compile error',
    'editor.at': 'line {line}, column {column}', 'editor.atLine': 'line {line}', 'editor.noLine': 'no position',
    'editor.generated': 'In the code generated from the rules (a rule\'s then part): {file}', 'editor.more': 'Details',
    'editor.cursor': 'Line {line}, column {column}', 'editor.unsaved': 'Unsaved changes', 'editor.allSaved': 'All saved',
    'editor.readOnly': 'Read-only: only product managers change versions that are drafts.',
    'editor.conflict': 'Not saved: someone else changed this draft. Your changes are still in the editor.',
    'editor.reload': 'Reload (discard my changes)', 'editor.keep': 'Keep my changes',
    'editor.submit': 'Submit for review', 'editor.submitting': 'Validating and running every scenario…', 'editor.submitSaveFirst': 'Save the draft before submitting.',
    'editor.submitted': 'Submitted for review', 'editor.submitFailed': 'Cannot submit:', 'editor.failingCase': 'Scenario {name}',
    'editor.delete': 'Delete draft', 'editor.deleteConfirm': 'Delete the draft of version {version}? This cannot be undone.',
    'editor.leave': 'The rules have unsaved changes that will be lost. Leave anyway?',
    'editor.product': 'Product page', 'editor.scenarios': 'Scenarios', 'editor.runSuite': 'Run the scenarios', 'editor.diff': 'Compare with v{from}',
    'editor.editorLabel': 'DRL rules: {file}', 'editor.search': 'Search: Ctrl-F; undo: Ctrl-Z; redo: Ctrl-Shift-Z; save: Ctrl-S',
  },
});

const enc = encodeURIComponent;

/** The document offsets a problem marks: from its column (1-based; 0 = unknown) to the end of the word there. */
export function problemRange(doc, problem) {
  if (!problem.line || problem.line < 1) return null;
  const line = doc.line(Math.min(problem.line, doc.lines));
  const col = Math.max(0, (problem.column || 1) - 1);
  const from = line.from + Math.min(col, line.length);
  const rest = doc.sliceString(from, line.to);
  const word = /^(\w+|\S)/.exec(rest);
  const to = word ? from + word[0].length : line.to;
  return { from, to: Math.max(from, to) };
}

function firstLine(message) {
  const i = String(message || '').indexOf('\n');
  return i < 0 ? message : message.slice(0, i);
}

export function EditorPage({ code, version }) {
  const [loadCount, setLoadCount] = useState(0);
  const [state, setState] = useState({ detail: null, error: null });
  useEffect(() => {
    let live = true;
    get(`/products/${enc(code)}/versions/${enc(version)}`)
      .then((detail) => live && setState({ detail, error: null }))
      .catch((error) => live && setState({ detail: null, error }));
    return () => { live = false; };
  }, [code, version, loadCount]);
  if (state.error) return html`<${ErrorMessage} error=${state.error} />`;
  if (!state.detail) return html`<${Loading} />`;
  return html`<${Workbench} key=${loadCount + ':' + state.detail.lockVersion} code=${code} initial=${state.detail}
    onReload=${() => { setState({ detail: null, error: null }); setLoadCount((n) => n + 1); }} />`;
}

function Workbench({ code, initial, onReload }) {
  const [meta, setMeta] = useState(initial);
  const fileNames = Object.keys(initial.files);
  const [active, setActive] = useState(fileNames[0]);
  const editable = meta.status === 'DRAFT' && hasRole('PRODUCT_MANAGER');
  const [note, setNote] = useState(initial.note || '');
  const [dirtyFiles, setDirtyFiles] = useState(new Set());
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const [problems, setProblems] = useState(null); // { sha256, valid, problems, stale }
  const [busy, setBusy] = useState(null); // 'save' | 'validate' | 'submit' | 'delete'
  const [error, setError] = useState(null);
  const [conflict, setConflict] = useState(null);
  const [submitError, setSubmitError] = useState(null);
  const [notice, setNotice] = useState(null);

  const host = useRef(null);
  const view = useRef(null);
  const states = useRef({});
  const saved = useRef({ ...initial.files });
  const activeRef = useRef(active);
  const dirtyRef = useRef(false);
  const actions = useRef({});
  const noteId = useId('note');

  dirtyRef.current = dirtyFiles.size > 0;

  const stateOf = (file) => (file === activeRef.current && view.current ? view.current.state : states.current[file]);
  const textOf = (file) => stateOf(file).doc.toString();

  function makeState(file, text) {
    return EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
        EditorState.allowMultipleSelections.of(true), indentOnInput(), bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }), rectangularSelection(), crosshairCursor(),
        highlightActiveLine(), highlightSelectionMatches(), search({ top: true }), lintGutter(), drl(),
        keymap.of([
          { key: 'Mod-s', preventDefault: true, run: () => { actions.current.save?.(); return true; } },
          ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap,
        ]),
        EditorState.readOnly.of(!editable),
        EditorView.contentAttributes.of({ 'aria-label': t('editor.editorLabel', { file }) }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) {
            const changed = u.state.doc.toString() !== saved.current[file];
            setDirtyFiles((s) => {
              if (s.has(file) === changed) return s;
              const next = new Set(s);
              if (changed) next.add(file); else next.delete(file);
              return next;
            });
            setProblems((p) => (p && !p.stale ? { ...p, stale: true } : p));
          }
          if (u.selectionSet || u.docChanged) {
            const head = u.state.selection.main.head;
            const line = u.state.doc.lineAt(head);
            setCursor({ line: line.number, column: head - line.from + 1 });
          }
        }),
      ],
    });
  }

  useEffect(() => {
    for (const f of fileNames) states.current[f] = makeState(f, initial.files[f]);
    view.current = new EditorView({ state: states.current[active], parent: host.current });
    const unguard = setLeaveGuard(() => (dirtyRef.current ? t('editor.leave') : null));
    return () => { unguard(); view.current.destroy(); view.current = null; };
  }, []);

  function switchTo(file) {
    if (file === activeRef.current) return;
    states.current[activeRef.current] = view.current.state;
    activeRef.current = file;
    view.current.setState(states.current[file]);
    const head = view.current.state.selection.main.head;
    const line = view.current.state.doc.lineAt(head);
    setCursor({ line: line.number, column: head - line.from + 1 });
    setActive(file);
  }

  /** Marks the problems in every file's editor state (they move with later edits). */
  function mark(list) {
    for (const f of fileNames) {
      const st = stateOf(f);
      const diagnostics = list.filter((p) => p.file === f).map((p) => {
        const r = problemRange(st.doc, p);
        return r && { from: r.from, to: r.to, severity: 'error', source: t('editor.kind.' + p.kind), message: p.message };
      }).filter(Boolean);
      if (f === activeRef.current) view.current.dispatch(setDiagnostics(st, diagnostics));
      else states.current[f] = st.update(setDiagnostics(st, diagnostics)).state;
    }
  }

  function jump(p) {
    if (!fileNames.includes(p.file)) return;
    switchTo(p.file);
    const v = view.current;
    const r = problemRange(v.state.doc, p);
    if (r) v.dispatch({ selection: { anchor: r.from, head: r.to }, scrollIntoView: true });
    v.focus();
  }

  async function save() {
    if (!editable || busy) return false;
    setBusy('save');
    setError(null);
    setNotice(null);
    const files = Object.fromEntries(fileNames.map((f) => [f, textOf(f)]));
    try {
      const detail = await put(`/products/${enc(code)}/versions/${meta.version}`, { lockVersion: meta.lockVersion, files, note: note || null });
      saved.current = { ...files };
      setDirtyFiles(new Set(fileNames.filter((f) => textOf(f) !== files[f])));
      setMeta(detail);
      setConflict(null);
      setNotice(t('editor.saved', { lock: detail.lockVersion }));
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e);
      else setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  }
  actions.current.save = save;

  async function validate() {
    if (busy) return;
    if (editable && dirtyRef.current && !(await save())) return;
    setBusy('validate');
    setError(null);
    try {
      const result = await post(`/products/${enc(code)}/versions/${meta.version}/validate`);
      setProblems({ ...result, stale: false });
      mark(result.problems);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function submit() {
    if (busy || dirtyRef.current) return;
    setBusy('submit');
    setError(null);
    setSubmitError(null);
    try {
      const summary = await post(`/products/${enc(code)}/versions/${meta.version}/submit`, {});
      setMeta({ ...meta, ...summary });
      setNotice(t('editor.submitted'));
      onReload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setSubmitError(e);
      else setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    if (busy || !window.confirm(t('editor.deleteConfirm', { version: meta.version }))) return;
    setBusy('delete');
    setError(null);
    try {
      await del(`/products/${enc(code)}/versions/${meta.version}`);
      dirtyRef.current = false;
      setDirtyFiles(new Set());
      navigate(`/products/${enc(code)}`);
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  }

  const dirty = dirtyFiles.size > 0;
  const counts = {};
  if (problems) for (const p of problems.problems) counts[p.file] = (counts[p.file] || 0) + 1;
  const basedOn = /^([^:]+):(\d+)$/.exec(meta.basedOn || '');
  const diffFrom = basedOn && basedOn[1] === code ? basedOn[2] : (meta.version > 1 ? String(meta.version - 1) : null);

  const onTabKey = (e) => {
    const i = fileNames.indexOf(active);
    let next = null;
    if (e.key === 'ArrowRight') next = fileNames[(i + 1) % fileNames.length];
    else if (e.key === 'ArrowLeft') next = fileNames[(i - 1 + fileNames.length) % fileNames.length];
    else if (e.key === 'Home') next = fileNames[0];
    else if (e.key === 'End') next = fileNames[fileNames.length - 1];
    if (next) {
      e.preventDefault();
      switchTo(next);
      document.getElementById('tab-' + fileNames.indexOf(next))?.focus();
    }
  };

  return html`<section class="rule-editor">
    <${PageTitle} actions=${html`
      <a class="button" href=${href('products', code)}>${t('editor.product')}</a>
      <a class="button" href=${href('products', code, 'scenarios') + '?version=' + meta.version}>${editable ? t('editor.runSuite') : t('editor.scenarios')}</a>
      ${diffFrom && html`<a class="button" href=${href('products', code, 'diff') + `?from=${diffFrom}&to=${meta.version}`}>${t('editor.diff', { from: diffFrom })}</a>`}`}>
      ${t('editor.title', { code, version: meta.version })}<//>
    <dl class="facts editor-facts">
      <dt>${t('editor.status')}</dt><dd data-testid="version-status"><${StatusBadge} status=${meta.status} /></dd>
      <dt>${t('editor.author')}</dt><dd>${meta.author || '—'}</dd>
      <dt>${t('editor.lockVersion')}</dt><dd data-testid="lock-version">${meta.lockVersion}</dd>
      <dt>${t('editor.updatedAt')}</dt><dd>${dateTime(meta.updatedAt)}</dd>
      ${meta.basedOn && html`<dt>${t('editor.basedOn')}</dt><dd>${meta.basedOn}</dd>`}
    </dl>
    ${!editable && html`<p class="hint readonly-note">${t('editor.readOnly')}</p>`}

    ${editable && html`<div class="editor-toolbar">
      <div class="field note-field"><label for=${noteId}>${t('editor.note')}</label>
        <input id=${noteId} value=${note} onInput=${(e) => setNote(e.currentTarget.value)} maxlength="500" /></div>
      <button type="button" class="primary" onClick=${save} disabled=${!!busy || !dirty}>${busy === 'save' ? t('editor.saving') : t('editor.save')}</button>
      <button type="button" onClick=${validate} disabled=${!!busy}>${busy === 'validate' ? t('editor.validating') : dirty ? t('editor.saveAndValidate') : t('editor.validate')}</button>
      <button type="button" onClick=${submit} disabled=${!!busy || dirty} aria-describedby=${dirty ? 'submit-hint' : undefined}>${busy === 'submit' ? t('editor.submitting') : t('editor.submit')}</button>
      <button type="button" class="danger" onClick=${remove} disabled=${!!busy}>${t('editor.delete')}</button>
      <span class=${'save-state' + (dirty ? ' dirty' : '')} role="status">${dirty ? t('editor.unsaved') : (notice || t('editor.allSaved'))}</span>
    </div>
    ${dirty && html`<p class="hint" id="submit-hint">${t('editor.submitSaveFirst')}</p>`}`}
    ${!editable && hasRole('PRODUCT_MANAGER', 'APPROVER') && html`<div class="editor-toolbar">
      <button type="button" onClick=${validate} disabled=${!!busy}>${busy === 'validate' ? t('editor.validating') : t('editor.validate')}</button>
      ${notice && html`<span class="save-state" role="status">${notice}</span>`}
    </div>`}

    ${conflict && html`<div class="error conflict" role="alert">
      <strong>${errorTitle(conflict)}</strong>
      <div class="error-detail">${t('editor.conflict')}</div>
      ${conflict.problem.detail && html`<div class="error-detail">${conflict.problem.detail}</div>`}
      <div class="buttons">
        <button type="button" class="primary" onClick=${() => { dirtyRef.current = false; onReload(); }}>${t('editor.reload')}</button>
        <button type="button" onClick=${() => setConflict(null)}>${t('editor.keep')}</button>
      </div>
    </div>`}
    ${submitError && html`<div class="error" role="alert" data-testid="submit-problems">
      <strong>${t('editor.submitFailed')} ${submitError.problem.detail || errorTitle(submitError)}</strong>
      <ul class="error-fields">${submitError.errors.map((e) => {
        const m = /^scenarios\/(.+)$/.exec(e.field || '');
        return html`<li>${m
          ? html`<a href=${href('products', code, 'scenarios') + '?version=' + meta.version}>${t('editor.failingCase', { name: m[1] })}</a>`
          : html`<code>${e.field}</code>`}：${e.message}</li>`;
      })}</ul>
    </div>`}
    <${ErrorMessage} error=${error} />

    <div class="split editor-split">
      <div class="editor-main">
        <div class="tabs" role="tablist" aria-label=${t('editor.files')} onKeyDown=${onTabKey}>
          ${fileNames.map((f, i) => html`<button type="button" role="tab" id=${'tab-' + i} aria-selected=${f === active ? 'true' : 'false'}
            aria-controls="editor-panel" tabindex=${f === active ? 0 : -1} onClick=${() => switchTo(f)}>
            ${f}${dirtyFiles.has(f) ? ' •' : ''}${counts[f] ? html` <span class="tab-problems">${counts[f]}</span>` : ''}</button>`)}
        </div>
        <div id="editor-panel" role="tabpanel" aria-labelledby=${'tab-' + fileNames.indexOf(active)} class="editor-host" ref=${host}></div>
        <div class="editor-foot">
          <span data-testid="cursor">${t('editor.cursor', cursor)}</span>
          <span class="hint">${t('editor.search')}</span>
        </div>
      </div>
      <aside class="problems" aria-labelledby="problems-heading">
        <h2 id="problems-heading">${t('editor.problems')}</h2>
        <p class="hint">${editable ? t('editor.validateHint') : t('editor.validateReadOnly')}</p>
        ${!problems && html`<p class="hint">${t('editor.noProblems')}</p>`}
        ${problems && html`<p role="status" class=${problems.valid ? 'valid' : 'invalid'} data-testid="validation-summary">
          ${problems.valid ? t('editor.valid') : t('editor.invalid', { n: problems.problems.length })}</p>`}
        ${problems && problems.stale && problems.problems.length > 0 && html`<p class="hint">${t('editor.staleProblems')}</p>`}
        ${problems && problems.problems.length > 0 && html`<ol class="problem-list" aria-label=${t('editor.problems')}>
          ${problems.problems.map((p) => {
            const inFile = fileNames.includes(p.file);
            const where = p.line > 0 ? (p.column > 0 ? t('editor.at', p) : t('editor.atLine', p)) : t('editor.noLine');
            const more = String(p.message || '').includes('\n');
            return html`<li class=${'problem problem-' + p.kind.toLowerCase()}>
              ${inFile
                ? html`<button type="button" class="problem-jump" onClick=${() => jump(p)}>
                    <span class="problem-kind">${t('editor.kind.' + p.kind)}</span>
                    <span class="problem-where">${p.file} · ${where}</span>
                    <span class="problem-message">${firstLine(p.message)}</span></button>`
                : html`<div class="problem-static">
                    <span class="problem-kind">${t('editor.kind.' + p.kind)}</span>
                    <span class="problem-where">${t('editor.generated', { file: p.file.split('/').pop() })} · ${where}</span>
                    <span class="problem-message">${firstLine(p.message)}</span></div>`}
              ${more && html`<details><summary>${t('editor.more')}</summary><pre>${p.message}</pre></details>`}
            </li>`;
          })}
        </ol>`}
      </aside>
    </div>
  </section>`;
}
