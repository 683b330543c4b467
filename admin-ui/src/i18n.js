// zh-CN by default, English by choice; the choice is kept in localStorage. Each page registers
// its own messages with addMessages, so that pages do not share one long dictionary.
import { signal } from './state.js';

const STORAGE_KEY = 'lf.lang';
const messages = { zh: {}, en: {} };

function initialLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch (e) { /* storage refused: default */ }
  return 'zh';
}

export const language = signal(initialLanguage());
document.documentElement.lang = language.value === 'zh' ? 'zh-CN' : 'en';

export function setLanguage(lang) {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch (e) { /* not kept, still switched */ }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  language.value = lang;
}

/** addMessages({ zh: { key: '…' }, en: { key: '…' } }) */
export function addMessages(byLanguage) {
  for (const lang of Object.keys(messages)) Object.assign(messages[lang], byLanguage[lang] || {});
}

/** t('key', { n: 3 }) → the message in the current language with {n} filled in; the key if none. */
export function t(key, params) {
  const text = messages[language.value][key] ?? messages.zh[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

/** The label of an enum value: t('enum.segment.FARMER'), falling back to the value itself. */
export function enumLabel(type, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `enum.${type}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}
