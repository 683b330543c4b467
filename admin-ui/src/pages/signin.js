// Staff sign-in: username and password against the service; a channel key never signs in here.
import { useState } from 'preact/hooks';
import { addMessages, t } from '../i18n.js';
import { signIn } from '../session.js';
import { ErrorMessage, TextInput, html, useAction } from '../ui.js';

addMessages({
  zh: { 'signin.title': '员工登录', 'signin.username': '用户名', 'signin.password': '密码', 'signin.submit': '登录',
    'signin.busy': '正在登录…', 'signin.about': '产品经理、审批人、审计员和管理员使用本工作台。渠道应用的 API 密钥不能登录。' },
  en: { 'signin.title': 'Staff sign-in', 'signin.username': 'Username', 'signin.password': 'Password', 'signin.submit': 'Sign in',
    'signin.busy': 'Signing in…', 'signin.about': 'For product managers, approvers, auditors and admins. Channel API keys cannot sign in.' },
});

export function SignInPage({ languageSwitch }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submit, busy, error] = useAction(() => signIn(username.trim(), password));
  return html`<div class="signin">
    <form class="card" onSubmit=${(e) => { e.preventDefault(); submit(); }}>
      <div class="signin-head"><h1>${t('app.title')}</h1>${languageSwitch}</div>
      <h2>${t('signin.title')}</h2>
      <p class="hint">${t('signin.about')}</p>
      <${TextInput} label=${t('signin.username')} value=${username} onInput=${setUsername} autocomplete="username" required name="username" />
      <${TextInput} label=${t('signin.password')} type="password" value=${password} onInput=${setPassword}
        autocomplete="current-password" required name="password" />
      <${ErrorMessage} error=${error} />
      <button type="submit" class="primary" disabled=${busy}>${busy ? t('signin.busy') : t('signin.submit')}</button>
    </form>
  </div>`;
}
