// Channel API keys for admins: the list (prefix only), a new key issued to a channel — shown
// once, with a copy button and the warning that it cannot be shown again (only its sha256 is
// stored) — and a key revoked after a confirmation.
import { useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { addMessages, t } from '../i18n.js';
import { dateTime } from '../format.js';
import { ErrorMessage, Loading, PageTitle, TextInput, html, useAction, useAsync } from '../ui.js';
import './audit.css';

addMessages({
  zh: {
    'keys.title': '渠道 API 密钥', 'keys.issue': '签发新密钥', 'keys.channel': '渠道代码', 'keys.channelHint': '大写字母开头：A–Z、0–9、_，例如 MOBILE_APP',
    'keys.submit': '签发', 'keys.newKey': '{channel} 的新密钥', 'keys.once': '这是唯一一次显示此密钥：服务只保存它的 SHA-256，离开或刷新此页后将无法再次查看。请现在复制并妥善交给渠道。',
    'keys.copy': '复制密钥', 'keys.copied': '已复制到剪贴板', 'keys.copyFailed': '无法自动复制，请手动选中复制', 'keys.dismiss': '我已保存，关闭',
    'keys.list': '密钥列表（{n} 个）', 'keys.id': '编号', 'keys.prefix': '前缀', 'keys.status': '状态', 'keys.active': '有效', 'keys.revoked': '已吊销',
    'keys.created': '签发', 'keys.revokedAt': '吊销', 'keys.revoke': '吊销', 'keys.revokeOne': '吊销密钥 {prefix}…（{channel}）',
    'keys.confirmRevoke': '吊销 {channel} 的密钥 {prefix}…？使用它的请求将立即被拒绝，此操作不能撤销。', 'keys.revokedOk': '已吊销密钥 {prefix}…',
    'keys.value': '新密钥',
  },
  en: {
    'keys.title': 'Channel API keys', 'keys.issue': 'Issue a key', 'keys.channel': 'Channel code', 'keys.channelHint': 'Starts with A–Z; A–Z, 0–9, _ — e.g. MOBILE_APP',
    'keys.submit': 'Issue', 'keys.newKey': 'New key of {channel}', 'keys.once': 'This is the only time this key is shown: the service keeps only its SHA-256, so after you leave or reload this page it cannot be shown again. Copy it now and hand it to the channel safely.',
    'keys.copy': 'Copy key', 'keys.copied': 'Copied to the clipboard', 'keys.copyFailed': 'Could not copy; select it and copy by hand', 'keys.dismiss': 'I have saved it; close',
    'keys.list': 'Keys ({n})', 'keys.id': 'No.', 'keys.prefix': 'Prefix', 'keys.status': 'Status', 'keys.active': 'Active', 'keys.revoked': 'Revoked',
    'keys.created': 'Issued', 'keys.revokedAt': 'Revoked', 'keys.revoke': 'Revoke', 'keys.revokeOne': 'Revoke key {prefix}… ({channel})',
    'keys.confirmRevoke': 'Revoke the key {prefix}… of {channel}? Requests with it are refused at once; this cannot be undone.', 'keys.revokedOk': 'Key {prefix}… revoked',
    'keys.value': 'New key',
  },
});

function IssuedKey({ issued, onDismiss }) {
  const [copied, setCopied] = useState(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      setCopied('ok');
    } catch (e) {
      setCopied('failed');
    }
  };
  return html`<section class="once-key" role="alert" aria-labelledby="new-key-title">
    <h2 id="new-key-title">${t('keys.newKey', { channel: issued.channel })}</h2>
    <p class="warning">⚠ ${t('keys.once')}</p>
    <p><span class="sr-only">${t('keys.value')}</span><code data-testid="new-key" aria-label=${t('keys.value')}>${issued.key}</code></p>
    <div class="buttons">
      <button type="button" class="primary" onClick=${copy}>${t('keys.copy')}</button>
      <button type="button" onClick=${onDismiss}>${t('keys.dismiss')}</button>
      ${copied && html`<span role="status" class=${copied === 'ok' ? 'ok-text' : 'bad-text'}>${copied === 'ok' ? t('keys.copied') : t('keys.copyFailed')}</span>`}
    </div>
  </section>`;
}

export function AdminKeysPage() {
  const list = useAsync(() => get('/admin/channel-keys'), []);
  const [channel, setChannel] = useState('');
  const [issued, setIssued] = useState(null);
  const [revokedMsg, setRevokedMsg] = useState(null);
  const [issue, issuing, issueError] = useAction(async () => {
    setRevokedMsg(null);
    setIssued(await post('/admin/channel-keys', { channel: channel.trim() }));
    setChannel('');
    list.reload();
  });
  const [revoke, revoking, revokeError] = useAction(async (k) => {
    if (!window.confirm(t('keys.confirmRevoke', { channel: k.channel, prefix: k.keyPrefix }))) return;
    await post(`/admin/channel-keys/${k.id}/revoke`);
    setRevokedMsg(t('keys.revokedOk', { prefix: k.keyPrefix }));
    list.reload();
  });
  return html`<section>
    <${PageTitle}>${t('keys.title')}<//>
    <form class="card inline-form" aria-label=${t('keys.issue')} onSubmit=${(e) => { e.preventDefault(); issue(); }}>
      <${TextInput} label=${t('keys.channel')} value=${channel} onInput=${setChannel} required hint=${t('keys.channelHint')} autocomplete="off" />
      <button type="submit" class="primary" disabled=${issuing}>${t('keys.submit')}</button>
      <div class="wide"><${ErrorMessage} error=${issueError} /></div>
    </form>
    ${issued && html`<${IssuedKey} issued=${issued} onDismiss=${() => setIssued(null)} />`}
    ${revokedMsg && html`<p role="status" class="ok-text">${revokedMsg}</p>`}
    <${ErrorMessage} error=${list.error || revokeError} />
    ${list.loading && !list.data && html`<${Loading} />`}
    ${list.data && html`<div class="table-wrap"><table class="data" aria-label=${t('keys.title')}>
      <caption>${t('keys.list', { n: list.data.length })}</caption>
      <thead><tr><th scope="col" class="num">${t('keys.id')}</th><th scope="col">${t('keys.channel')}</th><th scope="col">${t('keys.prefix')}</th>
        <th scope="col">${t('keys.status')}</th><th scope="col">${t('keys.created')}</th><th scope="col">${t('keys.revokedAt')}</th>
        <th scope="col">${t('common.actions')}</th></tr></thead>
      <tbody>${list.data.map((k) => html`<tr data-key-id=${k.id}>
        <td class="num">${k.id}</td><td>${k.channel}</td><td><code>${k.keyPrefix}…</code></td>
        <td><span class=${'badge ' + (k.active ? 'badge-active' : 'badge-retired')}>${k.active ? t('keys.active') : t('keys.revoked')}</span></td>
        <td>${dateTime(k.createdAt)} · ${k.createdBy}</td>
        <td>${k.revokedAt ? `${dateTime(k.revokedAt)} · ${k.revokedBy}` : '—'}</td>
        <td>${k.active && html`<button type="button" class="danger" disabled=${revoking}
          aria-label=${t('keys.revokeOne', { prefix: k.keyPrefix, channel: k.channel })} onClick=${() => revoke(k)}>${t('keys.revoke')}</button>`}</td>
      </tr>`)}</tbody>
    </table></div>`}
  </section>`;
}
