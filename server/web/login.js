// The login form both pages show: on success it calls onDone; a wrong name or password gets one
// message for both, a lock-out the server's own words (how long to wait).
import { h, replace } from './dom.js';
import { login, restore, errorText } from './api.js';

export function loginForm({ heading, headingTag = 'h2', buttonClass = 'primary', formId, onDone, message }) {
  const name = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', autocapitalize: 'off', required: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const note = h('div', { class: 'field-error', role: 'alert', id: 'login-error' }, message || '');
  const attrs = { class: 'login panel', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await login(name.value.trim(), pass.value);
      onDone();
    } catch (err) {
      replace(note, err.status === 401 || err.status === 403 ? '用户名或密码错误' : errorText(err));
    }
  } };
  if (formId) attrs.id = formId;
  const form = h('form', attrs,
    h(headingTag, {}, heading),
    h('label', {}, h('span', { class: 'label' }, '用户名'), name),
    h('label', {}, h('span', { class: 'label' }, '密码'), pass),
    note,
    h('button', { type: 'submit', class: buttonClass }, '登录'));
  return { form, focus: () => name.focus() };
}

// Both pages start the same way: the session the browser still has, then the page itself.
export async function startPage(main, next) {
  try {
    await restore();
  } catch (e) {
    replace(main, h('p', { class: 'error' }, `无法连接服务器：${errorText(e)}`));
    return;
  }
  next();
}
