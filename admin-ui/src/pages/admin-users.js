// Staff users for admins: the list, a new user with roles and a password the password policy
// accepts (the API's field messages shown as they come), roles changed, a user disabled or enabled;
// and the sign-in locks in force after repeated failed sign-ins, which an admin may lift.
import { useState } from 'preact/hooks';
import { del, get, post, put } from '../api.js';
import { ENUMS } from '../enums.js';
import { addMessages, enumLabel, t } from '../i18n.js';
import { dateTime } from '../format.js';
import { session } from '../session.js';
import { ErrorMessage, Loading, PageTitle, TextInput, html, useAction, useAsync } from '../ui.js';
import './audit.css';

addMessages({
  zh: {
    'users.title': '员工用户', 'users.create': '新建用户', 'users.username': '用户名', 'users.password': '初始密码', 'users.roles': '角色',
    'users.usernameHint': '小写字母开头，3–64 个字符：小写字母、数字、. _ -',
    'users.passwordHint': '至少 12 个非空格字符，最多 72 字节（UTF-8），不含控制字符',
    'users.submit': '创建用户', 'users.created': '已创建用户 {u}', 'users.status': '状态', 'users.enabled': '在用', 'users.disabled': '已停用',
    'users.createdAt': '创建', 'users.updatedAt': '最近修改', 'users.editRoles': '修改角色', 'users.saveRoles': '保存角色',
    'users.disable': '停用', 'users.enable': '启用', 'users.confirmDisable': '停用用户 {u}？其下一次请求将被拒绝。',
    'users.rolesOf': '{u} 的角色', 'users.list': '用户列表（{n} 人）', 'users.yourself': '（您自己）',
    'lockouts.title': '登录锁定', 'lockouts.kind': '类型', 'lockouts.subject': '对象', 'lockouts.failures': '失败次数', 'lockouts.until': '锁定至',
    'lockouts.kind.USER': '用户名', 'lockouts.kind.ADDRESS': '客户端地址', 'lockouts.lift': '解除锁定', 'lockouts.none': '当前没有登录锁定',
    'lockouts.lifted': '已解除 {s} 的锁定', 'lockouts.liftOne': '解除 {s} 的锁定',
  },
  en: {
    'users.title': 'Staff users', 'users.create': 'New user', 'users.username': 'Username', 'users.password': 'Initial password', 'users.roles': 'Roles',
    'users.usernameHint': 'Starts with a lower-case letter; 3–64 of lower-case letters, digits, . _ -',
    'users.passwordHint': 'At least 12 characters other than spaces, at most 72 bytes (UTF-8), no control characters',
    'users.submit': 'Create user', 'users.created': 'User {u} created', 'users.status': 'Status', 'users.enabled': 'Enabled', 'users.disabled': 'Disabled',
    'users.createdAt': 'Created', 'users.updatedAt': 'Last changed', 'users.editRoles': 'Change roles', 'users.saveRoles': 'Save roles',
    'users.disable': 'Disable', 'users.enable': 'Enable', 'users.confirmDisable': 'Disable user {u}? Their next request is refused.',
    'users.rolesOf': 'Roles of {u}', 'users.list': 'Users ({n})', 'users.yourself': '(you)',
    'lockouts.title': 'Sign-in locks', 'lockouts.kind': 'Kind', 'lockouts.subject': 'Subject', 'lockouts.failures': 'Failures', 'lockouts.until': 'Locked until',
    'lockouts.kind.USER': 'Username', 'lockouts.kind.ADDRESS': 'Client address', 'lockouts.lift': 'Lift', 'lockouts.none': 'No sign-in lock in force',
    'lockouts.lifted': 'Lifted the lock of {s}', 'lockouts.liftOne': 'Lift the lock of {s}',
  },
});

function RoleChecks({ legend, roles, onChange }) {
  const toggle = (r) => onChange(roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r]);
  return html`<fieldset class="field role-checks">
    <legend>${legend}</legend>
    ${ENUMS.role.map((r) => html`<label class="check"><input type="checkbox" checked=${roles.includes(r)} onChange=${() => toggle(r)} />
      ${enumLabel('role', r)}</label>`)}
  </fieldset>`;
}

function CreateUser({ onCreated }) {
  const [form, setForm] = useState({ username: '', password: '', roles: [] });
  const [create, busy, error] = useAction(async () => {
    const user = await post('/admin/users', { username: form.username.trim(), password: form.password, roles: form.roles });
    setForm({ username: '', password: '', roles: [] });
    onCreated(user);
  });
  return html`<form class="card form-grid" aria-label=${t('users.create')} onSubmit=${(e) => { e.preventDefault(); create(); }}>
    <h2>${t('users.create')}</h2>
    <${TextInput} label=${t('users.username')} value=${form.username} onInput=${(v) => setForm({ ...form, username: v })}
      required hint=${t('users.usernameHint')} autocomplete="off" />
    <${TextInput} label=${t('users.password')} type="password" value=${form.password} onInput=${(v) => setForm({ ...form, password: v })}
      required hint=${t('users.passwordHint')} autocomplete="new-password" />
    <${RoleChecks} legend=${t('users.roles') + ' *'} roles=${form.roles} onChange=${(roles) => setForm({ ...form, roles })} />
    <div class="wide"><${ErrorMessage} error=${error} /></div>
    <div class="wide buttons"><button type="submit" class="primary" disabled=${busy}>${t('users.submit')}</button></div>
  </form>`;
}

function UserRow({ user, onChanged }) {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState(user.roles);
  const name = encodeURIComponent(user.username);
  const [saveRoles, savingRoles, rolesError] = useAction(async () => {
    onChanged(await put(`/admin/users/${name}/roles`, { roles }));
    setEditing(false);
  });
  const [toggle, toggling, toggleError] = useAction(async () => {
    if (user.enabled && !window.confirm(t('users.confirmDisable', { u: user.username }))) return;
    onChanged(await post(`/admin/users/${name}/${user.enabled ? 'disable' : 'enable'}`));
  });
  const me = session.value && session.value.username === user.username;
  return html`<tr data-username=${user.username}>
    <td><strong>${user.username}</strong> ${me && html`<span class="hint">${t('users.yourself')}</span>`}</td>
    <td>${editing ? html`<form aria-label=${t('users.rolesOf', { u: user.username })} onSubmit=${(e) => { e.preventDefault(); saveRoles(); }}>
        <${RoleChecks} legend=${t('users.rolesOf', { u: user.username })} roles=${roles} onChange=${setRoles} />
        <div class="row-actions"><button type="submit" class="primary" disabled=${savingRoles}>${t('users.saveRoles')}</button>
          <button type="button" onClick=${() => { setRoles(user.roles); setEditing(false); }}>${t('common.cancel')}</button></div>
        <${ErrorMessage} error=${rolesError} />
      </form>` : user.roles.map((r) => enumLabel('role', r)).join('、')}</td>
    <td><span class=${'badge ' + (user.enabled ? 'badge-active' : 'badge-retired')}>${user.enabled ? t('users.enabled') : t('users.disabled')}</span></td>
    <td>${dateTime(user.createdAt)} · ${user.createdBy}</td>
    <td>${user.updatedAt ? `${dateTime(user.updatedAt)} · ${user.updatedBy}` : '—'}</td>
    <td><div class="row-actions">
      ${!editing && html`<button type="button" aria-label=${t('users.editRoles') + ' ' + user.username} onClick=${() => setEditing(true)}>${t('users.editRoles')}</button>`}
      <button type="button" class=${user.enabled ? 'danger' : ''} disabled=${toggling}
        aria-label=${(user.enabled ? t('users.disable') : t('users.enable')) + ' ' + user.username}
        onClick=${toggle}>${user.enabled ? t('users.disable') : t('users.enable')}</button>
    </div><${ErrorMessage} error=${toggleError} /></td>
  </tr>`;
}

function Lockouts() {
  const list = useAsync(() => get('/admin/sign-in-lockouts'), []);
  const [done, setDone] = useState(null);
  const [lift, busy, error] = useAction(async (l) => {
    const path = l.kind === 'USER' ? 'users' : 'addresses';
    await del(`/admin/sign-in-lockouts/${path}/${encodeURIComponent(l.subject)}`);
    setDone(l.subject);
    list.reload();
  });
  return html`<section class="card" aria-labelledby="lockouts-title">
    <h2 id="lockouts-title">${t('lockouts.title')}</h2>
    <${ErrorMessage} error=${list.error || error} />
    ${done && html`<p role="status" class="ok-text">${t('lockouts.lifted', { s: done })}</p>`}
    ${list.data && (list.data.length === 0 ? html`<p class="hint">${t('lockouts.none')}</p>` : html`<table class="data" aria-label=${t('lockouts.title')}>
      <thead><tr><th scope="col">${t('lockouts.kind')}</th><th scope="col">${t('lockouts.subject')}</th>
        <th scope="col" class="num">${t('lockouts.failures')}</th><th scope="col">${t('lockouts.until')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
      <tbody>${list.data.map((l) => html`<tr>
        <td>${t('lockouts.kind.' + l.kind)}</td><td><code>${l.subject}</code></td><td class="num">${l.failures}</td><td>${dateTime(l.until)}</td>
        <td><button type="button" disabled=${busy} aria-label=${t('lockouts.liftOne', { s: l.subject })} onClick=${() => lift(l)}>${t('lockouts.lift')}</button></td>
      </tr>`)}</tbody>
    </table>`)}
  </section>`;
}

export function AdminUsersPage() {
  const list = useAsync(() => get('/admin/users'), []);
  const [created, setCreated] = useState(null);
  const [creating, setCreating] = useState(false);
  return html`<section>
    <${PageTitle} actions=${!creating && html`<button type="button" class="primary" onClick=${() => setCreating(true)}>${t('users.create')}</button>`}>
      ${t('users.title')}<//>
    ${creating && html`<${CreateUser} onCreated=${(u) => { setCreated(u.username); setCreating(false); list.reload(); }} />`}
    ${created && html`<p role="status" class="ok-text">${t('users.created', { u: created })}</p>`}
    <${ErrorMessage} error=${list.error} />
    ${list.loading && !list.data && html`<${Loading} />`}
    ${list.data && html`<div class="table-wrap"><table class="data" aria-label=${t('users.title')}>
      <caption>${t('users.list', { n: list.data.length })}</caption>
      <thead><tr><th scope="col">${t('users.username')}</th><th scope="col">${t('users.roles')}</th><th scope="col">${t('users.status')}</th>
        <th scope="col">${t('users.createdAt')}</th><th scope="col">${t('users.updatedAt')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
      <tbody>${list.data.map((u) => html`<${UserRow} key=${u.username + u.roles.join() + u.enabled} user=${u} onChanged=${() => list.reload()} />`)}</tbody>
    </table></div>`}
    <${Lockouts} />
  </section>`;
}
