// The approvers' review queue: every version IN_REVIEW (and APPROVED, waiting to be published)
// across the products, each with its diff against the version in force, its latest test run and
// its latest simulation; and ApproverActions, the approve / reject / publish / retire / roll back
// controls, also shown on the product page. The API decides (four eyes, coverage by a simulation);
// this page shows its answers.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, t } from '../i18n.js';
import { date, dateTime, todayShanghai } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../session.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, TextInput, html, useAction, useAsync, useId } from '../ui.js';
import { productName } from './products.js';
import { VersionDiff } from './diff.js';
import { SimulationProgress, SimulationReport, StartSimulation, simulationsPath, useSimulation } from './simulation.js';
import './reviews.css';

addMessages({
  zh: {
    'reviews.title': '审批队列', 'reviews.inReview': '待审批的版本', 'reviews.approved': '已批准、待发布的版本',
    'reviews.empty': '没有待审批的版本。', 'reviews.emptyApproved': '没有待发布的版本。',
    'reviews.product': '产品', 'reviews.version': '版本', 'reviews.author': '作者', 'reviews.submitted': '提交时间',
    'reviews.tests': '最近测试', 'reviews.simulation': '最近模拟', 'reviews.open': '审阅', 'reviews.approvedAt': '批准时间',
    'reviews.approver': '审批人', 'reviews.review': '审阅 {code} v{version}', 'reviews.close': '关闭审阅',
    'reviews.note': '说明', 'reviews.basedOn': '基于', 'reviews.inForce': '当前生效版本', 'reviews.noInForce': '该产品没有生效版本',
    'reviews.diffTitle': '与生效版本 v{from} 的差异', 'reviews.diffBasedOn': '与所基于的 v{from} 的差异（该产品没有生效版本）', 'reviews.diffNone': '没有可对比的版本。',
    'reviews.testsTitle': '最近一次测试运行', 'reviews.noTests': '还没有测试运行。',
    'reviews.testRun': '{passed} / {total} 通过，{failed} 个未通过 · {by} · {at}', 'reviews.staleTests': '这次测试运行的不是当前内容。',
    'reviews.simTitle': '最近一次模拟', 'reviews.noSim': '这个版本还没有模拟。', 'reviews.simCovers': '这次模拟覆盖本版本，可直接批准。',
    'reviews.simNotCovering': '这次模拟不足以批准（不是当前内容、未完成，或未覆盖运行当天之前的 30 天）。',
    'reviews.simOpen': '查看完整报告（含样本）', 'reviews.simAnother': '再做一次模拟', 'reviews.simRange': '{from} ~ {to}',
    'reviews.tests.short': '{passed}/{total}', 'reviews.sim.short.none': '无',
    'actions.title': '审批操作', 'actions.comment': '审批意见', 'actions.commentRequired': '意见（必填）',
    'actions.approve': '批准', 'actions.reject': '驳回', 'actions.publish': '发布', 'actions.retire': '停用', 'actions.rollback': '回滚到此版本',
    'actions.ack': '我确认：没有模拟覆盖这个版本，仍然批准',
    'actions.ackHint': '批准前应有一次针对当前内容、覆盖运行当天之前至少 30 天决策的已完成模拟。没有这样的模拟时，服务要求审批人明确确认。',
    'actions.covered': '已有模拟覆盖这个版本（{id}）。', 'actions.effectiveFrom': '生效日期', 'actions.effectiveHint': '今天或以后（上海时间）',
    'actions.done.APPROVED': 'v{version} 已批准。', 'actions.done.REJECTED': 'v{version} 已驳回。', 'actions.done.PUBLISHED': 'v{version} 已发布，自 {from} 起生效。',
    'actions.done.RETIRED': 'v{version} 已停用。', 'actions.done.rollback': '已回滚：新版本 v{version}，自 {from} 起生效。',
    'actions.fourEyes': '四眼原则：编写、修改或提交了这个版本的人不能批准它，须由另一位审批人处理。',
    'actions.rejectHint': '驳回须写明原因。', 'actions.ackMissing': '没有模拟覆盖这个版本：请勾选上面的确认项，或先做一次模拟。', 'actions.rollbackHint': '以此版本的内容发布一个新版本。',
  },
  en: {
    'reviews.title': 'Review queue', 'reviews.inReview': 'Versions in review', 'reviews.approved': 'Approved versions waiting to be published',
    'reviews.empty': 'No version is in review.', 'reviews.emptyApproved': 'No version is waiting to be published.',
    'reviews.product': 'Product', 'reviews.version': 'Version', 'reviews.author': 'Author', 'reviews.submitted': 'Submitted',
    'reviews.tests': 'Latest tests', 'reviews.simulation': 'Latest simulation', 'reviews.open': 'Review', 'reviews.approvedAt': 'Approved',
    'reviews.approver': 'Approver', 'reviews.review': 'Review {code} v{version}', 'reviews.close': 'Close the review',
    'reviews.note': 'Note', 'reviews.basedOn': 'Based on', 'reviews.inForce': 'Version in force', 'reviews.noInForce': 'The product has no version in force',
    'reviews.diffTitle': 'Differences from v{from}, the version in force', 'reviews.diffBasedOn': 'Differences from v{from}, which it was copied from (no version is in force)', 'reviews.diffNone': 'There is no version to compare with.',
    'reviews.testsTitle': 'Latest test run', 'reviews.noTests': 'No test run yet.',
    'reviews.testRun': '{passed} of {total} pass, {failed} fail · {by} · {at}', 'reviews.staleTests': 'This test run is not of the current content.',
    'reviews.simTitle': 'Latest simulation', 'reviews.noSim': 'This version has not been simulated.', 'reviews.simCovers': 'This simulation covers the version: it can be approved.',
    'reviews.simNotCovering': 'This simulation does not cover approval (not the current content, not done, or not the 30 days up to the day it ran).',
    'reviews.simOpen': 'Open the full report (with the sample)', 'reviews.simAnother': 'Simulate again', 'reviews.simRange': '{from} to {to}',
    'reviews.tests.short': '{passed}/{total}', 'reviews.sim.short.none': 'none',
    'actions.title': 'Approver actions', 'actions.comment': 'Comment', 'actions.commentRequired': 'Comment (required)',
    'actions.approve': 'Approve', 'actions.reject': 'Reject', 'actions.publish': 'Publish', 'actions.retire': 'Retire', 'actions.rollback': 'Roll back to this version',
    'actions.ack': 'I acknowledge that no simulation covers this version, and approve it anyway',
    'actions.ackHint': 'Approval expects a DONE simulation of the current content over at least the 30 days up to the day it ran. Without one the service asks the approver to acknowledge it explicitly.',
    'actions.covered': 'A simulation covers this version ({id}).', 'actions.effectiveFrom': 'Effective from', 'actions.effectiveHint': 'today or later (Asia/Shanghai)',
    'actions.done.APPROVED': 'v{version} is approved.', 'actions.done.REJECTED': 'v{version} is rejected.', 'actions.done.PUBLISHED': 'v{version} is published, in force from {from}.',
    'actions.done.RETIRED': 'v{version} is retired.', 'actions.done.rollback': 'Rolled back: new version v{version}, in force from {from}.',
    'actions.fourEyes': 'Four eyes: whoever wrote, edited or submitted this version may not approve it; another approver must.',
    'actions.rejectHint': 'A rejection needs its reason.', 'actions.ackMissing': 'No simulation covers this version: tick the acknowledgement above, or simulate it first.', 'actions.rollbackHint': 'Publishes this version\'s content as a new version.',
  },
});

const enc = encodeURIComponent;
const versionPath = (code, v) => `/products/${enc(code)}/versions/${enc(v)}`;

function ActionError({ error }) {
  if (!error) return null;
  return html`<div class="wide"><${ErrorMessage} error=${error} />
    ${error.status === 403 && html`<p class="hint four-eyes">${t('actions.fourEyes')}</p>`}</div>`;
}

function CommentField({ value, onInput, required }) {
  const id = useId('comment');
  return html`<div class="field wide"><label for=${id}>${required ? t('actions.commentRequired') : t('actions.comment')}</label>
    <textarea id=${id} rows="2" value=${value} required=${required} onInput=${(e) => onInput(e.currentTarget.value)}></textarea></div>`;
}

function ApproveReject({ code, version, detail, onDone }) {
  const [comment, setComment] = useState('');
  const [ack, setAck] = useState(false);
  const ackId = useId('ack');
  const hintId = useId('ack-hint');
  const sim = detail && detail.latestSimulation;
  const covered = !!(sim && sim.coversApproval);
  const [approve, approving, approveError, setApproveError] = useAction(async () => {
    const body = { comment: comment || null };
    if (!covered || ack) body.acknowledgeNoSimulation = ack;
    onDone(await post(versionPath(code, version.version) + '/approve', body), 'APPROVED');
  });
  const [reject, rejecting, rejectError] = useAction(async () => {
    onDone(await post(versionPath(code, version.version) + '/reject', { comment }), 'REJECTED');
  });
  // a refusal for want of a simulation no longer holds once one covers the version
  useEffect(() => { if (covered) setApproveError(null); }, [covered]);
  return html`<form class="action-form" aria-label=${t('actions.approve') + ' / ' + t('actions.reject')} onSubmit=${(e) => e.preventDefault()}>
    <${CommentField} value=${comment} onInput=${setComment} />
    ${detail && (covered
      ? html`<p class="hint ok wide">${t('actions.covered', { id: sim.id })}</p>`
      : html`<div class="ack">
          <label class="check" for=${ackId}><input id=${ackId} type="checkbox" checked=${ack} aria-describedby=${hintId}
            onChange=${(e) => setAck(e.currentTarget.checked)} /> ${t('actions.ack')}</label>
          <small class="hint" id=${hintId}>${t('actions.ackHint')}</small>
        </div>`)}
    <div class="buttons">
      <button type="button" class="primary" disabled=${approving || rejecting} onClick=${() => approve()}>${t('actions.approve')}</button>
      <button type="button" class="danger" disabled=${approving || rejecting} onClick=${() => reject()}
        title=${t('actions.rejectHint')}>${t('actions.reject')}</button>
    </div>
    <${ActionError} error=${approveError || rejectError} />
    ${approveError && approveError.errors.some((e) => e.field === 'acknowledgeNoSimulation')
      && html`<p class="hint warn wide">${t('actions.ackMissing')}</p>`}
  </form>`;
}

function Publish({ code, version, onDone }) {
  const today = todayShanghai();
  const [from, setFrom] = useState(today);
  const [comment, setComment] = useState('');
  const [publish, busy, error] = useAction(async () => {
    onDone(await post(versionPath(code, version.version) + '/publish', { effectiveFrom: from || null, comment: comment || null }), 'PUBLISHED');
  });
  return html`<form class="action-form" aria-label=${t('actions.publish')} onSubmit=${(e) => { e.preventDefault(); publish(); }}>
    <${TextInput} label=${t('actions.effectiveFrom')} type="date" value=${from} onInput=${setFrom} min=${today} hint=${t('actions.effectiveHint')} />
    <${CommentField} value=${comment} onInput=${setComment} />
    <div class="buttons"><button type="submit" class="primary" disabled=${busy}>${t('actions.publish')}</button></div>
    <${ActionError} error=${error} />
  </form>`;
}

function RetireRollback({ code, version, onDone }) {
  const today = todayShanghai();
  const [comment, setComment] = useState('');
  const [from, setFrom] = useState(today);
  const [retire, retiring, retireError] = useAction(async () => {
    onDone(await post(versionPath(code, version.version) + '/retire', { comment }), 'RETIRED');
  });
  const [rollback, rolling, rollbackError] = useAction(async () => {
    onDone(await post(versionPath(code, version.version) + '/rollback', { effectiveFrom: from || null, comment }), 'rollback');
  });
  const canRetire = version.status === 'PUBLISHED';
  const canRollback = version.status === 'PUBLISHED' || version.status === 'RETIRED';
  return html`<form class="action-form" aria-label=${t('actions.retire') + ' / ' + t('actions.rollback')} onSubmit=${(e) => e.preventDefault()}>
    <${CommentField} value=${comment} onInput=${setComment} required />
    ${canRollback && html`<${TextInput} label=${t('actions.effectiveFrom')} type="date" value=${from} onInput=${setFrom} min=${today}
      hint=${t('actions.rollbackHint')} />`}
    <div class="buttons">
      ${canRetire && html`<button type="button" class="danger" disabled=${retiring || rolling} onClick=${() => retire()}>${t('actions.retire')}</button>`}
      ${canRollback && html`<button type="button" disabled=${retiring || rolling} onClick=${() => rollback()}>${t('actions.rollback')}</button>`}
    </div>
    <${ActionError} error=${retireError || rollbackError} />
  </form>`;
}

/**
 * The approver's controls for one version, by its status: approve/reject (IN_REVIEW), publish
 * (APPROVED), retire/roll back (PUBLISHED; roll back also RETIRED). Nothing for other roles.
 * `version` is a version summary; `detail` (with latestSimulation) is read when not given.
 * onDone(summary, action) after the API accepted the action.
 */
export function ApproverActions({ product, version, detail, onDone, compact }) {
  const code = product.code || product;
  const needsDetail = version.status === 'IN_REVIEW' && !detail;
  const loaded = useAsync(() => (needsDetail ? get(versionPath(code, version.version)) : Promise.resolve(detail)), [code, version.version, version.status, needsDetail, detail]);
  const [done, setDone] = useState(null);
  if (!hasRole('APPROVER')) return null;
  const relevant = ['IN_REVIEW', 'APPROVED', 'PUBLISHED', 'RETIRED'].includes(version.status);
  if (!relevant) return null;
  const finish = (summary, action) => {
    setDone(action === 'rollback'
      ? t('actions.done.rollback', { version: summary.version, from: date(summary.effectiveFrom) })
      : t('actions.done.' + action, { version: summary.version, from: date(summary.effectiveFrom) }));
    if (onDone) onDone(summary, action);
  };
  const body = html`
    ${done && compact && html`<p class="done" role="status">${done}</p>`}
    ${version.status === 'IN_REVIEW' && (loaded.loading && !loaded.data ? html`<${Loading} />`
      : html`<${ApproveReject} code=${code} version=${version} detail=${loaded.data} onDone=${finish} />`)}
    ${version.status === 'APPROVED' && html`<${Publish} code=${code} version=${version} onDone=${finish} />`}
    ${(version.status === 'PUBLISHED' || version.status === 'RETIRED') && html`<${RetireRollback} code=${code} version=${version} onDone=${finish} />`}
    <${ErrorMessage} error=${loaded.error} />`;
  return compact
    ? html`<details class="approver-actions" data-testid="approver-actions"><summary>${t('actions.title')}</summary>${body}</details>`
    : html`<section class="approver-actions" data-testid="approver-actions" aria-label=${t('actions.title')}><h3>${t('actions.title')}</h3>${body}</section>`;
}

function TestRunFacts({ run }) {
  if (!run) return html`<p class="hint">${t('reviews.noTests')}</p>`;
  return html`<p data-testid="latest-test-run"><span class=${'badge ' + (run.failed === 0 ? 'badge-pass' : 'badge-fail')}>${run.passed} / ${run.total}</span>
    ${' '}${t('reviews.testRun', { passed: run.passed, total: run.total, failed: run.failed, by: run.ranBy, at: dateTime(run.ranAt) })}
    ${!run.ofCurrentContent && html`<br /><small class="warn">${t('reviews.staleTests')}</small>`}</p>`;
}

function LiveSimulation({ code, version, id, onFinished }) {
  const { job, error, estimate } = useSimulation(`${simulationsPath(code, version)}/${enc(id)}`);
  const finished = job && (job.status === 'DONE' || job.status === 'FAILED');
  // once it is finished, the version's latestSimulation says whether it covers approval: read it again
  useEffect(() => { if (finished) onFinished(); }, [finished]);
  if (error) return html`<${ErrorMessage} error=${error} />`;
  if (!job) return html`<${Loading} />`;
  return html`<${SimulationProgress} job=${job} estimate=${estimate} />`;
}

function SimulationSection({ code, detail, onChanged }) {
  const sim = detail.latestSimulation;
  const [another, setAnother] = useState(false);
  const canStart = detail.status === 'DRAFT' || detail.status === 'IN_REVIEW';
  const running = sim && (sim.status === 'QUEUED' || sim.status === 'RUNNING');
  return html`<section class="review-block" aria-label=${t('reviews.simTitle')}>
    <h3>${t('reviews.simTitle')}</h3>
    ${!sim && html`<p class="hint">${t('reviews.noSim')}</p>`}
    ${sim && html`<div class="sim-facts">
      <${StatusBadge} status=${sim.status} />
      <span>${t('reviews.simRange', { from: date(sim.from), to: date(sim.to) })}</span>
      <span>${sim.createdBy} · ${dateTime(sim.createdAt)}</span>
      <a href=${'#/simulations/' + enc(code) + '/' + enc(detail.version) + '/' + enc(sim.id)}>${t('reviews.simOpen')}</a>
    </div>
    <p class=${'hint ' + (sim.coversApproval ? 'ok' : 'warn')}>${sim.coversApproval ? t('reviews.simCovers') : t('reviews.simNotCovering')}</p>
    ${running && html`<${LiveSimulation} code=${code} version=${detail.version} id=${sim.id} onFinished=${onChanged} />`}
    ${sim.status === 'FAILED' && html`<div class="error" role="alert">${sim.error}</div>`}
    ${sim.summary && html`<${SimulationReport} report=${sim.summary} />`}`}
    ${canStart && !running && (sim && !another
      ? html`<button type="button" onClick=${() => setAnother(true)}>${t('reviews.simAnother')}</button>`
      : html`<${StartSimulation} code=${code} version=${detail.version} onStarted=${() => { setAnother(false); onChanged(); }} />`)}
  </section>`;
}

/** One version under review: facts, approver actions, tests, simulation and the diff. */
function ReviewPanel({ product, summary, onChanged }) {
  const code = product.code;
  const detail = useAsync(() => get(versionPath(code, summary.version)), [code, summary.version, summary.status, summary.lockVersion]);
  const d = detail.data;
  const inForce = product.inForce ? product.inForce.version : null;
  // against the version in force; without one, against the version this one was copied from
  const [baseCode, baseVersion] = String(summary.basedOn || '').split(':');
  const based = baseCode === code && Number(baseVersion) !== summary.version ? Number(baseVersion) : null;
  const from = inForce && inForce !== summary.version ? inForce : based;
  const diffTitle = !from ? t('reviews.diffNone') : from === inForce ? t('reviews.diffTitle', { from }) : t('reviews.diffBasedOn', { from });
  return html`<section class="card review-panel" aria-label=${t('reviews.review', { code, version: summary.version })}>
    <div class="review-head">
      <h2>${productName(product)} · ${code} v${summary.version} <${StatusBadge} status=${summary.status} /></h2>
      <a class="button" href="#/reviews">${t('reviews.close')}</a>
    </div>
    <dl class="facts small">
      <dt>${t('reviews.author')}</dt><dd>${summary.author}</dd>
      <dt>${t('reviews.submitted')}</dt><dd>${dateTime(summary.submittedAt)}</dd>
      ${summary.basedOn && html`<dt>${t('reviews.basedOn')}</dt><dd>${summary.basedOn}</dd>`}
      ${summary.note && html`<dt>${t('reviews.note')}</dt><dd>${summary.note}</dd>`}
      <dt>${t('reviews.inForce')}</dt><dd>${product.inForce ? `v${product.inForce.version} · ${date(product.inForce.effectiveFrom)}` : t('reviews.noInForce')}</dd>
    </dl>
    <${ErrorMessage} error=${detail.error} />
    ${d && html`<${ApproverActions} product=${product} version=${summary} detail=${d} onDone=${onChanged} />`}
    <section class="review-block" aria-label=${t('reviews.testsTitle')}>
      <h3>${t('reviews.testsTitle')}</h3>
      <${TestRunFacts} run=${summary.latestTestRun} />
    </section>
    ${d ? html`<${SimulationSection} code=${code} detail=${d} onChanged=${detail.reload} />` : html`<${Loading} />`}
    <section class="review-block" aria-label=${diffTitle}>
      <h3>${diffTitle}</h3>
      ${from && html`<${VersionDiff} code=${code} from=${String(from)} to=${String(summary.version)} />`}
    </section>
  </section>`;
}

async function loadQueue() {
  const products = await get('/products');
  const lists = await Promise.all(products.map((p) => get(`/products/${enc(p.code)}/versions`).then((versions) => ({ p, versions }))));
  const items = lists.flatMap(({ p, versions }) => versions
    .filter((v) => v.status === 'IN_REVIEW' || v.status === 'APPROVED').map((v) => ({ product: p, version: v })));
  items.sort((a, b) => String(a.version.submittedAt).localeCompare(String(b.version.submittedAt)));
  return items;
}

function QueueTable({ items, caption, empty, approved, selected }) {
  if (!items.length) return html`<p class="hint">${empty}</p>`;
  return html`<div class="table-wrap"><table class="data">
    <caption>${caption} (${items.length})</caption>
    <thead><tr><th scope="col">${t('reviews.product')}</th><th scope="col">${t('reviews.version')}</th>
      <th scope="col">${t('reviews.author')}</th><th scope="col">${approved ? t('reviews.approvedAt') : t('reviews.submitted')}</th>
      ${approved && html`<th scope="col">${t('reviews.approver')}</th>`}
      <th scope="col">${t('reviews.tests')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
    <tbody>${items.map(({ product, version }) => {
      const run = version.latestTestRun;
      const isSelected = selected && selected.code === product.code && selected.version === version.version;
      return html`<tr aria-selected=${isSelected ? 'true' : undefined} class=${isSelected ? 'selected' : ''}>
        <td><a href=${href('products', product.code)}>${product.code}</a> ${productName(product)}</td>
        <td>v${version.version} <${StatusBadge} status=${version.status} /></td>
        <td>${version.author}</td>
        <td>${dateTime(approved ? version.approvedAt : version.submittedAt)}</td>
        ${approved && html`<td>${version.approver || '—'}</td>`}
        <td>${run ? html`<span class=${'badge ' + (run.failed === 0 ? 'badge-pass' : 'badge-fail')}>${t('reviews.tests.short', run)}</span>` : '—'}</td>
        <td><a class="button" href=${'#/reviews?product=' + enc(product.code) + '&version=' + version.version}
          aria-label=${t('reviews.review', { code: product.code, version: version.version })}>${t('reviews.open')}</a></td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

export function ReviewsPage({ query }) {
  const queue = useAsync(loadQueue, []);
  const selected = query.product && query.version ? { code: query.product, version: Number(query.version) } : null;
  const items = queue.data || [];
  const inReview = items.filter((i) => i.version.status === 'IN_REVIEW');
  const approved = items.filter((i) => i.version.status === 'APPROVED');
  const current = selected && items.find((i) => i.product.code === selected.code && i.version.version === selected.version);
  const [lastDone, setLastDone] = useState(null);
  const afterAction = (summary, action) => {
    setLastDone({ summary, action });
    queue.reload();
  };
  const shown = current;
  return html`<section>
    <${PageTitle} actions=${html`<button type="button" onClick=${queue.reload}>${t('common.refresh')}</button>`}>${t('reviews.title')}<//>
    <${ErrorMessage} error=${queue.error} />
    ${queue.loading && !queue.data && html`<${Loading} />`}
    ${queue.data && html`
      <h2>${t('reviews.inReview')}</h2>
      <${QueueTable} items=${inReview} caption=${t('reviews.inReview')} empty=${t('reviews.empty')} selected=${selected} />
      <h2>${t('reviews.approved')}</h2>
      <${QueueTable} items=${approved} caption=${t('reviews.approved')} empty=${t('reviews.emptyApproved')} approved selected=${selected} />`}
    ${lastDone && html`<p class="done" role="status">${lastDone.action === 'rollback'
      ? t('actions.done.rollback', { version: lastDone.summary.version, from: date(lastDone.summary.effectiveFrom) })
      : t('actions.done.' + lastDone.action, { version: lastDone.summary.version, from: date(lastDone.summary.effectiveFrom) })}
      ${' '}<a href=${href('products', lastDone.summary.productCode)}>${lastDone.summary.productCode}</a></p>`}
    ${shown && html`<${ReviewPanel} key=${shown.product.code + ':' + shown.version.version + ':' + shown.version.status}
      product=${shown.product} summary=${shown.version} onChanged=${afterAction} />`}
  </section>`;
}
