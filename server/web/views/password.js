// 修改密码: one's own password, the present one asked for; the user's other sessions end.
import { h, replace } from '../dom.js';
import { api, user } from '../api.js';
import { Form, text } from '../form.js';

export async function page(root) {
  const form = new Form();
  const i = {
    old: text('', { type: 'password', id: 'password-old', autocomplete: 'current-password' }),
    next: text('', { type: 'password', id: 'password-new', autocomplete: 'new-password' }),
    again: text('', { type: 'password', id: 'password-again', autocomplete: 'new-password' }),
  };
  async function save(e) {
    e.preventDefault();
    form.clear();
    if (i.next.value !== i.again.value) {
      form.message('两次输入的新密码不一致', 'error');
      return;
    }
    try {
      await api('POST', '/api/session/password', { old: i.old.value, new: i.next.value });
      i.old.value = ''; i.next.value = ''; i.again.value = '';
      form.message('密码已修改；在其他电脑上的登录已退出', 'ok');
    } catch (err) { form.error(err); }
  }
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, `修改密码（${user()?.username || ''}）`)),
    h('form', { class: 'record panel', id: 'password-form', onsubmit: save }, form.banner,
      form.field('原密码', i.old, 'old'),
      form.field('新密码', i.next, 'new', '至少8位'),
      form.field('再输入一次新密码', i.again),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '修改密码'))));
}
