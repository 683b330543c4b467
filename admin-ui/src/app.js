// The shell: sign-in when there is no session, else the menu of what the role may do and the page.
import { useEffect } from 'preact/hooks';
import { addMessages, language, setLanguage, t, enumLabel } from './i18n.js';
import { route, match, navigate } from './router.js';
import { ROUTES } from './routes.js';
import { hasRole, loadSession, session, signOut } from './session.js';
import { useSignal } from './state.js';
import { ErrorMessage, html, useAsync } from './ui.js';
import { SignInPage } from './pages/signin.js';

addMessages({
  zh: {
    'app.title': '贷款产品工厂', 'app.skip': '跳到正文', 'app.signOut': '退出登录', 'app.language': '语言',
    'app.notFound': '没有这个页面', 'app.forbidden': '您的角色不能打开这个页面', 'app.home': '回到首页',
    'nav.products': '产品', 'nav.menu': '主菜单', 'nav.reviews': '审批队列', 'nav.try': '试算', 'nav.offers': '一选多',
    'nav.decisions': '决策查询', 'nav.replays': '重放批次', 'nav.audit': '审计', 'nav.adminUsers': '用户',
    'nav.adminKeys': '渠道密钥', 'nav.adminRates': '市场利率', 'nav.batches': '整村授信',
  },
  en: {
    'app.title': 'Loan product factory', 'app.skip': 'Skip to content', 'app.signOut': 'Sign out', 'app.language': 'Language',
    'app.notFound': 'There is no such page', 'app.forbidden': 'Your role may not open this page', 'app.home': 'Back to the start',
    'nav.products': 'Products', 'nav.menu': 'Main menu', 'nav.reviews': 'Review queue', 'nav.try': 'Try a decision',
    'nav.offers': 'Offers', 'nav.decisions': 'Decisions', 'nav.replays': 'Replays', 'nav.audit': 'Audit',
    'nav.adminUsers': 'Users', 'nav.adminKeys': 'Channel keys', 'nav.adminRates': 'Market rates', 'nav.batches': 'Village rating',
  },
});

function allowed(entry) {
  return !entry.roles || hasRole(...entry.roles);
}

function resolve(path) {
  for (const entry of ROUTES) {
    const params = match(entry.path, path);
    if (params) return { entry, params };
  }
  return null;
}

/** The first page in the menu the role may open. */
function homeOf() {
  const first = ROUTES.find((r) => r.nav && allowed(r));
  return first ? first.path : '/';
}

function LanguageSwitch() {
  const lang = useSignal(language);
  return html`<label class="lang">
    <span class="sr-only">${t('app.language')}</span>
    <select aria-label=${t('app.language')} value=${lang} onChange=${(e) => setLanguage(e.currentTarget.value)}>
      <option value="zh">中文</option>
      <option value="en">English</option>
    </select>
  </label>`;
}

function Shell({ children, path }) {
  const s = session.value;
  const current = resolve(path);
  return html`<div class="shell">
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>${t('app.skip')}</a>
    <header class="topbar">
      <a class="brand" href=${'#' + homeOf()}>${t('app.title')}</a>
      <nav aria-label=${t('nav.menu')} class="menu">
        ${ROUTES.filter((r) => r.nav && allowed(r)).map((r) => html`<a href=${'#' + r.path}
          aria-current=${current && current.entry.nav === r.nav ? 'page' : undefined}>${t(r.nav)}</a>`)}
      </nav>
      <div class="who">
        <span class="user">${s.username} · ${s.roles.map((r) => enumLabel('role', r)).join('、')}</span>
        <${LanguageSwitch} />
        <button type="button" class="link" onClick=${() => signOut()}>${t('app.signOut')}</button>
      </div>
    </header>
    <main id="main" tabindex="-1">${children}</main>
  </div>`;
}

export function App() {
  useSignal(language);
  const s = useSignal(session);
  const path = useSignal(route);
  const loading = useAsync(() => (session.value === null ? loadSession() : session.value), []);

  useEffect(() => {
    if (s && (path === '/' || path === '')) navigate(homeOf());
  }, [s, path]);

  if (s === null) {
    return loading.error ? html`<div class="centered"><${ErrorMessage} error=${loading.error} /></div>` : null;
  }
  if (s === false) return html`<${SignInPage} languageSwitch=${html`<${LanguageSwitch} />`} />`;

  const found = resolve(path);
  let content;
  if (!found) {
    content = path === '/' ? null : html`<div class="notice"><p>${t('app.notFound')}</p><a href=${'#' + homeOf()}>${t('app.home')}</a></div>`;
  } else if (!allowed(found.entry)) {
    content = html`<div class="notice" role="alert"><p>${t('app.forbidden')}</p><a href=${'#' + homeOf()}>${t('app.home')}</a></div>`;
  } else {
    const Page = found.entry.page;
    content = html`<${Page} ...${found.params} key=${path} />`;
  }
  return html`<${Shell} path=${path}>${content}<//>`;
}
