import { en } from './words-en';
import { zh } from './words-zh';

// The console's words in English and Chinese (words-en.ts, words-zh.ts). The language is the browser's (zh… →
// Chinese), or the one chosen with the language button, remembered on this device.

export type Key = keyof typeof en;

const storageKey = 'chatclean.lang';

export type Lang = 'en' | 'zh';

export function currentLang(): Lang {
  const chosen = localStorage.getItem(storageKey);
  if (chosen === 'en' || chosen === 'zh') {
    return chosen;
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key: Key, values: Record<string, string | number> = {}, lang: Lang = currentLang()): string {
  const text = (lang === 'zh' ? zh : en)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** What the console says for an error code it knows, in the chosen language; else the server's own sentence. */
const errors: Record<string, { en: string; zh: string }> = {
  'auth.invalid_credentials': { en: 'The username or password is wrong.', zh: '用户名或密码错误。' },
  'auth.account_disabled': { en: 'This account is disabled.', zh: '该账号已停用。' },
  'user.username_taken': { en: 'That username is taken.', zh: '该用户名已被使用。' },
  'user.username_invalid': { en: 'Usernames are 3–64 letters, digits, ".", "_", "-" or "@".', zh: '用户名为 3–64 位字母、数字或 . _ - @。' },
  rate_limited: { en: 'Too many tries: wait a moment.', zh: '操作过于频繁，请稍后再试。' },
  'conversation.closed': { en: 'The conversation has ended.', zh: '会话已结束。' },
  'conversation.already_taken': { en: 'Another agent took this conversation first.', zh: '该会话已被其他客服接入。' },
  'realtime.not_connected': { en: 'Not connected: try again in a moment.', zh: '尚未连接，请稍后再试。' },
  'realtime.disconnected': { en: 'The connection was lost: if it did not go through, send it again.', zh: '连接已断开：如未成功，请重新发送。' },
};

export function errorText(code: string, fallback: string, lang: Lang = currentLang()): string {
  return errors[code]?.[lang] ?? fallback;
}

export function duration(seconds: number, lang: Lang = currentLang()): string {
  if (seconds < 10) {
    return t('time.seconds', { n: (Math.round(seconds * 10) / 10).toString() }, lang);
  }
  return seconds < 90 ? t('time.seconds', { n: Math.round(seconds) }, lang) : t('time.minutes', { n: Math.round(seconds / 60) }, lang);
}
