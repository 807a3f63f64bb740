// 用户 (admin): list, add, delete; each user works in one centre or the whole county (全县); the
// nightly backups, the latest to download; alerts.
import { h, replace, select } from '../dom.js';
import { api, get, errorText, user } from '../api.js';
import { Form, text } from '../form.js';
import { roles, label } from '../labels.js';
import { alertsPanel } from './alerts.js';
import { countyUser, pickedCentre } from '../centre.js';

export async function page(root) {
  const listEl = h('div', {}, h('p', { class: 'muted' }, '读取中…'));
  const form = new Form();
  let windows = [];
  try { windows = (await get('/api/windows?limit=1000')).items || []; } catch { /* added without a window list */ }
  const windowName = (id) => { const w = windows.find((x) => x.id === id); return w ? `${w.number}号窗口` : (id ? `#${id}` : ''); };
  let centres = [];
  try { centres = (await get('/api/centres?limit=1000')).items || []; } catch { /* added without a centre list */ }
  const centreName = (id) => (id ? centres.find((c) => c.id === id)?.name || `#${id}` : '全县');
  // A county admin adds users of the county or of a centre (the picked one first); a centre's admin, of their own.
  const centreChoices = [...(countyUser() ? [['', '全县']] : []), ...centres.map((c) => [String(c.id), c.name])];

  const i = {
    username: text('', { id: 'user-name', autocomplete: 'off' }),
    role: select({ id: 'user-role', onchange: () => { winField.hidden = i.role.value !== 'window'; } }, roles, 'editor'),
    window: select({ id: 'user-window' }, windows.map((w) => [w.id, `${w.number}号窗口 ${w.business}`]), ''),
    centre: select({ id: 'user-centre' }, centreChoices, pickedCentre() ? String(pickedCentre()) : ''),
    password: text('', { type: 'password', id: 'user-password', autocomplete: 'new-password' }),
  };
  const winField = form.field('窗口', i.window, 'window_id');
  winField.hidden = true;

  async function load() {
    try {
      const answer = await get('/api/users');
      const items = Array.isArray(answer) ? answer : answer.items || [];
      replace(listEl, h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, ['用户名', '角色', '中心', '窗口', '登录', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, items.map((u) => h('tr', {},
          h('td', {}, u.username), h('td', {}, label(roles, u.role)), h('td', { class: 'user-centre' }, centreName(u.centre_id)),
          h('td', {}, windowName(u.window_id)),
          h('td', {}, u.locked_seconds > 0 ? [h('span', { class: 'error' }, `已锁定（还有${lockWait(u.locked_seconds)}）`), ' ',
            h('button', { type: 'button', class: 'link', onclick: () => unlock(u.username) }, '解除锁定')] : ''),
          h('td', {}, u.username === user()?.username ? h('span', { class: 'muted' }, '（当前用户）')
            : [h('button', { type: 'button', class: 'link reset-password', onclick: () => resetPassword(u.username) }, '重置密码'), ' ',
              h('button', { type: 'button', class: 'link danger', onclick: () => remove(u.username) }, '删除')]))))));
    } catch (e) {
      replace(listEl, h('p', { class: 'error' }, errorText(e)));
    }
  }

  const lockWait = (s) => (s < 60 ? `${s}秒` : `${Math.ceil(s / 60)}分钟`);

  async function unlock(name) {
    try {
      await api('POST', `/api/users/${encodeURIComponent(name)}/unlock`, {});
      form.message(`已解除用户“${name}”的登录锁定`);
      load();
    } catch (e) { form.error(e); }
  }

  // A new password for another user, who is logged out everywhere.
  async function resetPassword(name) {
    const given = prompt(`为用户“${name}”设置新密码（至少8位）：`);
    if (given === null) return;
    try {
      await api('POST', `/api/users/${encodeURIComponent(name)}/password`, { password: given });
      form.message(`已重置用户“${name}”的密码，该用户须用新密码重新登录`);
    } catch (e) { form.message(errorText(e), 'error'); }
  }

  async function remove(name) {
    if (!confirm(`确定删除用户“${name}”吗？`)) return;
    try {
      await api('DELETE', `/api/users/${encodeURIComponent(name)}`);
      form.message(`已删除用户“${name}”`);
      load();
    } catch (e) { form.error(e); }
  }

  async function add(e) {
    e.preventDefault();
    form.clear();
    const body = { username: i.username.value.trim(), role: i.role.value, password: i.password.value,
      window_id: i.role.value === 'window' ? Number(i.window.value) : null, centre_id: Number(i.centre.value) || null };
    try {
      await api('POST', '/api/users', body);
      form.message(`已添加用户“${body.username}”`);
      i.username.value = ''; i.password.value = '';
      load();
    } catch (err) { form.error(err); }
  }

  const backupsEl = h('div', { class: 'panel', id: 'backups' }, h('h3', {}, '备份'), h('p', { class: 'muted' }, '读取中…'));
  async function loadBackups() {
    try {
      const b = await get('/api/backups');
      const items = b.items || [];
      const size = (n) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
      replace(backupsEl, h('h3', {}, '备份'),
        h('p', { class: 'muted' }, b.keep > 0 ? `每晚自动备份（数据库和照片、样表），保留最近 ${b.keep} 份；用 gongshi restore 恢复。`
          : '未开启每晚备份（gongshi serve --backup-keep N 开启）。'),
        b.last_error ? h('p', { class: 'error' }, `最近一次备份失败：${b.last_error}`) : null,
        items.length ? h('p', {}, h('a', { href: '/api/backups/latest', download: items[0].name, id: 'backup-latest' },
          `下载最新备份 ${items[0].name}（${size(items[0].bytes)}）`)) : h('p', { class: 'muted' }, '还没有备份。'),
        items.length > 1 ? h('p', { class: 'muted' }, `较早的：${items.slice(1).map((x) => x.name).join('、')}`) : null);
    } catch (e) {
      replace(backupsEl, h('h3', {}, '备份'), h('p', { class: 'error' }, errorText(e)));
    }
  }

  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '用户')), listEl,
    h('form', { class: 'record panel', onsubmit: add }, h('h3', {}, '添加用户'), form.banner,
      h('div', { class: 'row' }, form.field('用户名', i.username, 'username'), form.field('角色', i.role, 'role'),
        form.field('中心', i.centre, 'centre_id')),
      h('div', { class: 'row' }, winField, form.field('初始密码', i.password, 'password')),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '添加'))),
    // Backups and alerts span every centre: the county's admins only.
    countyUser() ? [backupsEl, alertsPanel()] : null);
  load();
  if (countyUser()) loadBackups();
}
