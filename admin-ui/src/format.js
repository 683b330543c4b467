// Money as ¥ with thousands separators, rates as percent with 2 decimals, dates as yyyy-MM-dd,
// times in Asia/Shanghai. Values come from the API as JSON numbers or strings; nothing here
// does arithmetic on money.

const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export function money(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return (n < 0 ? '-¥' : '¥') + yuan.format(Math.abs(n));
}

export function pct(value) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return n.toFixed(2) + '%';
}

export function date(value) {
  if (!value) return '—';
  return String(value).slice(0, 10);
}

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** An instant (ISO-8601) as yyyy-MM-dd HH:mm:ss in Asia/Shanghai, the bank's time. */
export function dateTime(value) {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const parts = Object.fromEntries(shanghai.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Today in Asia/Shanghai as yyyy-MM-dd (the date the service uses for effective dates). */
export function todayShanghai() {
  return dateTime(new Date().toISOString()).slice(0, 10);
}

export function count(value) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('zh-CN').format(value);
}
