// Impact simulations of a version: the list and the start form (a date range of stored decisions),
// the progress of one (polled while it runs), and its report: the outcome transition matrix as a
// heat map, exposure, limit and rate histograms before/after, reason codes appearing and
// disappearing, and the sample of changed decisions. SimulationReport is reused by the review queue.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { count, date, dateTime, money, pct, todayShanghai } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../session.js';
import { ErrorMessage, Loading, PageTitle, ProgressBar, StatusBadge, TextInput, html, useAction, useAsync } from '../ui.js';
import './simulation.css';

addMessages({
  zh: {
    'sim.list.title': '模拟 · {code} v{version}', 'sim.start': '开始模拟', 'sim.from': '起始日期', 'sim.to': '截止日期',
    'sim.range.hint': '按上海时间的决策日期，包含首尾两天；默认最近 90 天', 'sim.none': '这个版本还没有模拟。',
    'sim.id': '编号', 'sim.status': '状态', 'sim.range': '决策日期范围', 'sim.progress': '进度', 'sim.by': '发起人',
    'sim.at': '发起时间', 'sim.open': '查看', 'sim.list': '模拟记录', 'sim.startHint': '只能模拟草稿或审批中的版本。',
    'sim.title': '模拟 · {code} v{version}', 'sim.back': '返回模拟列表', 'sim.version': '查看版本', 'sim.failed': '模拟失败',
    'sim.progressLabel': '模拟进度', 'sim.report': '模拟报告',
    'sim.total': '模拟决策数', 'sim.unchanged': '结果不变', 'sim.changed': '结果改变', 'sim.errors': '规则出错', 'sim.rate': '速度（条/秒）',
    'sim.matrix': '结果迁移矩阵（原结果 → 新结果）', 'sim.matrix.before': '原结果', 'sim.matrix.after': '新结果', 'sim.matrix.total': '合计',
    'sim.matrix.cell': '{before} → {after}：{n} 笔', 'sim.outcome.ERROR': '出错',
    'sim.exposure': '授信敞口（额度合计）', 'sim.before': '模拟前', 'sim.after': '模拟后', 'sim.delta': '变化',
    'sim.limits': '额度分布（未拒绝的决策）', 'sim.rates': '利率分布（未拒绝的决策）',
    'sim.count': '笔数', 'sim.mean': '平均', 'sim.p50': '中位数 (P50)', 'sim.p90': 'P90', 'sim.noBins': '（这份报告没有分布区间数据）',
    'sim.histogram': '{what}直方图：每个区间模拟前与模拟后的笔数',
    'sim.reasons': '原因码变化', 'sim.appearing': '新出现的原因码', 'sim.disappearing': '消失的原因码', 'sim.code': '原因码', 'sim.decisions': '决策数',
    'sim.sample': '改变的决策（样本，最多 20 笔）', 'sim.decision': '决策编号', 'sim.outcome': '结果', 'sim.tier': '等级',
    'sim.limit': '额度', 'sim.annualRate': '年利率', 'sim.differences': '不同的字段', 'sim.noSample': '没有改变的决策。',
    'sim.noLink': '您的角色不能查看决策详情',
  },
  en: {
    'sim.list.title': 'Simulations · {code} v{version}', 'sim.start': 'Start a simulation', 'sim.from': 'From', 'sim.to': 'To',
    'sim.range.hint': 'Days the decisions were made (Asia/Shanghai), both included; the last 90 days by default', 'sim.none': 'This version has no simulation yet.',
    'sim.id': 'ID', 'sim.status': 'Status', 'sim.range': 'Decision dates', 'sim.progress': 'Progress', 'sim.by': 'Started by',
    'sim.at': 'Started at', 'sim.open': 'Open', 'sim.list': 'Simulations', 'sim.startHint': 'Only drafts and versions in review can be simulated.',
    'sim.title': 'Simulation · {code} v{version}', 'sim.back': 'Back to the simulations', 'sim.version': 'Open the version', 'sim.failed': 'The simulation failed',
    'sim.progressLabel': 'Simulation progress', 'sim.report': 'Simulation report',
    'sim.total': 'Decisions simulated', 'sim.unchanged': 'Unchanged', 'sim.changed': 'Changed', 'sim.errors': 'Rule errors', 'sim.rate': 'Rate (per second)',
    'sim.matrix': 'Outcome transitions (before → after)', 'sim.matrix.before': 'Before', 'sim.matrix.after': 'After', 'sim.matrix.total': 'Total',
    'sim.matrix.cell': '{before} → {after}: {n}', 'sim.outcome.ERROR': 'Error',
    'sim.exposure': 'Exposure (sum of limits)', 'sim.before': 'Before', 'sim.after': 'After', 'sim.delta': 'Change',
    'sim.limits': 'Limits (decisions not declined)', 'sim.rates': 'Rates (decisions not declined)',
    'sim.count': 'Count', 'sim.mean': 'Mean', 'sim.p50': 'Median (P50)', 'sim.p90': 'P90', 'sim.noBins': '(this report has no distribution bins)',
    'sim.histogram': '{what} histogram: decisions per bin before and after',
    'sim.reasons': 'Reason codes', 'sim.appearing': 'Appearing', 'sim.disappearing': 'Disappearing', 'sim.code': 'Code', 'sim.decisions': 'Decisions',
    'sim.sample': 'Changed decisions (a sample of up to 20)', 'sim.decision': 'Decision', 'sim.outcome': 'Outcome', 'sim.tier': 'Tier',
    'sim.limit': 'Limit', 'sim.annualRate': 'Annual rate', 'sim.differences': 'Differing fields', 'sim.noSample': 'No decision changed.',
    'sim.noLink': 'Your role may not open decisions',
  },
});

const enc = encodeURIComponent;
const AFTER = ['APPROVED', 'REFERRED', 'DECLINED', 'ERROR'];

export function simulationsPath(code, version) {
  return `/products/${enc(code)}/versions/${enc(version)}/simulations`;
}

function outcomeLabel(o) {
  return o === 'ERROR' ? t('sim.outcome.ERROR') : enumLabel('outcome', o);
}

function daysBefore(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** The start form: a date range, POST …/simulations, then onStarted(job). */
export function StartSimulation({ code, version, onStarted }) {
  const today = todayShanghai();
  const [from, setFrom] = useState(daysBefore(today, 89));
  const [to, setTo] = useState(today);
  const [start, busy, error] = useAction(async () => {
    onStarted(await post(simulationsPath(code, version), { from: from || null, to: to || null }));
  });
  return html`<form class="inline-form sim-start" aria-label=${t('sim.start')} onSubmit=${(e) => { e.preventDefault(); start(); }}>
    <${TextInput} label=${t('sim.from')} type="date" value=${from} onInput=${setFrom} max=${to || today} />
    <${TextInput} label=${t('sim.to')} type="date" value=${to} onInput=${setTo} max=${today} />
    <button type="submit" class="primary" disabled=${busy}>${t('sim.start')}</button>
    <small class="hint">${t('sim.range.hint')}</small>
    <${ErrorMessage} error=${error} />
  </form>`;
}

export function SimulationsPage({ code, version }) {
  const data = useAsync(() => Promise.all([get(simulationsPath(code, version)), get(`/products/${enc(code)}/versions/${enc(version)}`)]), [code, version]);
  const canStart = hasRole('PRODUCT_MANAGER', 'APPROVER');
  const [list, detail] = data.data || [[], null];
  const startable = detail && (detail.status === 'DRAFT' || detail.status === 'IN_REVIEW');
  return html`<section>
    <${PageTitle} actions=${html`<a class="button" href=${href('products', code, 'versions', String(version))}>${t('sim.version')}</a>`}>
      ${t('sim.list.title', { code, version })}<//>
    ${data.loading && !data.data && html`<${Loading} />`}
    <${ErrorMessage} error=${data.error} />
    ${detail && canStart && (startable
      ? html`<${StartSimulation} code=${code} version=${version} onStarted=${(job) => navigate(`/simulations/${enc(code)}/${enc(version)}/${enc(job.id)}`)} />`
      : html`<p class="hint">${t('sim.startHint')}</p>`)}
    ${data.data && (list.length === 0 ? html`<p>${t('sim.none')}</p>` : html`<div class="table-wrap"><table class="data">
      <caption>${t('sim.list')}</caption>
      <thead><tr><th scope="col">${t('sim.id')}</th><th scope="col">${t('sim.status')}</th><th scope="col">${t('sim.range')}</th>
        <th scope="col" class="num">${t('sim.progress')}</th><th scope="col">${t('sim.by')}</th><th scope="col">${t('sim.at')}</th></tr></thead>
      <tbody>${list.map((j) => html`<tr>
        <td><a href=${'#/simulations/' + enc(code) + '/' + enc(version) + '/' + enc(j.id)}><code>${j.id}</code></a></td>
        <td><${StatusBadge} status=${j.status} /></td>
        <td>${date(j.from)} ~ ${date(j.to)}</td>
        <td class="num">${count(j.progress.done)} / ${count(j.progress.total)}</td>
        <td>${j.createdBy}</td><td>${dateTime(j.createdAt)}</td>
      </tr>`)}</tbody>
    </table></div>`)}
  </section>`;
}

/**
 * Polls a simulation every ~500 ms while it is QUEUED or RUNNING; returns { job, error }.
 * The API gives the rate and ETA; when it has none yet they are estimated from successive polls.
 */
export function useSimulation(path) {
  const [state, setState] = useState({ job: null, error: null, estimate: null });
  const last = useRef(null);
  useEffect(() => {
    let stopped = false;
    let timer = null;
    const poll = async () => {
      try {
        const job = await get(path);
        if (stopped) return;
        const now = performance.now();
        let estimate = null;
        const prev = last.current;
        if (prev && job.progress.done > prev.done && now > prev.at) {
          const rate = ((job.progress.done - prev.done) * 1000) / (now - prev.at);
          estimate = { rate, eta: (job.progress.total - job.progress.done) / rate };
        }
        last.current = { done: job.progress.done, at: now };
        setState((s) => ({ job, error: null, estimate: estimate || s.estimate }));
        if (job.status === 'QUEUED' || job.status === 'RUNNING') timer = setTimeout(poll, 500);
      } catch (error) {
        if (!stopped) setState((s) => ({ ...s, error }));
      }
    };
    poll();
    return () => { stopped = true; clearTimeout(timer); };
  }, [path]);
  return state;
}

export function SimulationProgress({ job, estimate }) {
  const p = job.progress;
  const rate = p.ratePerSecond != null ? Number(p.ratePerSecond) : estimate && estimate.rate;
  const eta = job.status === 'DONE' ? 0 : p.etaSeconds != null ? p.etaSeconds : estimate ? estimate.eta : null;
  return html`<${ProgressBar} done=${p.done} total=${p.total} rate=${rate} etaSeconds=${eta} label=${t('sim.progressLabel')} />`;
}

export function SimulationPage({ code, version, id }) {
  const path = `${simulationsPath(code, version)}/${enc(id)}`;
  const { job, error, estimate } = useSimulation(path);
  return html`<section>
    <${PageTitle} actions=${html`<a class="button" href=${'#' + simulationsPath(code, version)}>${t('sim.back')}</a>`}>
      ${t('sim.title', { code, version })}<//>
    <${ErrorMessage} error=${error} />
    ${!job && !error && html`<${Loading} />`}
    ${job && html`<div class="sim-head">
      <${StatusBadge} status=${job.status} />
      <span>${t('sim.range')}：${date(job.from)} ~ ${date(job.to)}</span>
      <span>${t('sim.by')}：${job.createdBy} · ${dateTime(job.createdAt)}</span>
      <code class="hint">${job.id}</code>
    </div>
    <${SimulationProgress} job=${job} estimate=${estimate} />
    ${job.status === 'FAILED' && html`<div class="error" role="alert"><strong>${t('sim.failed')}</strong>
      <div class="error-detail">${job.error}</div></div>`}
    ${job.report && html`<${SimulationReport} report=${job.report} />`}`}
  </section>`;
}

function heat(n, max, diagonal) {
  if (!n) return '#f7f8fa';
  const a = 0.15 + 0.85 * (n / max);
  return diagonal ? `rgba(11, 92, 173, ${a.toFixed(3)})` : `rgba(217, 72, 15, ${a.toFixed(3)})`;
}

/** The outcome transition matrix as a heat map: rows before, columns after, the count in each cell. */
export function TransitionMatrix({ transitions }) {
  const rows = Object.keys(transitions);
  const max = Math.max(1, ...rows.flatMap((r) => AFTER.map((c) => transitions[r][c] || 0)));
  const colTotal = (c) => rows.reduce((s, r) => s + (transitions[r][c] || 0), 0);
  return html`<div class="table-wrap"><table class="heatmap" data-testid="transition-matrix">
    <caption>${t('sim.matrix')}</caption>
    <thead><tr><th scope="col" class="corner">${t('sim.matrix.before')} \\ ${t('sim.matrix.after')}</th>
      ${AFTER.map((c) => html`<th scope="col">${outcomeLabel(c)}</th>`)}<th scope="col">${t('sim.matrix.total')}</th></tr></thead>
    <tbody>${rows.map((r) => {
      const total = AFTER.reduce((s, c) => s + (transitions[r][c] || 0), 0);
      return html`<tr><th scope="row">${outcomeLabel(r)}</th>
        ${AFTER.map((c) => {
          const n = transitions[r][c] || 0;
          const strong = n / max > 0.55;
          return html`<td data-before=${r} data-after=${c} style=${{ background: heat(n, max, r === c), color: strong ? '#fff' : '#1d2433' }}
            title=${t('sim.matrix.cell', { before: outcomeLabel(r), after: outcomeLabel(c), n })}>${count(n)}</td>`;
        })}
        <td class="total">${count(total)}</td></tr>`;
    })}</tbody>
    <tfoot><tr><th scope="row">${t('sim.matrix.total')}</th>${AFTER.map((c) => html`<td class="total">${count(colTotal(c))}</td>`)}
      <td class="total">${count(rows.reduce((s, r) => s + AFTER.reduce((x, c) => x + (transitions[r][c] || 0), 0), 0))}</td></tr></tfoot>
  </table></div>`;
}

/** Bars of before and after per bin, drawn by hand in SVG (no chart library). */
export function Histogram({ bins, format, label }) {
  if (!bins || !bins.length) return html`<p class="hint">${t('sim.noBins')}</p>`;
  const W = 560, H = 200, padL = 36, padB = 44, padT = 10;
  const max = Math.max(1, ...bins.flatMap((b) => [b.before, b.after]));
  const bw = (W - padL - 8) / bins.length;
  const y = (n) => padT + (H - padT - padB) * (1 - n / max);
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const every = Math.ceil(bins.length / 6);
  return html`<figure class="histogram">
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-label=${label}>
      ${ticks.map((v) => html`<g><line x1=${padL} x2=${W - 4} y1=${y(v)} y2=${y(v)} class="grid" />
        <text x=${padL - 4} y=${y(v) + 4} text-anchor="end" class="tick">${v}</text></g>`)}
      ${bins.map((b, i) => {
        const x = padL + i * bw;
        const w = Math.max(1, (bw - 4) / 2);
        return html`<g>
          <rect class="bar-before" x=${x + 2} y=${y(b.before)} width=${w} height=${y(0) - y(b.before)}>
            <title>${format(b.from)} ~ ${format(b.to)}：${t('sim.before')} ${b.before}</title></rect>
          <rect class="bar-after" x=${x + 2 + w} y=${y(b.after)} width=${w} height=${y(0) - y(b.after)}>
            <title>${format(b.from)} ~ ${format(b.to)}：${t('sim.after')} ${b.after}</title></rect>
          ${i % every === 0 && html`<text x=${x + 2} y=${H - padB + 14} class="tick">${format(b.from)}</text>`}
        </g>`;
      })}
      <g transform=${`translate(${padL}, ${H - 12})`}>
        <rect class="bar-before" width="10" height="10" y="-9" /><text x="14" class="tick">${t('sim.before')}</text>
        <rect class="bar-after" x="70" width="10" height="10" y="-9" /><text x="84" class="tick">${t('sim.after')}</text>
      </g>
    </svg>
    <table class="data compact sr-table">
      <caption class="sr-only">${label}</caption>
      <thead><tr><th scope="col">${t('sim.range')}</th><th scope="col" class="num">${t('sim.before')}</th><th scope="col" class="num">${t('sim.after')}</th></tr></thead>
      <tbody>${bins.map((b) => html`<tr><td>${format(b.from)} ~ ${format(b.to)}</td><td class="num">${b.before}</td><td class="num">${b.after}</td></tr>`)}</tbody>
    </table>
  </figure>`;
}

function DistributionBlock({ title, dist, format }) {
  const row = (label, key) => html`<tr><th scope="row">${label}</th>
    <td class="num">${key === 'count' ? count(dist.before.count) : format(dist.before[key])}</td>
    <td class="num">${key === 'count' ? count(dist.after.count) : format(dist.after[key])}</td></tr>`;
  return html`<section class="sim-block" aria-label=${title}>
    <h3>${title}</h3>
    <${Histogram} bins=${dist.bins} format=${format} label=${t('sim.histogram', { what: title })} />
    <table class="data compact stats">
      <thead><tr><th scope="col"></th><th scope="col" class="num">${t('sim.before')}</th><th scope="col" class="num">${t('sim.after')}</th></tr></thead>
      <tbody>${row(t('sim.count'), 'count')}${row(t('sim.mean'), 'mean')}${row(t('sim.p50'), 'p50')}${row(t('sim.p90'), 'p90')}</tbody>
    </table>
  </section>`;
}

function Codes({ title, list }) {
  return html`<div><h4>${title}</h4>
    ${list.length === 0 ? html`<p class="hint">${t('common.none')}</p>` : html`<table class="data compact">
      <thead><tr><th scope="col">${t('sim.code')}</th><th scope="col" class="num">${t('sim.decisions')}</th></tr></thead>
      <tbody>${list.map((c) => html`<tr><td><code>${c.code}</code></td><td class="num">${count(c.decisions)}</td></tr>`)}</tbody>
    </table>`}</div>`;
}

function SideCell({ side }) {
  return html`<span>${enumLabel('outcome', side.outcome)}${side.tier ? ' · ' + side.tier : ''}<br />
    <small>${money(side.creditLimit)} · ${pct(side.annualRatePct)}</small>
    ${side.reasonCodes && side.reasonCodes.length > 0 && html`<br /><small><code>${side.reasonCodes.join(', ')}</code></small>`}</span>`;
}

function Sample({ sample }) {
  const canOpen = hasRole('AUDITOR');
  if (!sample.length) return html`<p class="hint">${t('sim.noSample')}</p>`;
  return html`<div class="table-wrap"><table class="data">
    <caption>${t('sim.sample')}</caption>
    <thead><tr><th scope="col">${t('sim.decision')}</th><th scope="col">${t('sim.before')}</th><th scope="col">${t('sim.after')}</th>
      <th scope="col">${t('sim.differences')}</th></tr></thead>
    <tbody>${sample.map((s) => html`<tr>
      <td>${canOpen ? html`<a href=${'#/decisions/' + enc(s.decisionId)}><code>${s.decisionId}</code></a>`
        : html`<code title=${t('sim.noLink')}>${s.decisionId}</code>`}</td>
      <td><${SideCell} side=${s.before} /></td><td><${SideCell} side=${s.after} /></td>
      <td class="sim-fields"><code>${(s.differences || []).map((d) => d.field).join(', ')}</code></td>
    </tr>`)}</tbody>
  </table></div>`;
}

/** A DONE simulation's report (or a version's latestSimulation.summary, which has no sample). */
export function SimulationReport({ report }) {
  const exposureDelta = Number(report.exposure.after) - Number(report.exposure.before);
  const rateFmt = (v) => (v === null || v === undefined ? '—' : pct(v));
  return html`<div class="sim-report" data-testid="simulation-report">
    <h2>${t('sim.report')}</h2>
    <div class="sim-cards">
      <div class="count-card"><span>${t('sim.total')}</span><strong data-testid="sim-total">${count(report.total)}</strong></div>
      <div class="count-card"><span>${t('sim.unchanged')}</span><strong data-testid="sim-unchanged">${count(report.unchanged)}</strong></div>
      <div class="count-card changed"><span>${t('sim.changed')}</span><strong data-testid="sim-changed">${count(report.changed)}</strong></div>
      <div class="count-card"><span>${t('sim.errors')}</span><strong data-testid="sim-failed">${count(report.failed)}</strong></div>
      ${report.ratePerSecond != null && html`<div class="count-card"><span>${t('sim.rate')}</span><strong>${count(Number(report.ratePerSecond))}</strong></div>`}
    </div>
    <div class="sim-grid">
      <section class="sim-block"><${TransitionMatrix} transitions=${report.transitions} /></section>
      <section class="sim-block" aria-label=${t('sim.exposure')}>
        <h3>${t('sim.exposure')}</h3>
        <dl class="facts">
          <dt>${t('sim.before')}</dt><dd data-testid="exposure-before">${money(report.exposure.before)}</dd>
          <dt>${t('sim.after')}</dt><dd data-testid="exposure-after">${money(report.exposure.after)}</dd>
          <dt>${t('sim.delta')}</dt><dd class=${exposureDelta < 0 ? 'minus' : exposureDelta > 0 ? 'plus' : ''}>${exposureDelta > 0 ? '+' : ''}${money(exposureDelta.toFixed(2))}</dd>
        </dl>
      </section>
      <${DistributionBlock} title=${t('sim.limits')} dist=${report.limits} format=${money} />
      <${DistributionBlock} title=${t('sim.rates')} dist=${report.rates} format=${rateFmt} />
      <section class="sim-block" aria-label=${t('sim.reasons')}>
        <h3>${t('sim.reasons')}</h3>
        <div class="codes"><${Codes} title=${t('sim.appearing')} list=${report.reasonCodes.appearing} />
          <${Codes} title=${t('sim.disappearing')} list=${report.reasonCodes.disappearing} /></div>
      </section>
    </div>
    ${report.sample && html`<${Sample} sample=${report.sample} />`}
  </div>`;
}
